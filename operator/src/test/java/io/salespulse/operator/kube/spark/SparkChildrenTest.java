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
                spec.streamingJob.checkpoint), null);
        Properties job = new Properties();
        job.load(new StringReader(config.getData().get(SparkJobConfig.JOB_FILE)));
        assertThat(job).containsEntry("kafka.bootstrap-servers", "kafka:9092")
                .containsEntry("mysql.url", "jdbc:mysql://mysql:3306/salespulse?rewriteBatchedStatements=true"
                        + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&sslMode=PREFERRED"
                        + "&allowPublicKeyRetrieval=false&allowLoadLocalInfile=false&allowUrlInLocalInfile=false")
                .containsEntry("job.checkpoint-location", CheckpointVolume.MOUNT)
                .doesNotContainKeys("mysql.password", "mysql.user");
        Properties spark = new Properties();
        spark.load(new StringReader(config.getData().get(SparkJobConfig.SPARK_FILE)));
        // No DNS names in the data path: the image's driver entrypoint takes the API server from
        // KUBERNETES_SERVICE_HOST/PORT and its own address from the pod IP.
        assertThat(spark).doesNotContainKeys("spark.master", "spark.driver.host")
                .containsEntry("spark.kubernetes.executor.label.app.kubernetes.io/instance", "shop")
                .containsEntry("spark.kubernetes.executor.request.cores", "1")
                .containsEntry("spark.sql.adaptive.enabled", "false");
    }

    @Test
    void cpuRequestsAreFractionalAndDistinctFromSparkCores() throws Exception {
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        spec.streamingJob.driverCpuRequest = "250m";
        spec.streamingJob.executorCpuRequest = "0.3";
        Properties spark = new Properties();
        spark.load(new StringReader(SparkJobConfig.configMap("shop", "sales", spec, CheckpointVolume.location(
                spec.streamingJob.checkpoint), null).getData().get(SparkJobConfig.SPARK_FILE)));
        assertThat(spark).containsEntry("spark.kubernetes.executor.request.cores", "0.3")
                .containsEntry("spark.executor.cores", "1").containsEntry("spark.driver.cores", "1");
        var container = SparkDriver.deployment("shop", spec, "abc").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("250m");
        assertThat(container.getArgs()).startsWith("driver").contains(SparkJobConfig.JOB_JAR);
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("POD_IP")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("status.podIP"));
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
                .extracting(v -> v.getName()).containsExactly("tmp", "work", "config");
    }
}
