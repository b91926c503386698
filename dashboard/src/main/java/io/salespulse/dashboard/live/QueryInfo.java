package io.salespulse.dashboard.live;

import io.salespulse.dashboard.query.Filter;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import java.time.Instant;

/** The resolved query a response answers: range, exact UTC bounds, previous period, bucket size and filter. */
public record QueryInfo(String range, Instant from, Instant to, Instant previousFrom, int stepMinutes, FilterInfo filter) {

    public record FilterInfo(String dimension, String value) {
    }

    public static QueryInfo of(ViewQuery query, Window window) {
        Filter f = query.filter();
        return new QueryInfo(query.range().key(), window.from(), window.to(), window.previousFrom(), window.stepMinutes(),
                f == null ? null : new FilterInfo(f.dimension().parameter(), f.value()));
    }
}
