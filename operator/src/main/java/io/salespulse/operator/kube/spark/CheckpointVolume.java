package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.salespulse.crds.v1alpha1.CheckpointSpec;
import io.salespulse.operator.kube.ChildNames;
import java.util.Map;

/**
 * The volume that keeps the Spark checkpoint across restarts, spec changes and suspend/resume. Owned by the pipeline
 * like every child: the checkpoint is derived state (the exactly-once record is in MySQL's stream_progress), so it
 * goes with the pipeline; the data in MySQL, Cassandra and Kafka follows deletionPolicy instead.
 */
final class CheckpointVolume {

    static final String MOUNT = "/var/lib/salespulse/checkpoint";

    private CheckpointVolume() {
    }

    static boolean usesVolume(CheckpointSpec checkpoint) {
        return checkpoint.location == null;
    }

    /** The job.checkpoint-location the job is given. */
    static String location(CheckpointSpec checkpoint) {
        return usesVolume(checkpoint) ? MOUNT : checkpoint.location;
    }

    static PersistentVolumeClaim claim(String pipeline, CheckpointSpec checkpoint) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(ChildNames.checkpointClaim(pipeline)).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(checkpoint.storageClassName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(checkpoint.storageSize))).endResources()
                .endSpec()
                .build();
    }
}
