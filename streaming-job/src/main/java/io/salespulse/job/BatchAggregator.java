package io.salespulse.job;

import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.Column;
import io.salespulse.schema.catalogue.Dimension;
import io.salespulse.schema.catalogue.FactTable;
import io.salespulse.schema.catalogue.Grain;
import io.salespulse.schema.catalogue.Level;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * Aggregates a micro-batch of distinct, valid orders per event-time window into every {@link Grain} of the fact
 * table, plus each window's total. Combines before it expands: each Spark partition folds its orders, in one pass,
 * straight into the sums of every grain (a hash map keyed by grain, window and dimension values); the driver adds up
 * those partial sums. No shuffle, no per-line expansion into grouping sets. The grains and columns come from the
 * {@link Catalogue}.
 *
 * <p>Why it is shaped like this (measured, docs/benchmarks.md): every column is read through an index resolved
 * once by name ({@link Layout}), not looked up per row; a partition sends its sums back as one compact byte block
 * instead of one Spark row per key (at the finest grain there are nearly as many keys as lines, and encoding each
 * as a row cost more than the fold itself). In the job the fold runs inside the task that writes the same rows to
 * Cassandra ({@link FreshOrdersPass}); on its own, {@link #aggregate} first narrows the rows to what the sums read.
 *
 * <p>Order grain: revenue in USD, orders, items of whole orders. Line grains: revenue and items of the lines with a
 * value; orders = the orders with at least one such line (the line marked {@code first_of_<dimension>}).
 */
public final class BatchAggregator {

    private BatchAggregator() {
    }

    /** Aggregates {@code orders} on its own (one Spark job): the rows are first narrowed to what the sums read. */
    public static List<WindowAggregate> aggregate(Dataset<Row> orders) {
        Dataset<Row> narrow = orders.select(Layout.columns());
        Layout layout = Layout.of(narrow.schema());
        MapPartitionsFunction<Row, byte[]> fold = rows -> {
            Fold partial = new Fold(layout);
            rows.forEachRemaining(partial::add);
            return List.of(partial.toBytes()).iterator();
        };
        return combine(layout, narrow.mapPartitions(fold, Encoders.BINARY()).collectAsList());
    }

    /** Adds up the partial sums the partitions sent: the fact rows, and each window's total. */
    static List<WindowAggregate> combine(Layout layout, List<byte[]> partials) {
        Fold total = new Fold(layout);
        partials.forEach(total::addBytes);
        return total.aggregates();
    }

    /**
     * Where each grain reads its values in a row of orders: resolved once, by name, on the driver, for whatever
     * columns the rows have besides these. {@code orderSlots} (the same for every grain: each carries every order
     * dimension) and, per grain, {@code lineSlots} pair a position in {@link FactTable#dimensionColumns()} with a
     * field of the order row or of its line rows.
     */
    record Layout(List<String> grains, boolean[] lineGrain, int[] orderSlots, int[][] lineSlots, int[] firstOfField,
                  int window, int revenue, int itemCount, int items, int lineRevenue, int lineQuantity,
                  int dimensionCount) implements Serializable {

        static Layout of(StructType orders) {
            StructType line = (StructType) ((ArrayType) orders.apply("items").dataType()).elementType();
            List<String> columns = FactTable.dimensionColumns();
            List<Grain> all = Grain.all();
            boolean[] lineGrain = new boolean[all.size()];
            int[][] lineSlots = new int[all.size()][];
            int[] firstOf = new int[all.size()];
            List<Integer> orderPairs = new ArrayList<>();
            for (Dimension d : Catalogue.at(Level.ORDER)) {
                orderPairs.add(columns.indexOf(d.key().name()));
                orderPairs.add(orders.fieldIndex(d.key().name()));
            }
            for (int g = 0; g < all.size(); g++) {
                Grain grain = all.get(g);
                lineGrain[g] = !grain.isOrder();
                List<Integer> linePairs = new ArrayList<>();
                for (Dimension d : grain.dimensions()) {
                    if (d.level() == Level.LINE) {
                        for (Column c : d.columns()) {
                            linePairs.add(columns.indexOf(c.name()));
                            linePairs.add(line.fieldIndex(c.name()));
                        }
                    }
                }
                lineSlots[g] = linePairs.stream().mapToInt(Integer::intValue).toArray();
                firstOf[g] = grain.line().map(d -> line.fieldIndex(ParsedRecords.firstOf(d))).orElse(-1);
            }
            return new Layout(all.stream().map(Grain::name).toList(), lineGrain,
                    orderPairs.stream().mapToInt(Integer::intValue).toArray(), lineSlots, firstOf,
                    orders.fieldIndex("window_start"), orders.fieldIndex("revenue"), orders.fieldIndex("item_count"),
                    orders.fieldIndex("items"), line.fieldIndex("revenue"), line.fieldIndex("quantity"),
                    columns.size());
        }

        /** The columns the sums read, lines narrowed too. */
        static org.apache.spark.sql.Column[] columns() {
            List<String> lineFields = new ArrayList<>(List.of("revenue", "quantity"));
            for (Dimension d : Catalogue.at(Level.LINE)) {
                d.columns().forEach(c -> lineFields.add(c.name()));
                lineFields.add(ParsedRecords.firstOf(d));
            }
            StringBuilder line = new StringBuilder();
            lineFields.forEach(f -> line.append(line.isEmpty() ? "" : ", ").append('\'').append(f).append("', i.").append(f));
            List<org.apache.spark.sql.Column> out = new ArrayList<>(List.of(functions.col("window_start"),
                    functions.col("revenue"), functions.col("item_count"),
                    functions.expr("transform(items, i -> named_struct(" + line + "))").as("items")));
            Catalogue.at(Level.ORDER).forEach(d -> out.add(functions.col(d.key().name())));
            return out.toArray(org.apache.spark.sql.Column[]::new);
        }
    }

    /** Sums keyed by grain, window and dimension values: one per partition, and one on the driver. */
    static final class Fold {
        private final Layout layout;
        private final Map<Key, Sums> sums = new HashMap<>();

        Fold(Layout layout) {
            this.layout = layout;
        }

        /** Adds one order (a row {@link Layout} was resolved for). */
        void add(Row order) {
            Instant window = order.getAs(layout.window());
            List<Row> items = null;
            // Read once: every grain's key starts from the order's dimensions (Key.of copies, so sharing is safe).
            String[] values = orderValues(order);
            for (int g = 0; g < layout.grains().size(); g++) {
                if (!layout.lineGrain()[g]) {
                    sums(g, window, values).add(order.getDecimal(layout.revenue()), 1, order.getInt(layout.itemCount()));
                    continue;
                }
                if (items == null) {
                    items = order.getList(layout.items());
                }
                int[] slots = layout.lineSlots()[g];
                for (Row item : items) {
                    String[] lineValues = values.clone();
                    for (int s = 0; s < slots.length; s += 2) {
                        lineValues[slots[s]] = item.getString(slots[s + 1]);
                    }
                    boolean first = item.getBoolean(layout.firstOfField()[g]);
                    sums(g, window, lineValues).add(item.getDecimal(layout.lineRevenue()), first ? 1 : 0,
                            item.getInt(layout.lineQuantity()));
                }
            }
        }

        private String[] orderValues(Row order) {
            String[] values = new String[layout.dimensionCount()];
            Arrays.fill(values, "");
            int[] slots = layout.orderSlots();
            for (int s = 0; s < slots.length; s += 2) {
                values[slots[s]] = order.getString(slots[s + 1]);
            }
            return values;
        }

        private Sums sums(int grain, Instant window, String[] values) {
            return sums.computeIfAbsent(Key.of(grain, window, values), k -> new Sums());
        }

        /** Grain, window, values, revenue, orders, items per key: what one partition sends to the driver. */
        byte[] toBytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * sums.size() + 16);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(sums.size());
                for (Map.Entry<Key, Sums> e : sums.entrySet()) {
                    writeString(out, e.getKey().text());
                    out.writeUTF(e.getValue().revenue.toPlainString());
                    out.writeLong(e.getValue().orders);
                    out.writeLong(e.getValue().items);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        /** Adds the sums one partition sent. */
        void addBytes(byte[] partial) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(partial))) {
                int keys = in.readInt();
                for (int k = 0; k < keys; k++) {
                    Key key = new Key(readString(in));
                    sums.computeIfAbsent(key, absent -> new Sums()).add(new BigDecimal(in.readUTF()), in.readLong(),
                            in.readLong());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** writeUTF stops at 64 KB; a key of several long values may pass that. */
        private static void writeString(DataOutputStream out, String text) throws IOException {
            byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        private static String readString(DataInputStream in) throws IOException {
            byte[] utf8 = new byte[in.readInt()];
            in.readFully(utf8);
            return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The fact rows, and each window's total (the sum of its order-grain rows). */
        List<WindowAggregate> aggregates() {
            List<WindowAggregate> out = new ArrayList<>(sums.size());
            Map<Instant, Sums> totals = new HashMap<>();
            sums.forEach((key, s) -> {
                String grain = layout.grains().get(key.grain());
                Instant window = key.window();
                out.add(new WindowAggregate(grain, window, key.values(), s.revenue.setScale(2), s.orders, s.items));
                if (grain.equals(Grain.ORDER)) {
                    totals.computeIfAbsent(window, w -> new Sums()).add(s.revenue, s.orders, s.items);
                }
            });
            List<String> none = Collections.nCopies(layout.dimensionCount(), "");
            totals.forEach((window, s) -> out.add(new WindowAggregate(WindowAggregate.TOTAL, window, none,
                    s.revenue.setScale(2), s.orders, s.items)));
            return out;
        }
    }

    /**
     * Grain, window and values in one string (each value prefixed by its length, so any text is unambiguous): a hash
     * lookup then compares one string, which measured clearly cheaper than a record of a list of strings at the
     * finest grain's hundred thousand keys.
     */
    private record Key(String text) {

        static Key of(int grain, Instant window, String[] values) {
            StringBuilder b = new StringBuilder(64).append(grain).append(':').append(window.getEpochSecond()).append(':')
                    .append(window.getNano());
            for (String value : values) {
                b.append(':').append(value.length()).append(':').append(value);
            }
            return new Key(b.toString());
        }

        int grain() {
            return Integer.parseInt(text.substring(0, text.indexOf(':')));
        }

        Instant window() {
            int a = text.indexOf(':');
            int b = text.indexOf(':', a + 1);
            int c = text.indexOf(':', b + 1);
            return Instant.ofEpochSecond(Long.parseLong(text.substring(a + 1, b)),
                    Integer.parseInt(c < 0 ? text.substring(b + 1) : text.substring(b + 1, c)));
        }

        List<String> values() {
            List<String> values = new ArrayList<>();
            int at = text.indexOf(':', text.indexOf(':', text.indexOf(':') + 1) + 1);
            while (at >= 0) {
                int colon = text.indexOf(':', at + 1);
                int length = Integer.parseInt(text.substring(at + 1, colon));
                values.add(text.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length < text.length() ? colon + 1 + length : -1;
            }
            return values;
        }
    }

    private static final class Sums {
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
