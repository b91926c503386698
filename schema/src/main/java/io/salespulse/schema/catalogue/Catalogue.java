package io.salespulse.schema.catalogue;

import io.salespulse.schema.order.CardType;
import io.salespulse.schema.order.Channel;
import io.salespulse.schema.order.OrderLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * THE list of dimensions the aggregates are sliced by. The job aggregates every one of them, the fact table
 * ({@link FactTable}) has a key column for each, the dashboard filters and breaks down by the ones marked so. Adding
 * a dimension: a field in the order contract, an entry here, a migration adding its column to {@code sales_fact}
 * (and the raw store's CQL); nothing else is spelled out per dimension.
 *
 * <p>Column widths of contract text come from {@link OrderLimits.Text}, like the rest of the contract's limits.
 */
public final class Catalogue {

    public static final Dimension COUNTRY = new Dimension("country", "country", "Country", Level.ORDER,
            Column.code("country", 2, true), List.of(), Optional.empty(), true, true, new Values.CountryCodes(),
            new Dimension.OrderSource(o -> o.country()));

    public static final Dimension CARD_TYPE = new Dimension("card_type", "cardType", "Card type", Level.ORDER,
            Column.code("card_type", 16, false), List.of(), Optional.empty(), true, true,
            new Values.Closed(Arrays.stream(CardType.values()).map(CardType::name).toList()),
            new Dimension.OrderSource(o -> o.cardType().name()));

    public static final Dimension CHANNEL = new Dimension("channel", "channel", "Channel", Level.ORDER,
            Column.code("channel", 16, false), List.of(), Optional.empty(), true, true, new Values.Closed(Channel.wires()),
            new Dimension.OrderSource(o -> o.channel().wire()));

    public static final Dimension CATEGORY = new Dimension("category", "category", "Category", Level.LINE,
            Column.of(OrderLimits.Text.CATEGORY), List.of(), Optional.empty(), true, true,
            new Values.Text(OrderLimits.Text.CATEGORY.maxLength()),
            new Dimension.LineSource(i -> List.of(i.category())));

    /** Products have their own panel (top products), so they are neither a filter nor a breakdown. */
    public static final Dimension PRODUCT = new Dimension("product", "product", "Product", Level.LINE,
            Column.of(OrderLimits.Text.PRODUCT_ID), List.of(Column.of(OrderLimits.Text.PRODUCT_NAME)),
            Optional.of("category"), false, false, new Values.Text(OrderLimits.Text.PRODUCT_ID.maxLength()),
            new Dimension.LineSource(i -> List.of(i.productId(), i.productName())));

    private static final List<Dimension> ALL = List.of(COUNTRY, CARD_TYPE, CHANNEL, CATEGORY, PRODUCT);

    private Catalogue() {
    }

    public static List<Dimension> all() {
        return ALL;
    }

    public static List<Dimension> at(Level level) {
        return ALL.stream().filter(d -> d.level() == level).toList();
    }

    public static List<Dimension> filters() {
        return ALL.stream().filter(Dimension::filterable).toList();
    }

    public static List<Dimension> breakdowns() {
        return ALL.stream().filter(Dimension::breakdown).toList();
    }

    public static Dimension named(String name) {
        return ALL.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dimension named " + name));
    }

    /** By its name or its query parameter ({@code card_type} or {@code cardType}). */
    public static Optional<Dimension> lookup(String nameOrParameter) {
        return ALL.stream().filter(d -> d.name().equals(nameOrParameter) || d.parameter().equals(nameOrParameter))
                .findFirst();
    }
}
