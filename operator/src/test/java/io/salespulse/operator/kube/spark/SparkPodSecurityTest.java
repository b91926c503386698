package io.salespulse.operator.kube.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.spec.SpecValidatorTest;
import io.salespulse.testkit.kube.RestrictedPodStandard;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The driver and, through the pod template Spark reads, the executors meet the restricted Pod Security Standard. */
class SparkPodSecurityTest {

    private static SalesPipelineSpec spec() {
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        spec.imagePullSecrets = List.of(new LocalObjectReference("regcred"), new LocalObjectReference("mirror"));
        return spec;
    }

    @Test
    void driverPodIsRestrictedWithScratchOnEmptyDirs() {
        PodSpec pod = SparkDriver.deployment("shop", spec(), "abc").getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodStandard.violations(pod)).isEmpty();
        assertThat(RestrictedPodStandard.writableRootFilesystems(pod)).isEmpty();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(185L);
        assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName)
                .containsExactly("regcred", "mirror");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .contains("/tmp", SparkDriver.WORK_DIR);
    }

    @Test
    void executorTemplateInTheConfigMapIsRestrictedAndSparkIsPointedAtIt() throws Exception {
        SalesPipelineSpec spec = spec();
        var config = SparkJobConfig.configMap("shop", "sales", spec, CheckpointVolume.location(
                spec.streamingJob.checkpoint), null);
        Pod template = new KubernetesSerialization().unmarshal(config.getData().get(ExecutorPodTemplate.FILE),
                Pod.class);
        assertThat(RestrictedPodStandard.violations(template.getSpec())).isEmpty();
        assertThat(RestrictedPodStandard.writableRootFilesystems(template.getSpec())).isEmpty();
        assertThat(template.getSpec().getContainers().get(0).getName()).isEqualTo(ExecutorPodTemplate.CONTAINER);

        Properties spark = new Properties();
        spark.load(new StringReader(config.getData().get(SparkJobConfig.SPARK_FILE)));
        assertThat(spark)
                .containsEntry("spark.kubernetes.executor.podTemplateFile",
                        SparkJobConfig.MOUNT + "/" + ExecutorPodTemplate.FILE)
                .containsEntry("spark.kubernetes.executor.podTemplateContainerName", ExecutorPodTemplate.CONTAINER)
                .containsEntry("spark.kubernetes.container.image.pullSecrets", "regcred,mirror");
    }
}
