package io.salespulse.schema.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code sales_fact}: every aggregate row of every grain in one table, keyed by window, grain and one column per
 * dimension of the {@link Catalogue} ('' where the grain does not carry the dimension). The per-window totals stay
 * in {@code sales_minute} (with {@code window_end} and the {@code updated_at} the dashboard's change index uses).
 */
public final class FactTable {

    public static final String TABLE = "sales_fact";
    public static final String GRAIN = "grain";
    public static final String WINDOW_START = "window_start";
    public static final List<String> MEASURES = List.of("revenue", "orders", "items");

    private FactTable() {
    }

    /** The dimension key columns, in catalogue order (part of the primary key). */
    public static List<String> keyColumns() {
        return Catalogue.all().stream().map(d -> d.key().name()).toList();
    }

    /** The attribute columns (not in the key). */
    public static List<String> attributeColumns() {
        return Catalogue.all().stream().flatMap(d -> d.attributes().stream()).map(Column::name).toList();
    }

    /** Key then attribute columns: what a row's dimension values fill, in this order. */
    public static List<String> dimensionColumns() {
        List<String> columns = new ArrayList<>(keyColumns());
        columns.addAll(attributeColumns());
        return List.copyOf(columns);
    }

    /**
     * The additive upsert of one row: parameters window_start, grain, {@link #dimensionColumns()}, revenue, orders,
     * items. Attributes keep their first value (a product's name).
     */
    public static String upsertSql() {
        List<String> columns = new ArrayList<>(List.of(WINDOW_START, GRAIN));
        columns.addAll(dimensionColumns());
        columns.addAll(MEASURES);
        return "INSERT INTO " + TABLE + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ") ON DUPLICATE KEY UPDATE "
                + "revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders), items = items + VALUES(items)";
    }
}
