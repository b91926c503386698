package io.salespulse.operator.it;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.salespulse.crds.v1alpha1.CassandraSpec;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import io.salespulse.crds.v1alpha1.SimulatorSpec;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import java.util.Map;

/** Valid SalesPipelines and the Secrets they reference, pointed at the test's real Kafka, MariaDB and Cassandra. */
final class TestPipelines {

    static final String MYSQL_SECRET = "mysql-credentials";
    static final String DASHBOARD_SECRET = "dashboard-auth";
    static final String JOB_IMAGE = "registry.example.com/salespulse/streaming-job:0.1.0";
    static final String DASHBOARD_IMAGE = "registry.example.com/salespulse/dashboard:0.1.0";

    private final ExternalServices services;
    private final KubernetesClient client;

    TestPipelines(ExternalServices services, KubernetesClient client) {
        this.services = services;
        this.client = client;
    }

    /** A namespace with the pipeline's Secrets, and a MySQL database of the same name. */
    void prepareNamespace(String namespace) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(MYSQL_SECRET).endMetadata()
                .withStringData(Map.of("username", services.mariadb().appUser(),
                        "password", services.mariadb().appPassword()))
                .build()).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(DASHBOARD_SECRET).endMetadata()
                .withStringData(Map.of("users", "demo:$2a$10$abcdefghijklmnopqrstuuJ0fKpb0vVt8bN7O9sYVlq3Ue0Cjn2Qm",
                        "session-encryption-key", "test-only-session-key-0123456789"))
                .build()).create();
        services.mariadb().createDatabase(database(namespace));
    }

    static String database(String namespace) {
        return namespace.replace('-', '_');
    }

    static String keyspace(String namespace) {
        return "ks_" + database(namespace);
    }

    SalesPipeline pipeline(String namespace, String name) {
        SalesPipelineSpec spec = new SalesPipelineSpec();
        spec.kafka = new KafkaSpec();
        spec.kafka.bootstrapServers = services.kafka().bootstrapServers();
        spec.kafka.topic = namespace + "-orders";
        spec.kafka.partitions = 2;
        spec.mysql = new MysqlSpec();
        spec.mysql.jdbcUrl = services.mariadb().jdbcUrl(database(namespace));
        spec.mysql.credentialsSecretRef = new SecretCredentialsRef(MYSQL_SECRET);
        spec.cassandra = new CassandraSpec();
        spec.cassandra.contactPoints = services.cassandra().contactPoint();
        spec.cassandra.keyspace = keyspace(namespace);
        spec.streamingJob = new StreamingJobSpec();
        spec.streamingJob.image = JOB_IMAGE;
        spec.dashboard = new DashboardSpec();
        spec.dashboard.image = DASHBOARD_IMAGE;
        spec.dashboard.authSecretRef = new DashboardSpec.DashboardAuthSecretRef(DASHBOARD_SECRET);
        spec.simulator = new SimulatorSpec();
        SalesPipeline pipeline = new SalesPipeline();
        pipeline.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pipeline.setSpec(spec);
        return pipeline;
    }
}
