package io.salespulse.dashboard.api;

import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.Breakdown;
import io.salespulse.dashboard.data.CsvTable;
import io.salespulse.dashboard.data.Kpis;
import io.salespulse.dashboard.data.TimeSeries;
import io.salespulse.dashboard.data.TopProducts;
import io.salespulse.dashboard.live.LiveHub;
import io.salespulse.dashboard.live.PanelResponse;
import io.salespulse.dashboard.live.Panels;
import io.salespulse.dashboard.live.PulsePoller;
import io.salespulse.dashboard.live.QueryInfo;
import io.salespulse.dashboard.live.Snapshot;
import io.salespulse.dashboard.query.Dimension;
import io.salespulse.dashboard.query.Filter;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The JSON API behind every panel, with the same range and filter parameters as the page. All reads go through
 * {@link Panels}, so repeated requests between two committed batches cost no database work.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Panels", description = "Sales panels for a time range and any combination of the catalogue's filters "
        + "(GET /api/v1/filters lists them with their values; the parameters are documented on each operation), which apply to "
        + "every panel. Order-level filters alone select whole orders (exact orders and average order value). With "
        + "category (alone or combined) every panel counts only that category's order lines: revenue and items of "
        + "those lines, orders = orders with at least one line in the category. "
        + "The by-category panel and top products are always line-level.")
