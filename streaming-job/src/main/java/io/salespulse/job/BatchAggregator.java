package io.salespulse.job;

import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.Column;
import io.salespulse.schema.catalogue.Dimension;
import io.salespulse.schema.catalogue.FactTable;
import io.salespulse.schema.catalogue.Grain;
import io.salespulse.schema.catalogue.Level;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Aggregates a micro-batch of distinct, valid orders per event-time window into every {@link Grain} of the fact
 * table, plus each window's total. Combines before it expands: each Spark partition folds its orders, in one pass,
 * straight into the rows of every grain (a hash map keyed by grain, window and dimension values — a few hundred
 * rows, however many orders); the driver adds up those partial rows. No shuffle, no per-line expansion into grouping
 * sets. The grains and columns come from the {@link Catalogue}; rows are read by column name.
 *
 * <p>Order grain: revenue in USD, orders, items of whole orders. Line grains: revenue and items of the lines with a
 * value; orders = the orders with at least one such line (the line marked {@code first_of_<dimension>}).
 */
public final class BatchAggregator {

    /** The partial rows one partition sends back. */
    static final StructType PARTIAL = partialSchema();

    private BatchAggregator() {
    }

    private static StructType partialSchema() {
        StructType schema = new StructType()
                .add("grain", DataTypes.StringType, false)
                .add("window_start", DataTypes.TimestampType, false);
        for (String column : FactTable.dimensionColumns()) {
            schema = schema.add(column, DataTypes.StringType, false);
        }
        return schema.add("revenue", ParsedRecords.MONEY, false)
                .add("orders", DataTypes.LongType, false)
                .add("items", DataTypes.LongType, false);
    }

    public static List<WindowAggregate> aggregate(Dataset<Row> orders) {
        MapPartitionsFunction<Row, Row> fold = rows -> new Fold().addAll(rows).rows();
        Fold total = new Fold();
        for (Row partial : orders.mapPartitions(fold, Encoders.row(PARTIAL)).collectAsList()) {
            total.add(partial);
        }
        return total.aggregates();
    }

    /** Sums keyed by grain, window and dimension values. */
    private static final class Fold {
        private final Map<Key, Sums> sums = new HashMap<>();
        private final List<Grain> grains = Grain.all();
        private final List<String> columns = FactTable.dimensionColumns();

        Fold addAll(Iterator<Row> orders) {
            while (orders.hasNext()) {
                addOrder(orders.next());
            }
            return this;
        }

        private void addOrder(Row order) {
            Instant window = order.getAs("window_start");
            for (Grain grain : grains) {
                if (grain.isOrder()) {
                    String[] values = emptyValues();
                    fillOrderValues(order, values);
                    sums(grain.name(), window, values).add(order.getAs("revenue"), 1,
                            order.<Integer>getAs("item_count"));
                    continue;
                }
                Dimension line = grain.line().orElseThrow();
                List<Row> items = order.getList(order.fieldIndex("items"));
                for (Row item : items) {
                    String[] values = emptyValues();
                    fillOrderValues(order, values);
                    for (Dimension d : grain.dimensions()) {
                        if (d.level() == Level.LINE) {
                            for (Column c : d.columns()) {
                                values[columns.indexOf(c.name())] = item.getAs(c.name());
                            }
                        }
                    }
                    boolean first = item.getAs(ParsedRecords.firstOf(line));
                    sums(grain.name(), window, values).add(item.getAs("revenue"), first ? 1 : 0,
                            item.<Integer>getAs("quantity"));
                }
            }
        }

        private String[] emptyValues() {
            String[] values = new String[columns.size()];
            java.util.Arrays.fill(values, "");
            return values;
        }

        private void fillOrderValues(Row order, String[] values) {
            for (Dimension d : Catalogue.at(Level.ORDER)) {
                values[columns.indexOf(d.key().name())] = order.getAs(d.key().name());
            }
        }

        /** Adds one partial row from a partition. */
        void add(Row partial) {
            String[] values = new String[columns.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = partial.getAs(columns.get(i));
            }
            sums(partial.getAs("grain"), partial.getAs("window_start"), values)
                    .add(partial.getAs("revenue"), partial.<Long>getAs("orders"), partial.<Long>getAs("items"));
        }

        private Sums sums(String grain, Instant window, String[] values) {
            return sums.computeIfAbsent(new Key(grain, window, List.of(values)), k -> new Sums());
        }

        Iterator<Row> rows() {
            List<Row> rows = new ArrayList<>(sums.size());
            sums.forEach((key, s) -> {
                NamedRow row = new NamedRow(PARTIAL).set("grain", key.grain()).set("window_start", key.window())
                        .set("revenue", s.revenue).set("orders", s.orders).set("items", s.items);
                for (int i = 0; i < columns.size(); i++) {
                    row.set(columns.get(i), key.values().get(i));
                }
                rows.add(row.build());
            });
            return rows.iterator();
        }

        /** The fact rows, and each window's total (the sum of its order-grain rows). */
        List<WindowAggregate> aggregates() {
            List<WindowAggregate> out = new ArrayList<>(sums.size());
            Map<Instant, Sums> totals = new HashMap<>();
            sums.forEach((key, s) -> {
                out.add(new WindowAggregate(key.grain(), key.window(), key.values(), s.revenue.setScale(2), s.orders,
                        s.items));
                if (key.grain().equals(Grain.ORDER)) {
                    totals.computeIfAbsent(key.window(), w -> new Sums()).add(s.revenue, s.orders, s.items);
                }
            });
            List<String> none = Collections.nCopies(columns.size(), "");
            totals.forEach((window, s) -> out.add(new WindowAggregate(WindowAggregate.TOTAL, window, none,
                    s.revenue.setScale(2), s.orders, s.items)));
            return out;
        }
    }

    private record Key(String grain, Instant window, List<String> values) implements Serializable {
    }

    private static final class Sums implements Serializable {
        private BigDecimal revenue = BigDecimal.ZERO;
        private long orders;
        private long items;

        void add(BigDecimal revenue, long orders, long items) {
            this.revenue = this.revenue.add(revenue);
            this.orders += orders;
            this.items += items;
        }
    }
}
