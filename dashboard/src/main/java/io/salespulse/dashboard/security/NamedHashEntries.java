package io.salespulse.dashboard.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the {@code name:hash} entries of a credentials setting (dashboard users, API tokens): blank entries skipped,
 * names checked, each hash matched against its format, a name listed twice refused. Errors name the setting and the
 * entry's name, never the hash.
 *
 * @param setting     the configuration key, for messages (e.g. {@code salespulse.dashboard.users})
 * @param noun        what one entry names, for messages ("user", "token")
 * @param hashPattern what a valid hash looks like
 * @param format      the expected form, for messages (e.g. "name:bcrypt-hash (…)")
 */
record NamedHashEntries(String setting, String noun, Pattern hashPattern, String format) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** Name to hash, in the configured order. */
    Map<String, String> parse(List<String> entries) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            String name = colon < 0 ? entry : entry.substring(0, colon);
            String hash = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(setting + ": " + noun + " name '" + name
                        + "' must be 1-64 letters, digits or . _ @ -");
            }
            if (!hashPattern.matcher(hash).matches()) {
                throw new IllegalArgumentException(setting + ": the entry for '" + name + "' is not " + format);
            }
            if (parsed.put(name, hash) != null) {
                throw listedTwice(name);
            }
        }
        return parsed;
    }

    IllegalArgumentException listedTwice(String name) {
        return new IllegalArgumentException(setting + ": " + noun + " '" + name + "' is listed twice");
    }
}
