package io.salespulse.dashboard.query;

/**
 * The dimensions the streaming job aggregates by: one V1 table each (used when no filter is set) and the same column
 * name in the combined V4 slices. Table and column names come only from here, never from a request.
 */
public enum Dimension {
    COUNTRY("country", "Country", "sales_minute_by_country", "country"),
    CARD_TYPE("cardType", "Card type", "sales_minute_by_card_type", "card_type"),
    CATEGORY("category", "Category", "sales_minute_by_category", "category");

    private final String parameter;
    private final String label;
    private final String table;
    private final String column;

    Dimension(String parameter, String label, String table, String column) {
        this.parameter = parameter;
        this.label = label;
        this.table = table;
        this.column = column;
    }

    /** The query parameter (and JSON name) that filters by this dimension. */
    public String parameter() {
        return parameter;
    }

    public String label() {
        return label;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }
}
