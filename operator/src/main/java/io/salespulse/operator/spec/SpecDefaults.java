package io.salespulse.operator.spec;

import io.salespulse.crds.v1alpha1.CheckpointSpec;
import io.salespulse.crds.v1alpha1.DeletionPolicy;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SimulatorSpec;

/**
 * Fills what the API server's schema defaults cannot: optional objects the user left out entirely (defaults apply
 * only inside objects that exist) and defaults derived from other fields.
 */
public final class SpecDefaults {

    public static final String CHECKPOINT_SIZE = "1Gi";

    private SpecDefaults() {
    }

    /** Completes {@code spec} in place (the reconciler works on its own copy of the resource). */
    public static SalesPipelineSpec fill(SalesPipelineSpec spec) {
        if (spec.simulator == null) {
            spec.simulator = new SimulatorSpec();
        }
        if (spec.streamingJob != null && spec.streamingJob.checkpoint == null) {
            spec.streamingJob.checkpoint = new CheckpointSpec();
        }
        if (spec.streamingJob != null && spec.streamingJob.checkpoint.location == null
                && spec.streamingJob.checkpoint.storageSize == null) {
            spec.streamingJob.checkpoint.storageSize = CHECKPOINT_SIZE;
        }
        if (spec.kafka != null && spec.kafka.deadLetterTopic == null) {
            spec.kafka.deadLetterTopic = spec.kafka.topic + "-dead-letters";
        }
        if (spec.cassandra != null && spec.cassandra.writeConsistency == null) {
            spec.cassandra.writeConsistency = "AUTO";
        }
        if (spec.suspend == null) {
            spec.suspend = false;
        }
        if (spec.deletionPolicy == null) {
            spec.deletionPolicy = DeletionPolicy.Retain;
        }
        return spec;
    }
}
