package io.salespulse.job;

import io.salespulse.schema.catalogue.FactTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One micro-batch's contribution to one aggregate row: a window's total ({@link #TOTAL}, sales_minute) or a row of
 * the fact table of one grain, with its values for {@link FactTable#dimensionColumns()} ('' where the grain does
 * not carry a dimension).
 */
public record WindowAggregate(String grain, Instant windowStart, List<String> values, BigDecimal revenue, long orders,
                              long items) {

    /** The per-window totals of sales_minute. */
    public static final String TOTAL = "total";

    public WindowAggregate {
        values = List.copyOf(values);
    }

    public boolean isTotal() {
        return TOTAL.equals(grain);
    }

    /** The value of one dimension column. */
    public String value(String column) {
        return values.get(FactTable.dimensionColumns().indexOf(column));
    }
}
