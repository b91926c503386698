package io.salespulse.dashboard.security;

import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Read-only API tokens from configuration ({@code salespulse.dashboard.api-tokens}, from a Secret): a name and the
 * SHA-256 of the token each, so the configuration never holds a usable token. Tokens are long random strings, so a
 * fast hash is enough (unlike passwords, they cannot be guessed from a dictionary).
 */
@ApplicationScoped
public class ApiTokens {

    public static final String ROLE = "api-reader";
    /** Shorter tokens are refused outright: they could be guessed. */
    static final int MIN_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(ApiTokens.class);
    private static final NamedHashEntries ENTRIES = new NamedHashEntries("salespulse.dashboard.api-tokens", "token",
            Pattern.compile("[0-9a-fA-F]{64}"),
            "name:sha256-hex (64 hex digits, e.g. from: printf %s \"$TOKEN\" | sha256sum)");

    /** Token hash (lower-case hex) to the token's name. */
    private final Map<String, String> names;

    @Inject
    public ApiTokens(DashboardConfig config) {
        this(config.apiTokens().orElse(List.of()));
    }

    ApiTokens(List<String> entries) {
        Map<String, String> parsed = new LinkedHashMap<>();
        ENTRIES.parse(entries).forEach((name, hash) -> {
            if (parsed.put(hash.toLowerCase(), name) != null) {
                throw ENTRIES.listedTwice(name);
            }
        });
        this.names = Map.copyOf(parsed);
        if (!names.isEmpty()) {
            LOG.infof("%d API token(s) configured: %s", names.size(), String.join(", ", parsed.values()));
        }
    }

    /** The name of the token, if it is a configured one. */
    public Optional<String> nameOf(String token) {
        if (token == null || token.length() < MIN_LENGTH || token.length() > 512 || names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(names.get(sha256(token)));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
