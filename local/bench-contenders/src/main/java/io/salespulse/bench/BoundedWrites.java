package io.salespulse.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Asynchronous writes with at most {@code max} requests in flight, as a user of the driver would bound them. */
final class BoundedWrites {

    private final CqlSession session;
    private final int max;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    BoundedWrites(CqlSession session, int max) {
        this.session = session;
        this.max = max;
        this.inFlight = new Semaphore(max);
    }

    boolean healthy() {
        return failures.isEmpty();
    }

    void submit(Statement<?> statement) throws InterruptedException {
        inFlight.acquire();
        session.executeAsync(statement).whenComplete((rs, error) -> {
            if (error != null) {
                failures.add(error);
            }
            inFlight.release();
        });
    }

    /** Waits until every write is acknowledged; fails with the first failure. */
    void awaitAll(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(max, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Cassandra writes did not complete within " + timeout);
        }
        inFlight.release(max);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Cassandra write failed", failures.peek());
        }
    }
}
