package io.salespulse.schema.order;

import java.util.Objects;

/** The outcome of reading one record: either a valid order or the reason it was rejected. */
public sealed interface ParsedOrder {

    record Valid(OrderEvent order) implements ParsedOrder {
        public Valid {
            Objects.requireNonNull(order);
        }
    }

    record Rejected(RejectReason reason, String message) implements ParsedOrder {
        public Rejected {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(message);
        }
    }

    static ParsedOrder rejected(RejectReason reason, String message) {
        return new Rejected(reason, message);
    }
}
