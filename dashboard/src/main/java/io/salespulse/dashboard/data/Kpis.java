package io.salespulse.dashboard.data;

import java.math.BigDecimal;
import java.util.List;

/** The four KPI cards: revenue, orders, average order value and items, each against the previous period. */
public record Kpis(Kpi revenue, Kpi orders, Kpi averageOrderValue, Kpi items) implements CsvTable {

    public static Kpis of(Totals current, Totals previous) {
        return new Kpis(
                Kpi.of(current.revenue(), previous.revenue()),
                Kpi.of(BigDecimal.valueOf(current.orders()), BigDecimal.valueOf(previous.orders())),
                Kpi.of(current.averageOrderValue(), previous.averageOrderValue()),
                Kpi.of(BigDecimal.valueOf(current.items()), BigDecimal.valueOf(previous.items())));
    }

    @Override
    public List<String> csvHeader() {
        return List.of("kpi", "value", "previous_period", "change_percent");
    }

    @Override
    public List<List<Object>> csvRows() {
        return List.of(row("revenue_usd", revenue), row("orders", orders),
                row("average_order_value_usd", averageOrderValue), row("items", items));
    }

    private static List<Object> row(String name, Kpi kpi) {
        return java.util.Arrays.asList(name, kpi.value(), kpi.previous(), kpi.changePercent());
    }
}
