package io.salespulse.dashboard.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The range parameters every panel endpoint, the CSV export and the live stream take. Declared here so OpenAPI
 * documents them once for all; the filters (one per filter of the catalogue) are documented by
 * {@link CatalogueParameters}. {@link io.salespulse.dashboard.query.ViewQuery#parse} checks them all.
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
}
