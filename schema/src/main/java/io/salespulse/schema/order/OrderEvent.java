package io.salespulse.schema.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One order as published on the orders topic. {@code eventId} is the idempotency key: a producer that retries
 * sends the same eventId again, and every consumer must count it once.
 */
public record OrderEvent(
        UUID eventId,
        String orderId,
        OffsetDateTime eventTime,
        String customerId,
        String country,
        CardType cardType,
        String currency,
        List<OrderItem> items,
        BigDecimal totalAmount,
        Channel channel) {

    public OrderEvent {
        items = List.copyOf(items);
        channel = channel == null ? Channel.DEFAULT : channel;
    }

    /** An order without a channel: placed through the web shop ({@link Channel#DEFAULT}). */
    public OrderEvent(UUID eventId, String orderId, OffsetDateTime eventTime, String customerId, String country,
                      CardType cardType, String currency, List<OrderItem> items, BigDecimal totalAmount) {
        this(eventId, orderId, eventTime, customerId, country, cardType, currency, items, totalAmount, Channel.DEFAULT);
    }

    public OrderEvent withChannel(Channel channel) {
        return new OrderEvent(eventId, orderId, eventTime, customerId, country, cardType, currency, items, totalAmount,
                channel);
    }

    /** Σ quantity × unit price, rounded to the cent: what {@code totalAmount} must equal. */
    public static BigDecimal expectedTotal(List<OrderItem> items) {
        return items.stream().map(OrderItem::lineAmount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_UP);
    }

    public int itemCount() {
        return items.stream().mapToInt(OrderItem::quantity).sum();
    }
}
