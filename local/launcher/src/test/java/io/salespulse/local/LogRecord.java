package io.salespulse.local;

/** One record as it sits in the Kafka log; the value is null for the test's hostile records (kept by key only). */
record LogRecord(int partition, long offset, String key, String value) {
}
