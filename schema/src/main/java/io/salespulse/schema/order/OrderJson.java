package io.salespulse.schema.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes an order event in the contract's JSON form (snake_case, amounts as JSON numbers with two decimals). */
public final class OrderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderJson() {
    }

    public static ObjectNode toTree(OrderEvent order) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("event_id", order.eventId().toString());
        root.put("order_id", order.orderId());
        root.put("event_time", order.eventTime().toString());
        root.put("customer_id", order.customerId());
        root.put("country", order.country());
        root.put("card_type", order.cardType().name());
        root.put("channel", order.channel().wire());
        root.put("currency", order.currency());
        ArrayNode items = root.putArray("items");
        for (OrderItem item : order.items()) {
            items.addObject()
                    .put("product_id", item.productId())
                    .put("product_name", item.productName())
                    .put("category", item.category())
                    .put("quantity", item.quantity())
                    .put("unit_price", item.unitPrice());
        }
        root.put("total_amount", order.totalAmount());
        return root;
    }

    public static String write(OrderEvent order) {
        return toTree(order).toString();
    }
}
