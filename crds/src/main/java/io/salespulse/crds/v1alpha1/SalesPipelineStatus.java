package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the operator observed, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SalesPipelineStatus {

    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Pending, Provisioning, Running, Suspended, Failed or Deleting.")
    public Phase phase;

    @JsonPropertyDescription("One condition per step (SpecValid, KafkaTopicsReady, SchemaReady, KeyspaceReady, "
            + "StreamingJobReady, DashboardReady, SimulatorReady) plus Ready, and DataFlowing (the data plane, not part of "
            + "Ready).")
    public List<PipelineCondition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Where the dashboard is served (the Ingress host, else the in-cluster Service).")
    public String dashboardUrl;

    @JsonPropertyDescription("Partitions the orders topic actually has.")
    public Integer topicPartitions;

    @JsonPropertyDescription("Whether orders flow: the job's progress, lag and rates as last read from MySQL and "
            + "Kafka (see the DataFlowing condition).")
    public DataPlaneStatus dataPlane;

    @JsonPropertyDescription("What the operator created outside Kubernetes (topics, tables, keyspace): all that "
            + "deletionPolicy Delete removes. Absent for pipelines from before this was recorded: those are Retained.")
    public CreatedData created;

    public Optional<PipelineCondition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.type)).findFirst();
    }

    /** The pipeline's life stages, for humans; automation should read the conditions. */
    public enum Phase {
        Pending, Provisioning, Running, Suspended, Failed, Deleting
    }
}
