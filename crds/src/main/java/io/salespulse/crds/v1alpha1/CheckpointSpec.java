package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Where the streaming job's checkpoint lives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointSpec {

    @Pattern("^[a-z][a-z0-9+.-]*://.+$")
    @JsonPropertyDescription("A durable URI (hdfs://, s3a://, ...) reachable by the driver. When set, no volume is "
            + "created and storageSize/storageClassName are ignored.")
    public String location;

    @Pattern(Patterns.QUANTITY)
    @JsonPropertyDescription("Size of the checkpoint PersistentVolumeClaim (default 1Gi). Only the driver writes the "
            + "checkpoint (the job keeps no Spark state store), so one ReadWriteOnce volume suffices.")
    public String storageSize;

    @JsonPropertyDescription("StorageClass of the checkpoint volume (default: the cluster's default StorageClass).")
    public String storageClassName;
}
