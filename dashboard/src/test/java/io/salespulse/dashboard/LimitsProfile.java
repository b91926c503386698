package io.salespulse.dashboard;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Small limits so the tests reach them quickly: sign-in throttling (behind a trusted proxy on 127.0.0.1), live stream
 * caps, an https public URL (Secure cookie, HSTS) and one API token. The test classes that use it share one start.
 */
public class LimitsProfile implements QuarkusTestProfile {

    /** The API token the profile configures (only its SHA-256 is in the configuration). */
    public static final String API_TOKEN = "sp_test_4f9c1d7a0b8e42c6a3d5e7f901b2c4d6";
    /** printf %s "$API_TOKEN" | sha256sum */
    public static final String API_TOKEN_SHA256 = "f7ffd81ca1c3a12ae6e52715a824730ad3f5db90cf4a2493e19ce6f38cde8891";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("salespulse.dashboard.sign-in.max-failures-per-user", "3"),
                Map.entry("salespulse.dashboard.sign-in.max-failures-per-address", "6"),
                Map.entry("salespulse.dashboard.sign-in.window", "10m"),
                Map.entry("salespulse.dashboard.sign-in.trusted-proxies", "127.0.0.1,10.0.0.0/8"),
                Map.entry("salespulse.dashboard.sign-in.concurrent-checks", "1"),
                Map.entry("salespulse.dashboard.sign-in.check-queue-timeout", "0.2s"),
                Map.entry("salespulse.dashboard.session.absolute-timeout", "2h"),
                Map.entry("salespulse.dashboard.public-url", "https://sales.example.test/"),
                Map.entry("salespulse.dashboard.live.max-streams-per-user", "2"),
                Map.entry("salespulse.dashboard.live.max-streams", "3"),
                Map.entry("salespulse.dashboard.live.max-views", "50"),
                Map.entry("salespulse.dashboard.api-tokens", "ci-reader:" + API_TOKEN_SHA256));
    }
}
