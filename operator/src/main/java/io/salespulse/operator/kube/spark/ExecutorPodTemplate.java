package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.kube.PodSecurity;

/**
 * The pod template Spark starts its executors from (spark.kubernetes.executor.podTemplateFile, a file of the job
 * ConfigMap the driver reads in client mode): the restricted security settings and scratch volumes the driver has
 * too, and the image pull secrets. Spark adds its own container settings, local-dir emptyDir and labels on top.
 */
final class ExecutorPodTemplate {

    static final String FILE = "executor-pod-template.yaml";
    static final String CONTAINER = "executor";
    /** Building one sets up Jackson and YAML mappers: once per operator, not once per reconcile. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ExecutorPodTemplate() {
    }

    static Pod pod(SalesPipelineSpec spec) {
        return new PodBuilder()
                .withNewSpec()
                .withSecurityContext(PodSecurity.pod(SparkDriver.SPARK_UID))
                .withImagePullSecrets(PodSecurity.pullSecrets(spec))
                .addNewContainer()
                .withName(CONTAINER)
                .withSecurityContext(PodSecurity.container())
                .withVolumeMounts(SparkDriver.scratchMounts())
                .endContainer()
                .withVolumes(SparkDriver.scratchVolumes())
                .endSpec()
                .build();
    }

    static String yaml(SalesPipelineSpec spec) {
        return SERIALIZATION.asYaml(pod(spec));
    }
}
