package io.salespulse.dashboard.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The range and filter parameters every panel endpoint, the CSV export and the live stream take. Declared here so
 * OpenAPI documents them once for all; {@link io.salespulse.dashboard.query.ViewQuery#parse} checks them.
 */
public class ViewParams {

    @RestQuery
    @Parameter(description = "Time range: 15m, 1h (default), 24h, 7d, or custom (then from and to are required)",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"15m", "1h", "24h", "7d", "custom"}))
    public List<String> range;

    @RestQuery
    @Parameter(description = "Start of a custom range, ISO-8601 (2024-03-01T10:00:00Z; without offset read as UTC); "
            + "rounded down to the minute", example = "2024-03-01T10:00:00Z", schema = @Schema(type = SchemaType.STRING))
    public List<String> from;

    @RestQuery
    @Parameter(description = "End of a custom range (exclusive), ISO-8601; rounded up to the minute; at most 31 days after from",
            example = "2024-03-01T11:00:00Z", schema = @Schema(type = SchemaType.STRING))
    public List<String> to;

    @RestQuery
    @Parameter(description = "Only orders from this country (ISO 3166-1 alpha-2). Applies to every panel; combines with "
            + "cardType and category.",
            example = "US", schema = @Schema(type = SchemaType.STRING))
    public List<String> country;

    @RestQuery
    @Parameter(description = "Only orders paid with this card type. Applies to every panel; combines with country and "
            + "category.",
            schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"VISA", "MASTERCARD", "AMEX", "DISCOVER", "JCB", "UNIONPAY", "DINERS"}))
    public List<String> cardType;

    @RestQuery
    @Parameter(description = "Only the order lines in this product category, on every panel (combines with country and "
            + "cardType): revenue and items are those lines', orders are the orders with at least one line in the category "
            + "(so average order value is category revenue per such order).",
            example = "Electronics", schema = @Schema(type = SchemaType.STRING))
    public List<String> category;
}
