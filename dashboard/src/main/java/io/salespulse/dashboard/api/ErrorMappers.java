package io.salespulse.dashboard.api;

import io.salespulse.dashboard.data.DataUnavailableException;
import io.salespulse.dashboard.live.TooManyStreamsException;
import io.salespulse.dashboard.query.BadParameterException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad parameters become a 400 naming the parameter; an unreachable database a 503, never a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("bad_parameter", e.parameter(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response tooManyStreams(TooManyStreamsException e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .entity(new ApiError("too_many_streams", null, e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response dataUnavailable(DataUnavailableException e) {
        LOG.warn(e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "5")
                .entity(new ApiError("unavailable", null, "the sales database is not reachable right now; try again shortly"))
                .build();
    }
}
