package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One whole SalesPulse pipeline: Kafka topics, MySQL schema, Cassandra keyspace, the Spark streaming job on
 * Kubernetes, the dashboard and optionally the order simulator. The operator makes them exist and reports how each
 * is doing in {@code status.conditions}.
 */
@Group(SalesPipeline.GROUP)
@Version(SalesPipeline.VERSION)
@Kind("SalesPipeline")
@Singular("salespipeline")
@Plural("salespipelines")
@ShortNames({"spl", "salespipe"})
@JsonClassDescription("A SalesPulse real-time sales analytics pipeline (Kafka -> Spark -> MySQL/Cassandra -> dashboard). "
        + "The operator creates the topics, the MySQL schema, the Cassandra keyspace, the Spark streaming job, the "
        + "dashboard and the optional simulator, and reports each in status.conditions.")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Whether every part of the pipeline is ready")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING,
        getDescription = "Where the pipeline is in its life")
@AdditionalPrinterColumn(name = "Flowing", jsonPath = ".status.conditions[?(@.type==\"DataFlowing\")].reason",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Whether orders flow (the DataFlowing reason)")
@AdditionalPrinterColumn(name = "Lag", jsonPath = ".status.dataPlane.recordsWaiting",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Records waiting in Kafka")
@AdditionalPrinterColumn(name = "Last Batch", jsonPath = ".status.dataPlane.lastBatchTime",
        type = AdditionalPrinterColumn.Type.DATE, getDescription = "When the job last committed a batch")
@AdditionalPrinterColumn(name = "Orders/s", jsonPath = ".status.dataPlane.ordersPerSecond",
        type = AdditionalPrinterColumn.Type.NUMBER, priority = 1, getDescription = "Orders per second, last minute")
@AdditionalPrinterColumn(name = "Dashboard URL", jsonPath = ".status.dashboardUrl", priority = 1,
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "Where the dashboard is served")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class SalesPipeline extends CustomResource<SalesPipelineSpec, SalesPipelineStatus> implements Namespaced {

    public static final String GROUP = "salespulse.io";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "salespipelines." + GROUP;

    // Overridden only to describe spec and status in the generated schema (kubectl explain).
    @Override
    @JsonPropertyDescription("What the pipeline should look like: Kafka, MySQL, Cassandra, the streaming job, the "
            + "dashboard, the optional simulator, suspend and the deletion policy. Credentials are only referenced "
            + "(Secrets), never written here.")
    @io.fabric8.generator.annotation.Required
    public SalesPipelineSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed: observedGeneration, one condition per step plus Ready, the "
            + "phase and the dashboard URL. Written by the operator only.")
    public SalesPipelineStatus getStatus() {
        return super.getStatus();
    }

    @Override
    protected SalesPipelineStatus initStatus() {
        return new SalesPipelineStatus();
    }
}
