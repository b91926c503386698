package io.salespulse.job;

import io.salespulse.schema.order.CardType;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderJson;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Hand-made orders with amounts that are easy to add up in a test. */
final class Orders {

    private Orders() {
    }

    static String json(String eventId, String time, String country, CardType card, String currency, OrderItem... items) {
        List<OrderItem> lines = List.of(items);
        return OrderJson.write(new OrderEvent(UUID.fromString(eventId), "ORD-" + eventId.substring(0, 8),
                OffsetDateTime.parse(time), "C-1", country, card, currency, lines, OrderEvent.expectedTotal(lines)));
    }

    static OrderItem item(String product, String category, int quantity, String price) {
        return new OrderItem(product, product + " name", category, quantity, new BigDecimal(price));
    }

    static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }
}
