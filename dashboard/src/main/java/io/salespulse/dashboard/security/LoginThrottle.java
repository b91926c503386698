package io.salespulse.dashboard.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins counted per user name and per client address. After the limit, that name or address is locked out
 * for one window, doubling with every further failure up to the longest lockout; while locked, no password is checked
 * at all (not even a correct one, or the lockout would not slow guessing). A quiet window after the lockout ends
 * forgets the failures. Memory is bounded: the least recently used entries go first.
 */
@ApplicationScoped
public class LoginThrottle {

    private record Failures(int count, Instant last) {
    }

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Duration maxLockout;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> addresses;
    private volatile Clock clock = Clock.systemUTC();

    @Inject
    public LoginThrottle(DashboardConfig config) {
        DashboardConfig.SignIn signIn = config.signIn();
        this.maxPerUser = signIn.maxFailuresPerUser();
        this.maxPerAddress = signIn.maxFailuresPerAddress();
        this.window = signIn.window();
        this.maxLockout = signIn.maxLockout();
        this.users = Caffeine.newBuilder().maximumSize(100_000).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).build();
    }

    /** Tests move time on instead of waiting. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** How long the user name or the address is still locked out, if it is. */
    public Optional<Duration> lockedFor(String user, String address) {
        Instant now = clock.instant();
        Instant until = later(lockedUntil(users.getIfPresent(key(user)), maxPerUser),
                lockedUntil(addresses.getIfPresent(address), maxPerAddress));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    public void failed(String user, String address) {
        Instant now = clock.instant();
        users.asMap().compute(key(user), (k, f) -> next(f, maxPerUser, now));
        addresses.asMap().compute(address, (k, f) -> next(f, maxPerAddress, now));
    }

    /** A correct password clears the user's failures (not the address's: one known account must not reset those). */
    public void succeeded(String user) {
        users.invalidate(key(user));
    }

    private Failures next(Failures failures, int max, Instant now) {
        if (failures != null) {
            Instant until = lockedUntil(failures, max);
            Instant quietSince = until == null ? failures.last() : until;
            if (!now.isBefore(quietSince.plus(window))) {
                failures = null;
            }
        }
        return failures == null ? new Failures(1, now) : new Failures(failures.count() + 1, now);
    }

    private Instant lockedUntil(Failures failures, int max) {
        if (failures == null || failures.count() < max) {
            return null;
        }
        int doublings = Math.min(failures.count() - max, 30);
        Duration lockout = window.multipliedBy(1L << doublings);
        return failures.last().plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Names are bounded before they become keys (anything may be typed into the form). */
    private static String key(String user) {
        return user.length() > 64 ? user.substring(0, 64) : user;
    }
}
