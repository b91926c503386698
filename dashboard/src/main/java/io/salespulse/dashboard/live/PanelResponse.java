package io.salespulse.dashboard.live;

/** One panel's data with the query it answers and the data version (the newest committed batch id) it reflects. */
public record PanelResponse<T>(QueryInfo query, long dataVersion, T data) {
}
