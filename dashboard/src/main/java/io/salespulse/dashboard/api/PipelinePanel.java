package io.salespulse.dashboard.api;

import io.salespulse.dashboard.data.PipelineCounts;
import io.salespulse.dashboard.live.PipelinePulse;

/** Data health: the pipeline's heartbeat now, and what it committed in the selected range. */
public record PipelinePanel(PipelinePulse now, PipelineCounts inRange) {
}
