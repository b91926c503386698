package io.salespulse.dashboard.query;

/** One dimension value every panel is narrowed to, where the aggregates allow it. */
public record Filter(Dimension dimension, String value) {
}
