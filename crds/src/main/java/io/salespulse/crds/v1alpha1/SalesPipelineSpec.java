package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** What the pipeline should look like. Credentials never appear here: only references to Secrets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SalesPipelineSpec {

    @Required
    @JsonPropertyDescription("The Kafka cluster and the orders topic the pipeline reads (the operator creates the topic "
            + "and its dead-letter topic).")
    public KafkaSpec kafka;

    @Required
    @JsonPropertyDescription("The MySQL (or MariaDB) database that holds the per-minute aggregates; the operator "
            + "migrates its schema with the project's Flyway migrations.")
    public MysqlSpec mysql;

    @Required
    @JsonPropertyDescription("The Cassandra cluster that keeps every raw order; the operator creates the keyspace and "
            + "tables.")
    public CassandraSpec cassandra;

    @Required
    @JsonPropertyDescription("The Spark Structured Streaming job, run as a Spark driver on Kubernetes that starts its "
            + "own executors.")
    public StreamingJobSpec streamingJob;

    @Required
    @JsonPropertyDescription("The Quarkus dashboard (Deployment, Service and optional Ingress).")
    public DashboardSpec dashboard;

    @JsonPropertyDescription("An optional order simulator that publishes realistic orders to the topic (demos, load "
            + "tests).")
    public SimulatorSpec simulator;

    @JsonPropertyDescription("Secrets (type kubernetes.io/dockerconfigjson, in this namespace) used to pull the images "
            + "of every pod the operator makes: the Spark driver and executors, the dashboard and the simulator.")
    public java.util.List<io.fabric8.kubernetes.api.model.LocalObjectReference> imagePullSecrets;

    @Default("false")
    @JsonPropertyDescription("true stops the streaming job (its checkpoint volume is kept); false starts it again, "
            + "resuming from the checkpoint. Topics, data and the dashboard are left as they are.")
    public Boolean suspend = false;

    @Default("Retain")
    @JsonPropertyDescription("What deleting this SalesPipeline does to data outside Kubernetes. Retain (default) keeps "
            + "the Kafka topics, the MySQL tables and the Cassandra keyspace; Delete removes them too.")
    public DeletionPolicy deletionPolicy = DeletionPolicy.Retain;
}
