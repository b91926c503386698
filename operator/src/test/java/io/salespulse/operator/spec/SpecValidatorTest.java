package io.salespulse.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.salespulse.crds.v1alpha1.CassandraSpec;
import io.salespulse.crds.v1alpha1.CheckpointSpec;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class SpecValidatorTest {

    public static SalesPipeline valid() {
        SalesPipelineSpec spec = new SalesPipelineSpec();
        spec.kafka = new KafkaSpec();
        spec.kafka.bootstrapServers = "kafka:9092";
        spec.mysql = new MysqlSpec();
        spec.mysql.jdbcUrl = "jdbc:mysql://mysql:3306/salespulse";
        spec.mysql.credentialsSecretRef = new SecretCredentialsRef("mysql");
        spec.cassandra = new CassandraSpec();
        spec.cassandra.contactPoints = "cassandra:9042";
        spec.streamingJob = new StreamingJobSpec();
        spec.streamingJob.image = "job:1";
        spec.dashboard = new DashboardSpec();
        spec.dashboard.image = "dashboard:1";
        spec.dashboard.authSecretRef = new DashboardSpec.DashboardAuthSecretRef("auth");
        SalesPipeline p = new SalesPipeline();
        p.setMetadata(new ObjectMetaBuilder().withName("shop").withNamespace("ns").build());
        p.setSpec(SpecDefaults.fill(spec));
        return p;
    }

    @Test
    void aCompleteSpecIsValidAndDefaultsAreFilled() {
        SalesPipeline p = valid();
        assertThat(SpecValidator.problems(p)).isEmpty();
        assertThat(p.getSpec().kafka.deadLetterTopic).isEqualTo("orders-dead-letters");
        assertThat(p.getSpec().streamingJob.checkpoint.storageSize).isEqualTo("1Gi");
        assertThat(p.getSpec().simulator.enabled).isFalse();
    }

    @Test
    void saslNeedsCredentialsAndCredentialsNeedSasl() {
        SalesPipeline p = valid();
        p.getSpec().kafka.securityProtocol = KafkaSpec.SecurityProtocol.SASL_SSL;
        assertThat(SpecValidator.problems(p)).singleElement().asString()
                .startsWith("spec.kafka.credentialsSecretRef: required when");
        p.getSpec().kafka.securityProtocol = KafkaSpec.SecurityProtocol.PLAINTEXT;
        p.getSpec().kafka.credentialsSecretRef = new SecretCredentialsRef("kafka");
        assertThat(SpecValidator.problems(p)).singleElement().asString().contains("only used with SASL");
    }

    @Test
    void everyProblemNamesItsField() {
        SalesPipeline p = valid();
        p.getMetadata().setName("a-very-long-pipeline-name-that-does-not-fit-anywhere");
        p.getSpec().kafka.deadLetterTopic = "orders";
        p.getSpec().kafka.retention = "PT";
        p.getSpec().streamingJob.window = "PT0S";
        p.getSpec().streamingJob.sparkConf = Map.of("spark.master", "local[*]", "executor.memory", "1g");
        p.getSpec().streamingJob.checkpoint = new CheckpointSpec();
        p.getSpec().streamingJob.checkpoint.location = "s3a://bucket/checkpoint";
        p.getSpec().streamingJob.checkpoint.storageSize = "5Gi";
        p.getSpec().cassandra.keyspace = "delete";
        assertThat(SpecValidator.problems(p)).anySatisfy(m -> assertThat(m).startsWith("metadata.name"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.kafka.deadLetterTopic"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.kafka.retention"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.streamingJob.window"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.streamingJob.sparkConf.spark.master"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.streamingJob.sparkConf.executor.memory"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.streamingJob.checkpoint"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.cassandra.keyspace"));
    }
}
