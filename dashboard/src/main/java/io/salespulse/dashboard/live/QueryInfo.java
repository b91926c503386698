package io.salespulse.dashboard.live;

import io.salespulse.dashboard.query.Filter;
import io.salespulse.dashboard.query.ViewQuery;
import io.salespulse.dashboard.query.Window;
import java.time.Instant;

/**
 * The resolved query a response answers: range, exact UTC bounds, previous period, bucket size and filter
 * ({@code {country, cardType, category}}, each null when not set; null when no filter is set).
 */
public record QueryInfo(String range, Instant from, Instant to, Instant previousFrom, int stepMinutes, Filter filter) {

    public static QueryInfo of(ViewQuery query, Window window) {
        return new QueryInfo(query.range().key(), window.from(), window.to(), window.previousFrom(), window.stepMinutes(),
                query.filter());
    }
}
