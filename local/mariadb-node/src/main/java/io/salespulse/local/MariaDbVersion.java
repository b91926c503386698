package io.salespulse.local;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A MariaDB server version; data directories move between release series (10.11 → 11.4) only upwards. */
public record MariaDbVersion(int major, int minor, int patch) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Parses the leading "10.11.19" of strings such as "10.11.19-MariaDB" or "11.4.5". */
    public static Optional<MariaDbVersion> parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new MariaDbVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** From the 6-digit version id MariaDB stores in .frm headers, e.g. 101119 → 10.11.19. */
    static MariaDbVersion fromId(long id) {
        return new MariaDbVersion((int) (id / 10000), (int) (id / 100 % 100), (int) (id % 100));
    }

    /** Compares release series only (10.11 vs 11.4): patch releases of one series share a data format. */
    public int compareSeries(MariaDbVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    public String series() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
