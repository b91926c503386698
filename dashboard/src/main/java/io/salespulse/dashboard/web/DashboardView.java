package io.salespulse.dashboard.web;

import io.salespulse.dashboard.api.FilterOptions;
import io.salespulse.dashboard.live.PipelinePulse;
import io.salespulse.dashboard.live.Snapshot;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.RangePreset;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import io.salespulse.schema.catalogue.Values;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What templates/dashboard.html renders. The page works without JavaScript (a GET form and server-rendered KPI
 * cards); the script then draws the charts from the embedded snapshot and keeps everything live.
 */
public record DashboardView(String user, ViewQuery query, Window window, Snapshot snapshot, PipelinePulse pulse,
        FilterOptions options, String snapshotJson, String pulseJson, String error) {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public record Option(String value, String label, boolean selected) {
    }

    public record Card(String id, String title, String value, String change, String direction) {
    }

    public List<Option> ranges() {
        return Arrays.stream(RangePreset.values()).map(r -> new Option(r.key(), r.label(), r == query.range())).toList();
    }

    /** One filter list of the form: the query parameter, its label and its options ("All" first). */
    public record FilterList(String parameter, String label, boolean lineLevel, List<Option> options) {
    }

    /**
     * One breakdown panel: CSV name ({@code by-card-type}), title, chart element id, and how the script draws it: a
     * pie for a closed set of values, else ranked bars; keys labelled as countries where the values are country codes.
     */
    public record BreakdownPanel(String csv, String title, String chartId, String field, String chart, String labels) {
    }

    /** The catalogue's filters, in its order. */
    public List<FilterList> filters() {
        return Dimension.filters().stream()
                .map(d -> new FilterList(d.parameter(), d.label(), d.lineLevel(), options(d, options.of(d)))).toList();
    }

    /** The catalogue's breakdowns, in its order. */
    public List<BreakdownPanel> breakdowns() {
        return Dimension.breakdowns().stream().map(d -> new BreakdownPanel("by-" + d.slug(),
                "Sales by " + d.label().toLowerCase(Locale.ROOT), "chart-" + d.parameter(), d.snapshotField(),
                d.values().known().isPresent() ? "pie" : "bars",
                d.values() instanceof Values.CountryCodes ? "country" : "plain")).toList();
    }

    private List<Option> options(Dimension dimension, List<FilterOptions.Option> available) {
        String selected = query.optionalFilter().map(f -> f.value(dimension)).orElse(null);
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "All", selected == null));
        boolean listed = false;
        for (FilterOptions.Option o : available) {
            boolean isSelected = o.value().equals(selected);
            listed |= isSelected;
            out.add(new Option(o.value(), o.label(), isSelected));
        }
        if (selected != null && !listed) {
            out.add(new Option(selected, selected, true));
        }
        return out;
    }

    public boolean custom() {
        return query.range() == RangePreset.CUSTOM;
    }

    public String fromInput() {
        return INPUT.format(window.from());
    }

    public String toInput() {
        return INPUT.format(window.to());
    }

    /** "1 Mar 2024 10:00 – 11:00 UTC" */
    public String rangeText() {
        return SHOWN.format(window.from()) + " – " + SHOWN.format(window.to()) + " UTC";
    }

    /** The view's parameters as a query string, for CSV links and the live stream. */
    public String queryString() {
        return query.parameters().entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public List<Card> cards() {
        if (snapshot == null) {
            return List.of(new Card("revenue", "Revenue", "–", "", "flat"), new Card("orders", "Orders", "–", "", "flat"),
                    new Card("aov", "Avg order value", "–", "", "flat"), new Card("items", "Items", "–", "", "flat"));
        }
        var k = snapshot.kpis();
        return List.of(
                new Card("revenue", "Revenue", money(k.revenue().value()), change(k.revenue().changePercent()), direction(k.revenue().changePercent())),
                new Card("orders", "Orders", count(k.orders().value()), change(k.orders().changePercent()), direction(k.orders().changePercent())),
                new Card("aov", "Avg order value", money(k.averageOrderValue().value()), change(k.averageOrderValue().changePercent()),
                        direction(k.averageOrderValue().changePercent())),
                new Card("items", "Items", count(k.items().value()), change(k.items().changePercent()), direction(k.items().changePercent())));
    }

    public String status() {
        return pulse == null ? PipelinePulse.UNAVAILABLE : pulse.status();
    }

    public String newestEvent() {
        return Optional.ofNullable(pulse).map(PipelinePulse::newestEventTime).map(DashboardView::time).orElse("–");
    }

    private static String time(Instant instant) {
        return SHOWN.format(instant) + " UTC";
    }

    private static String money(BigDecimal value) {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
        return f.format(value);
    }

    private static String count(BigDecimal value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }

    private static String change(BigDecimal percent) {
        if (percent == null) {
            return "no previous data";
        }
        return (percent.signum() > 0 ? "+" : "") + percent.toPlainString() + "% vs previous period";
    }

    private static String direction(BigDecimal percent) {
        return percent == null || percent.signum() == 0 ? "flat" : percent.signum() > 0 ? "up" : "down";
    }
}
