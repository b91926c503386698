package io.salespulse.job;

import java.util.List;

/**
 * The aggregate tables: how a window's sales are sliced, which key columns each has, and whether its figures come
 * from whole orders, from the lines of a category, or from the lines of a product.
 */
public enum Dimension {
    TOTAL("sales_minute", List.of(), Level.ORDER, 0),
    COUNTRY("sales_minute_by_country", List.of("country"), Level.ORDER, 1),
    CARD_TYPE("sales_minute_by_card_type", List.of("card_type"), Level.ORDER, 2),
    CATEGORY("sales_minute_by_category", List.of("category"), Level.CATEGORY, 4),
    PRODUCT("sales_minute_by_product", List.of("product_id", "product_name", "category"), Level.PRODUCT, 12),
    COUNTRY_CARD("sales_minute_by_country_card", List.of("country", "card_type"), Level.ORDER, 3),
    COUNTRY_CARD_CATEGORY("sales_minute_by_country_card_category", List.of("country", "card_type", "category"), Level.CATEGORY, 7),
    COUNTRY_CARD_PRODUCT("sales_minute_by_country_card_product",
            List.of("country", "card_type", "product_id", "product_name", "category"), Level.PRODUCT, 15);

    /** Where a row's revenue and order count come from. */
    public enum Level { ORDER, CATEGORY, PRODUCT }

    private final String table;
    private final List<String> keyColumns;
    private final Level level;
    private final int groupingMask;

    Dimension(String table, List<String> keyColumns, Level level, int groupingMask) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.level = level;
        this.groupingMask = groupingMask;
    }

    public String table() {
        return table;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public Level level() {
        return level;
    }

    /** The grouping set a row belongs to: bit 1 country, 2 card type, 4 category, 8 product grouped. */
    static Dimension ofGroupingMask(int mask) {
        for (Dimension d : values()) {
            if (d.groupingMask == mask) {
                return d;
            }
        }
        throw new IllegalArgumentException("no aggregate table for grouping mask " + mask);
    }
}
