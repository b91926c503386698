package io.salespulse.local;

/** One record as it sits in the Kafka log. */
record LogRecord(int partition, long offset, String value) {
}
