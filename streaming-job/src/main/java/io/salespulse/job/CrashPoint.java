package io.salespulse.job;

/**
 * Test hook for the fault tests: with {@code SALESPULSE_CRASH_BEFORE_COMMIT=N} the JVM halts (like kill -9: no
 * shutdown hooks, no cleanup) in the N-th batch this process handles, after the Cassandra writes and right before
 * the MySQL commit: the worst moment for exactly-once. Unset in every real deployment.
 */
final class CrashPoint {

    private final int crashInBatch;
    private int batches;

    CrashPoint(String setting) {
        this.crashInBatch = setting == null || setting.isBlank() ? 0 : Integer.parseInt(setting.strip());
    }

    void beforeCommit() {
        batches++;
        if (crashInBatch > 0 && batches == crashInBatch) {
            System.err.println("CrashPoint: halting before the MySQL commit of batch " + batches + " (test hook)");
            Runtime.getRuntime().halt(137);
        }
    }
}
