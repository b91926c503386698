package io.salespulse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.salespulse.schema.order.CardType;
import io.salespulse.schema.order.Channel;
import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import io.salespulse.schema.order.OrderJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates realistic orders, with duplicates, late and malformed records at the configured fractions. Given the same
 * seed and the same sequence of "now" instants it produces exactly the same records. Not thread-safe.
 */
public final class OrderGenerator {

    private static final List<RecordKind> MALFORMED_KINDS = List.of(RecordKind.MALFORMED_JSON,
            RecordKind.MISSING_FIELD, RecordKind.NEGATIVE_QUANTITY, RecordKind.WRONG_TOTAL, RecordKind.UNKNOWN_COUNTRY);
    private static final List<String> REQUIRED_FIELDS = List.of("event_id", "order_id", "event_time", "customer_id",
            "country", "card_type", "currency", "items", "total_amount");
    private static final int RECENT = 16;

    private final Random random;
    private final Anomalies anomalies;
    private final WeightedChoice<Markets.Market> markets = new WeightedChoice<>(Markets.MARKETS, Markets.Market::weight);
    private final WeightedChoice<Markets.CardShare> cards = new WeightedChoice<>(Markets.CARD_SHARES, Markets.CardShare::weight);
    private final WeightedChoice<Catalogue.Product> products = new WeightedChoice<>(Catalogue.PRODUCTS, Catalogue.Product::popularity);
    private final Deque<SimulatedRecord> recentValid = new ArrayDeque<>();

    public OrderGenerator(long seed, Anomalies anomalies) {
        this.random = new Random(seed);
        this.anomalies = anomalies;
    }

    /** The next record, with event times around {@code now}. */
    public SimulatedRecord next(Instant now) {
        double roll = random.nextDouble();
        if (roll < anomalies.malformed()) {
            return malformed(now);
        }
        roll -= anomalies.malformed();
        if (roll < anomalies.duplicates() && !recentValid.isEmpty()) {
            SimulatedRecord original = pickRecent();
            return new SimulatedRecord(original.key(), original.value(), RecordKind.DUPLICATE, original.order());
        }
        roll -= anomalies.duplicates();
        if (roll < anomalies.late()) {
            return remember(record(order(now.minus(lateness())), RecordKind.LATE));
        }
        return remember(record(order(now), RecordKind.VALID));
    }

    private SimulatedRecord pickRecent() {
        int index = random.nextInt(recentValid.size());
        return recentValid.stream().skip(index).findFirst().orElseThrow();
    }

    private SimulatedRecord remember(SimulatedRecord record) {
        recentValid.addLast(record);
        if (recentValid.size() > RECENT) {
            recentValid.removeFirst();
        }
        return record;
    }

    private Duration lateness() {
        long min = anomalies.lateMin().toMillis();
        long max = anomalies.lateMax().toMillis();
        return Duration.ofMillis(min + (max > min ? (long) (random.nextDouble() * (max - min)) : 0));
    }

    private static SimulatedRecord record(OrderEvent order, RecordKind kind) {
        return new SimulatedRecord(order.orderId(), json(order), kind, order);
    }

    /**
     * About half the web orders leave channel out, as producers from before the field did: the contract reads them
     * as web, so the stream always carries both forms.
     */
    static String json(OrderEvent order) {
        if (order.channel() == Channel.DEFAULT && Math.floorMod(order.eventId().getMostSignificantBits(), 2L) == 0) {
            ObjectNode tree = OrderJson.toTree(order);
            tree.remove("channel");
            return tree.toString();
        }
        return OrderJson.write(order);
    }

    OrderEvent order(Instant eventTime) {
        Markets.Market market = markets.pick(random);
        CardType card = cards.pick(random).cardType();
        int lines = 1 + random.nextInt(5);
        List<OrderItem> items = new ArrayList<>(lines);
        List<String> chosen = new ArrayList<>();
        while (items.size() < lines) {
            Catalogue.Product product = products.pick(random);
            if (chosen.contains(product.id())) {
                continue;
            }
            chosen.add(product.id());
            int quantity = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(3);
            items.add(new OrderItem(product.id(), product.name(), product.category(), quantity, localPrice(product, market)));
        }
        UUID eventId = uuid();
        String orderId = "ORD-" + HexFormat.of().toHexDigits(random.nextLong()).substring(4).toUpperCase();
        String customerId = "C-" + (100000 + random.nextInt(50000));
        OffsetDateTime time = OffsetDateTime.ofInstant(eventTime.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), ZoneOffset.UTC);
        return new OrderEvent(eventId, orderId, time, customerId, market.country(), card, market.currency(), items,
                OrderEvent.expectedTotal(items), channel(eventId));
    }

    /**
     * About 55 % web, 35 % mobile app, 10 % marketplace. Taken from the event id's random bits rather than a new draw,
     * so a seed gives the same orders as before channels existed, now with a channel.
     */
    static Channel channel(UUID eventId) {
        int bucket = (int) Math.floorMod(eventId.getLeastSignificantBits(), 20L);
        return bucket < 11 ? Channel.WEB : bucket < 18 ? Channel.MOBILE_APP : Channel.MARKETPLACE;
    }

    private static BigDecimal localPrice(Catalogue.Product product, Markets.Market market) {
        int scale = market.currency().equals("JPY") ? 0 : 2;
        return product.priceUsd().multiply(market.pricePerUsd()).setScale(scale, RoundingMode.HALF_UP).setScale(2);
    }

    /** A random (version 4) UUID drawn from the seeded generator, so runs repeat. */
    private UUID uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private SimulatedRecord malformed(Instant now) {
        RecordKind kind = MALFORMED_KINDS.get(random.nextInt(MALFORMED_KINDS.size()));
        OrderEvent order = order(now);
        ObjectNode json = OrderJson.toTree(order);
        String value = switch (kind) {
            case MALFORMED_JSON -> {
                String text = json.toString();
                yield text.substring(0, 1 + random.nextInt(text.length() - 1));
            }
            case MISSING_FIELD -> {
                json.remove(REQUIRED_FIELDS.get(random.nextInt(REQUIRED_FIELDS.size())));
                yield json.toString();
            }
            case NEGATIVE_QUANTITY -> {
                ((ObjectNode) json.withArray("items").get(0)).put("quantity", -1 - random.nextInt(3));
                yield json.toString();
            }
            case WRONG_TOTAL -> {
                json.put("total_amount", order.totalAmount().add(new BigDecimal("0.01").multiply(BigDecimal.valueOf(1 + random.nextInt(999)))));
                yield json.toString();
            }
            case UNKNOWN_COUNTRY -> {
                json.put("country", random.nextBoolean() ? "ZZ" : "XQ");
                yield json.toString();
            }
            default -> throw new IllegalStateException("not a malformed kind: " + kind);
        };
        return new SimulatedRecord(order.orderId(), value, kind, null);
    }
}
