package io.salespulse.dashboard.security;

import io.salespulse.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few bcrypt checks at a time: each costs tens of milliseconds of CPU on purpose, so unauthenticated requests
 * must not be able to run them on every core at once. Sign-ins beyond the slots wait briefly, then are refused.
 */
@ApplicationScoped
public class PasswordCheckSlots {

    private final Semaphore slots;
    private final long waitMillis;

    @Inject
    public PasswordCheckSlots(DashboardConfig config) {
        this.slots = new Semaphore(Math.max(1, config.signIn().concurrentChecks()), true);
        this.waitMillis = config.signIn().checkQueueTimeout().toMillis();
    }

    /** True when a slot was taken (then {@link #release} it); false when none came free in time. */
    public boolean acquire() {
        try {
            return slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void release() {
        slots.release();
    }

    public int available() {
        return slots.availablePermits();
    }
}
