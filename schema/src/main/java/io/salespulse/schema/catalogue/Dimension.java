package io.salespulse.schema.catalogue;

import io.salespulse.schema.order.OrderEvent;
import io.salespulse.schema.order.OrderItem;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One dimension of the aggregates, as {@link Catalogue} lists it. Everything that slices sales — the job's
 * aggregation, the fact table's key, the dashboard's filters and breakdowns — reads this instead of spelling the
 * dimension out. Static and code, not data: Spark executors read it from the same jar, nothing is shipped.
 *
 * @param name       stable identifier ({@code country}); also the API's path segment
 * @param parameter  the query parameter that filters by it ({@code cardType})
 * @param label      what a person reads
 * @param level      order or line
 * @param key        the column holding the value (named like the contract field it comes from)
 * @param attributes columns carried along with the key but not identifying it (a product's name)
 * @param within     a line dimension whose value every row of this one also carries ({@code category} for products),
 *                   so this dimension can be filtered by it
 * @param filterable whether views may be filtered by one of its values
 * @param breakdown  whether views show sales broken down by it
 * @param values     what a filter on it accepts and offers
 * @param source     how the job reads its values from an accepted order
 */
public record Dimension(String name, String parameter, String label, Level level, Column key, List<Column> attributes,
                        Optional<String> within, boolean filterable, boolean breakdown, Values values, Source source) {

    public Dimension {
        attributes = List.copyOf(attributes);
    }

    /** Reads a dimension's values from an accepted order: the key first, then the attributes in their order. */
    public sealed interface Source permits OrderSource, LineSource {
    }

    /** The values of an order-level dimension. */
    public record OrderSource(Function<OrderEvent, String> read) implements Source {
    }

    /** The key and attribute values of a line-level dimension, for one line. */
    public record LineSource(Function<OrderItem, List<String>> read) implements Source {
    }

    /** The value of an order-level dimension for {@code order}. */
    public String valueOf(OrderEvent order) {
        if (source instanceof OrderSource s) {
            return s.read().apply(order);
        }
        throw new IllegalStateException(name + " is a line dimension");
    }

    /** The key then attribute values of a line-level dimension for {@code item}. */
    public List<String> valuesOf(OrderItem item) {
        if (source instanceof LineSource s) {
            return s.read().apply(item);
        }
        throw new IllegalStateException(name + " is an order dimension");
    }

    /** The key column then the attribute columns. */
    public List<Column> columns() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(key), attributes.stream()).toList();
    }
}
