package io.salespulse.operator.kube.spark;

import io.salespulse.operator.reconcile.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a running job's checkpoint pins (the SQL settings Structured Streaming records in its offset log and restores
 * on restart, reported by the job in its heartbeat) against what the spec asks for now (the driver's
 * spark.properties). Never silent: a requested value the checkpoint overrides makes StreamingJobReady False
 * ({@code SettingPinnedByCheckpoint}, naming the setting, the checkpoint's value and the requested one);
 * {@code spark.sql.shuffle.partitions}, which Spark 4 applies to the batches while the checkpoint keeps its value
 * only for stateful operators' state partitions (this job keeps no Spark state), is applied and noted.
 */
final class CheckpointPins {

    static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";
    static final String REASON = "SettingPinnedByCheckpoint";

    private CheckpointPins() {
    }

    /** {@code ready} as is, with a note, or refused, as the comparison says. */
    static StepResult judge(StepResult ready, Map<String, String> requested, Map<String, String> pinned) {
        List<String> overridden = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        new java.util.TreeMap<>(pinned).forEach((key, inCheckpoint) -> {
            String asked = requested.get(key);
            if (asked == null || asked.equals(inCheckpoint)) {
                return;
            }
            if (SHUFFLE_PARTITIONS.equals(key)) {
                notes.add(key + " " + asked + " applies to the batches (the checkpoint keeps " + inCheckpoint
                        + " only as stateful operators' state partitions, which this job does not use)");
            } else {
                overridden.add(key + ": the checkpoint pins '" + inCheckpoint + "', the spec asks for '" + asked
                        + "'");
            }
        });
        if (!overridden.isEmpty()) {
            return StepResult.refused(REASON, "the job runs, but Structured Streaming restores settings from its "
                    + "checkpoint over the requested ones: " + String.join("; ", overridden) + ". To apply them, "
                    + "start the job on a new checkpoint (its MySQL progress keeps the counts exact), or set them "
                    + "back in spec.streamingJob.sparkConf" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        }
        if (!notes.isEmpty()) {
            return new StepResult(ready.outcome(), ready.reason(), ready.message() + "; " + String.join("; ", notes));
        }
        return ready;
    }
}
