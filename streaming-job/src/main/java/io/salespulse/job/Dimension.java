package io.salespulse.job;

/** The aggregate tables, one per way of slicing a window's sales. */
public enum Dimension {
    TOTAL("sales_minute"),
    COUNTRY("sales_minute_by_country"),
    CARD_TYPE("sales_minute_by_card_type"),
    CATEGORY("sales_minute_by_category"),
    PRODUCT("sales_minute_by_product");

    private final String table;

    Dimension(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }
}
