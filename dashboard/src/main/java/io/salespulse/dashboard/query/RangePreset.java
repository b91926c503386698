package io.salespulse.dashboard.query;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The time ranges offered on the page; {@link #CUSTOM} takes explicit from/to. */
public enum RangePreset {
    LAST_15_MINUTES("15m", "Last 15 min", Duration.ofMinutes(15)),
    LAST_HOUR("1h", "Last hour", Duration.ofHours(1)),
    LAST_24_HOURS("24h", "Last 24 h", Duration.ofHours(24)),
    LAST_7_DAYS("7d", "Last 7 days", Duration.ofDays(7)),
    CUSTOM("custom", "Custom", null);

    public static final RangePreset DEFAULT = LAST_HOUR;

    private final String key;
    private final String label;
    private final Duration length;

    RangePreset(String key, String label, Duration length) {
        this.key = key;
        this.label = label;
        this.length = length;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public static Optional<RangePreset> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
