package io.salespulse.operator.kube.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.spec.SpecValidatorTest;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SparkChildrenTest {

    @Test
    void configFilesReadBackAsTheJobAndSparkSubmitReadThem() throws Exception {
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        spec.streamingJob.sparkConf = Map.of("spark.sql.adaptive.enabled", "false");
        var config = SparkJobConfig.configMap("shop", "sales", spec, CheckpointVolume.location(
                spec.streamingJob.checkpoint));
        Properties job = new Properties();
        job.load(new StringReader(config.getData().get(SparkJobConfig.JOB_FILE)));
        assertThat(job).containsEntry("kafka.bootstrap-servers", "kafka:9092")
                .containsEntry("mysql.url", "jdbc:mysql://mysql:3306/salespulse")
                .containsEntry("job.checkpoint-location", CheckpointVolume.MOUNT)
                .doesNotContainKeys("mysql.password", "mysql.user");
        Properties spark = new Properties();
        spark.load(new StringReader(config.getData().get(SparkJobConfig.SPARK_FILE)));
        assertThat(spark).containsEntry("spark.master", "k8s://https://kubernetes.default.svc")
                .containsEntry("spark.kubernetes.executor.label.app.kubernetes.io/instance", "shop")
                .containsEntry("spark.driver.host", "shop-driver.sales.svc")
                .containsEntry("spark.sql.adaptive.enabled", "false");
    }

    @Test
    void driverPodGetsSparkMemoryOverheadAndIsStoppedBySuspend() {
        assertThat(SparkDriver.podMemoryMi("1g")).isEqualTo(1024 + 384);
        assertThat(SparkDriver.podMemoryMi("8g")).isEqualTo(8192 + 819);
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        Deployment running = SparkDriver.deployment("shop", spec, "abc");
        assertThat(running.getSpec().getReplicas()).isEqualTo(1);
        assertThat(running.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry(SparkDriver.CONFIG_HASH, "abc");
        spec.suspend = true;
        assertThat(SparkDriver.deployment("shop", spec, "abc").getSpec().getReplicas()).isZero();
    }

    @Test
    void externalCheckpointLocationNeedsNoVolume() {
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        spec.streamingJob.checkpoint.location = "s3a://bucket/shop";
        spec.streamingJob.checkpoint.storageSize = null;
        assertThat(CheckpointVolume.usesVolume(spec.streamingJob.checkpoint)).isFalse();
        assertThat(SparkDriver.deployment("shop", spec, "abc").getSpec().getTemplate().getSpec().getVolumes())
                .extracting(v -> v.getName()).containsExactly("config");
    }
}
