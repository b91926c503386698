package io.salespulse.simulator;

import io.salespulse.schema.order.OrderEvent;

/**
 * One record to publish: Kafka key and value, what it was meant to be, and the order behind it (null when the
 * record is malformed).
 */
public record SimulatedRecord(String key, String value, RecordKind kind, OrderEvent order) {
}
