package io.salespulse.dashboard.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.salespulse.dashboard.api.FilterOptions;
import io.salespulse.dashboard.api.SalesApi;
import io.salespulse.dashboard.config.DashboardConfig;
import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.live.Panels;
import io.salespulse.dashboard.live.PipelinePulse;
import io.salespulse.dashboard.live.PulsePoller;
import io.salespulse.dashboard.live.Snapshot;
import io.salespulse.dashboard.query.BadParameterException;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dashboard page. Its URL carries the view, so a link shows the same thing to someone else. */
@Path("/")
@Tag(name = "Pages")
public class DashboardPage {

    @Inject
    Panels panels;

    @Inject
    PulsePoller poller;

    @Inject
    SalesApi api;

    @Inject
    DashboardConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The dashboard page (takes the same parameters as the API)")
    public TemplateInstance page(@Context UriInfo uri) {
        ViewQuery query;
        String error = null;
        try {
            query = ViewQuery.parse(uri.getQueryParameters(), config.maxRange());
        } catch (BadParameterException e) {
            query = ViewQuery.defaults();
            error = "Showing the default view: " + e.getMessage();
        }
        Window window = query.window(clock);
        PipelinePulse pulse = poller.current();
        Snapshot snapshot = null;
        FilterOptions options = FilterOptions.none();
        try {
            snapshot = panels.snapshot(query, window, pulse.dataVersion());
            options = api.filters();
        } catch (DataUnavailableException e) {
            error = "The sales database is not reachable right now; the page fills in when it is.";
        }
        return Templates.dashboard(new DashboardView(identity.getPrincipal().getName(), query, window, snapshot, pulse,
                options, write(snapshot), write(pulse), error));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