@APIResponse(responseCode = "400", description = "A parameter is wrong; the body names it",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "401", description = "Not signed in")
@APIResponse(responseCode = "503", description = "The sales database is not reachable",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class SalesApi {

    /** The panels the CSV export offers, by the name used in /api/v1/{panel}.csv. */
    private static final List<String> CSV_PANELS = java.util.stream.Stream.of(List.of("kpis", "timeseries"),
            Dimension.breakdowns().stream().map(d -> "by-" + d.slug()).toList(), List.of("top-products", "pipeline"))
            .flatMap(List::stream).toList();
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    @Inject
    Panels panels;

    @Inject
    PulsePoller poller;

    @Inject
    LiveHub hub;

    @Inject
    DashboardConfig config;

    @Inject
    Clock clock;

    @Inject
    SecurityIdentity identity;

    /** A parsed, resolved request at the current data version. */
    record View(ViewQuery query, Window window, long version) {
        QueryInfo info() {
            return QueryInfo.of(query, window);
        }

        <T> PanelResponse<T> respond(T data) {
            return new PanelResponse<>(info(), version, data);
        }
    }

    /** One panel's data for a view at a data version. */
    @FunctionalInterface
    interface Panel<T> {
        T compute(Window window, Filter filter, long version);
    }

    private <T> PanelResponse<T> panel(UriInfo uri, Panel<T> panel) {
        View v = view(uri);
        return v.respond(panel.compute(v.window(), v.query().filter(), v.version()));
    }

    private View view(UriInfo uri) {
        ViewQuery query = ViewQuery.parse(uri.getQueryParameters(), config.maxRange());
        return new View(query, query.window(clock), poller.dataVersion());
    }

    @GET
    @Path("snapshot")
    @Operation(summary = "Every panel at once (what the live stream pushes)")
    public Snapshot snapshot(@BeanParam ViewParams params, @Context UriInfo uri) {
        View v = view(uri);
        return panels.snapshot(v.query(), v.window(), v.version());
    }

    @GET
    @Path("kpis")
    @Operation(summary = "Revenue, orders, average order value and items, each with the change against the previous period of equal length")
    public PanelResponse<Kpis> kpis(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, panels::kpis);
    }

    @GET
    @Path("timeseries")
    @Operation(summary = "Revenue, orders and items per bucket (1 minute for short ranges, more for long ones; at most 720 points)")
    public PanelResponse<TimeSeries> timeSeries(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, panels::timeSeries);
    }

    @GET
    @Path("by-country")
    @Operation(summary = "Sales by country, ranked by revenue")
    public PanelResponse<Breakdown> byCountry(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, breakdown(Dimension.COUNTRY));
    }

    @GET
    @Path("by-card-type")
    @Operation(summary = "Sales by card type, ranked by revenue")
    public PanelResponse<Breakdown> byCardType(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, breakdown(Dimension.CARD_TYPE));
    }

    @GET
    @Path("by-category")
    @Operation(summary = "Sales by product category, ranked by revenue (line level: a category's revenue and items are "
            + "those of its lines, orders are the orders with at least one line in it)")
    public PanelResponse<Breakdown> byCategory(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, breakdown(Dimension.CATEGORY));
    }

    @GET
    @Path("by/{dimension}")
    @Operation(summary = "Sales by any breakdown dimension of the catalogue (country, card-type, category ...), ranked "
            + "by revenue; by-country, by-card-type and by-category are the same panels under their older names")
    public PanelResponse<Breakdown> by(@PathParam("dimension") String dimension, @BeanParam ViewParams params,
            @Context UriInfo uri) {
        return panel(uri, breakdown(breakdownNamed(dimension)));
    }

    private static Dimension breakdownNamed(String name) {
        return Dimension.lookup(name).filter(d -> d.catalogued().breakdown()).orElseThrow(() -> new NotFoundException(
                "no breakdown '" + name + "'; breakdowns: " + Dimension.breakdowns().stream().map(Dimension::slug)
                        .collect(java.util.stream.Collectors.joining(", "))));
    }

    private Panel<Breakdown> breakdown(Dimension dimension) {
        return (w, f, version) -> panels.breakdown(dimension, w, f, version);
    }

    @GET
    @Path("top-products")
    @Operation(summary = "The ten best-selling products by revenue (line level: orders are the orders containing the product)")
    public PanelResponse<TopProducts> topProducts(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, panels::topProducts);
    }

    @GET
    @Path("pipeline")
    @Operation(summary = "Data health: newest event time, freshness, orders/s in the last minute, status; "
            + "batches, dead letters and late events committed in the range")
    public PanelResponse<PipelinePanel> pipeline(@BeanParam ViewParams params, @Context UriInfo uri) {
        return panel(uri, (w, f, version) -> new PipelinePanel(poller.current(), panels.pipelineCounts(w, version)));
    }

    @GET
    @Path("filters")
    @Operation(summary = "The values every filter of the catalogue offers (countries, cardTypes ...): all of a closed "
            + "set, else those seen in the last five weeks")
    public FilterOptions filters() {
        Map<Dimension, List<FilterOptions.Option>> lists = new java.util.LinkedHashMap<>();
        for (Dimension d : Dimension.filters()) {
            List<String> values = d.values().known().orElseGet(() -> panels.filterValues(d, clock.instant()));
            lists.put(d, values.stream().map(v -> new FilterOptions.Option(v, d.values().label(v))).toList());
        }
        return new FilterOptions(lists);
    }

    @GET
    @Path("me")
    @Operation(summary = "Who is signed in (also renews the session)")
    public Map<String, String> me() {
        return Map.of("user", identity.getPrincipal().getName());
    }

    @GET
    @Path("{panel}.csv")
    @Produces("text/csv")
    @Operation(summary = "One panel's data as CSV: kpis, timeseries, by-<breakdown> of any breakdown of the catalogue "
            + "(by-country, by-card-type ...), top-products or pipeline")
    public Response csv(@PathParam("panel") String panel, @BeanParam ViewParams params, @Context UriInfo uri) {
        Panel<? extends CsvTable> table = switch (panel) {
            case "kpis" -> panels::kpis;
            case "timeseries" -> panels::timeSeries;
            case "top-products" -> panels::topProducts;
            case "pipeline" -> (w, f, version) -> panels.pipelineCounts(w, version);
            default -> {
                if (!panel.startsWith("by-")) {
                    throw new NotFoundException("no panel '" + panel + "'; CSV panels: " + String.join(", ", CSV_PANELS));
                }
                yield breakdown(breakdownNamed(panel.substring(3)));
            }
        };
        View v = view(uri);
        String file = "salespulse-" + panel + "-" + FILE_TIME.format(v.window().from()) + "-" + FILE_TIME.format(v.window().to())
                + v.query().optionalFilter()
                        .map(x -> x.dimensions().stream()
                                .map(d -> "-" + d.parameter() + "-" + x.value(d).replaceAll("[^A-Za-z0-9]", "_"))
                                .collect(java.util.stream.Collectors.joining()))
                        .orElse("")
                + ".csv";
        return Response.ok(Csv.write(table.compute(v.window(), v.query().filter(), v.version())), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    @GET
    @Path("live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Server-sent events for one view: 'pulse' (data health, to everyone, on change) and 'snapshot' "
            + "(every panel, as /api/v1/snapshot, when this view's data changed). Both are sent once on connect.")
    @APIResponse(responseCode = "429", description = "Too many live streams (of this user or on this server) or live "
            + "views; Retry-After says when to try again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Multi<OutboundSseEvent> live(@BeanParam ViewParams params, @Context UriInfo uri, @Context Sse sse) {
        ViewQuery query = ViewQuery.parse(uri.getQueryParameters(), config.maxRange());
        return hub.subscribe(identity.getPrincipal().getName(), query, sse, poller.current());
    }
}
