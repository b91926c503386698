package io.salespulse.dashboard.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The users allowed to sign in, from configuration ({@code salespulse.dashboard.users}, typically injected from a
 * Kubernetes Secret): a name and a bcrypt hash each. Passwords are never stored or logged.
 */
@ApplicationScoped
public class UserDirectory {

    public static final String ROLE = "viewer";
    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final NamedHashEntries ENTRIES = new NamedHashEntries("salespulse.dashboard.users", "user",
            Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}"),
            "name:bcrypt-hash (a hash looks like $2a$12$ followed by 53 characters)");
    private static final int DEFAULT_COST = 10;

    private final Map<String, String> hashes;
    /**
     * Checked when the name is unknown, so an unknown user costs as much time as a wrong password: made with the
     * highest cost among the configured hashes.
     */
    private final String decoy;

    @Inject
    public UserDirectory(DashboardConfig config) {
        this(config.users().orElse(List.of()));
    }

    UserDirectory(List<String> entries) {
        Map<String, String> parsed = new LinkedHashMap<>();
        ENTRIES.parse(entries).forEach((name, hash) -> parsed.put(name, normalise(hash)));
        this.hashes = Map.copyOf(parsed);
        int cost = hashes.values().stream().mapToInt(UserDirectory::cost).max().orElse(DEFAULT_COST);
        this.decoy = BcryptUtil.bcryptHash(java.util.UUID.randomUUID().toString(), cost);
        if (hashes.isEmpty()) {
            LOG.warn("No users configured (salespulse.dashboard.users / SALESPULSE_DASHBOARD_USERS): nobody can sign in");
        } else {
            LOG.infof("%d dashboard user(s) configured: %s", hashes.size(), String.join(", ", parsed.keySet()));
        }
    }

    /**
     * $2a$, $2b$ and $2y$ hashes from correct implementations are the same computation; the verifier knows $2a$.
     */
    private static String normalise(String hash) {
        if (hash.startsWith("$2$")) {
            return "$2a$" + hash.substring(3);
        }
        return "$2a$" + hash.substring(4);
    }

    /** The cost (log2 rounds) of a bcrypt hash: $2a$12$... is 12. */
    static int cost(String hash) {
        return Integer.parseInt(hash.substring(4, 6));
    }

    int decoyCost() {
        return cost(decoy);
    }

    public boolean exists(String name) {
        return name != null && hashes.containsKey(name);
    }

    /** True when {@code name} is configured and {@code password} matches its hash. Takes bcrypt time either way. */
    public boolean verify(String name, char[] password) {
        String hash = name == null ? null : hashes.get(name);
        String plain = new String(password);
        if (hash == null) {
            BcryptUtil.matches(plain, decoy);
            return false;
        }
        return BcryptUtil.matches(plain, hash);
    }

    public Optional<SecurityIdentity> identity(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        return Optional.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(ROLE)
                .build());
    }
}
