package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import io.salespulse.operator.kube.ChildLabels;
import io.salespulse.operator.kube.ChildNames;
import io.salespulse.operator.kube.EnvVars;
import io.salespulse.operator.kube.PodSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Spark driver: a one-pod Deployment running Spark's submit in client mode (it creates its executors through the
 * API server; they reach it by its pod IP). Recreate, never two drivers at once: the job's MySQL
 * bookkeeping refuses a second writer, and the checkpoint volume is ReadWriteOnce.
 */
final class SparkDriver {

    static final String COMPONENT = "spark-driver";
    static final String CONFIG_HASH = "salespulse.io/config-hash";
    static final long SPARK_UID = 185;
    /** Scratch on the read-only root: Spark's local dir and the JVM's temp files, and the image's working dir. */
    private static final String TMP = "tmp";
    private static final String WORK = "work";
    static final String WORK_DIR = "/opt/salespulse/work";

    private SparkDriver() {
    }

    /**
     * @param configHash hash of the job ConfigMap: in the pod template, so a configuration change rolls the driver
     */
    static Deployment deployment(String pipeline, SalesPipelineSpec spec, String configHash) {
        StreamingJobSpec job = spec.streamingJob;
        boolean volume = CheckpointVolume.usesVolume(job.checkpoint);
        var labels = ChildLabels.selector(pipeline, COMPONENT);
        var container = new ContainerBuilder()
                .withName("driver")
                .withImage(job.image)
                .withImagePullPolicy(job.imagePullPolicy.name())
                // The image's entrypoint role: a client-mode driver that finds the API server and its own pod IP
                // (POD_IP, POD_NAME below) by itself, so executors reach it without cluster DNS.
                .withArgs("driver", "--properties-file", SparkJobConfig.MOUNT + "/" + SparkJobConfig.SPARK_FILE,
                        "--class", "io.salespulse.job.StreamingJobMain", SparkJobConfig.JOB_JAR)
                .withEnv(env(spec))
                .addNewPort().withName("driver-rpc").withProtocol("TCP").withContainerPort(SparkJobConfig.DRIVER_PORT).endPort()
                .addNewPort().withName("blockmanager").withProtocol("TCP").withContainerPort(SparkJobConfig.BLOCK_MANAGER_PORT).endPort()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity(SparkJobConfig.cpuRequest(job.driverCpuRequest, job.driverCores)),
                        "memory", new Quantity(podMemoryMi(job.driverMemory) + "Mi")))
                .withLimits(Map.of("memory", new Quantity(podMemoryMi(job.driverMemory) + "Mi")))
                .endResources()
                .addNewVolumeMount().withName("config").withMountPath(SparkJobConfig.MOUNT).withReadOnly(true)
                .endVolumeMount()
                .addAllToVolumeMounts(scratchMounts())
                .withSecurityContext(PodSecurity.container());
        if (volume) {
            container.addToVolumeMounts(new VolumeMountBuilder().withName("checkpoint")
                    .withMountPath(CheckpointVolume.MOUNT).build());
        }
        List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>(scratchVolumes());
        volumes.add(new VolumeBuilder().withName("config").withNewConfigMap()
                .withName(ChildNames.jobConfig(pipeline)).endConfigMap().build());
        if (volume) {
            volumes.add(new VolumeBuilder().withName("checkpoint").withNewPersistentVolumeClaim()
                    .withClaimName(ChildNames.checkpointClaim(pipeline)).endPersistentVolumeClaim().build());
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName(ChildNames.streamingJob(pipeline)).endMetadata()
                .withNewSpec()
                .withReplicas(Boolean.TRUE.equals(spec.suspend) ? 0 : 1)
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).addToAnnotations(CONFIG_HASH, configHash).endMetadata()
                .withNewSpec()
                .withServiceAccountName(ChildNames.sparkServiceAccount(pipeline))
                .withTerminationGracePeriodSeconds(60L)
                .withSecurityContext(PodSecurity.pod(SPARK_UID))
                .withImagePullSecrets(PodSecurity.pullSecrets(spec))
                .withContainers(container.build())
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static List<io.fabric8.kubernetes.api.model.VolumeMount> scratchMounts() {
        return List.of(PodSecurity.scratchMount(TMP, "/tmp"), PodSecurity.scratchMount(WORK, WORK_DIR));
    }

    static List<io.fabric8.kubernetes.api.model.Volume> scratchVolumes() {
        return List.of(PodSecurity.scratchVolume(TMP), PodSecurity.scratchVolume(WORK));
    }

    private static List<EnvVar> env(SalesPipelineSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        env.add(EnvVars.fieldRef("POD_NAME", "metadata.name"));
        env.add(EnvVars.fieldRef("POD_IP", "status.podIP"));
        env.add(new EnvVarBuilder().withName("SPARK_DRIVER_MEMORY").withValue(spec.streamingJob.driverMemory).build());
        env.add(new EnvVarBuilder().withName("SALESPULSE_CONFIG")
                .withValue(SparkJobConfig.MOUNT + "/" + SparkJobConfig.JOB_FILE).build());
        env.addAll(EnvVars.credentials("SALESPULSE_MYSQL_USER", "SALESPULSE_MYSQL_PASSWORD",
                spec.mysql.credentialsSecretRef));
        env.addAll(EnvVars.credentials("SALESPULSE_CASSANDRA_USER", "SALESPULSE_CASSANDRA_PASSWORD",
                spec.cassandra.credentialsSecretRef));
        env.addAll(EnvVars.kafkaSecurity(spec.kafka));
        if (spec.cassandra.tls != null) {
            env.add(EnvVars.secretKey("SALESPULSE_CASSANDRA_SSL_CA", spec.cassandra.tls.caSecretRef.name,
                    spec.cassandra.tls.caSecretRef.key));
        }
        return env;
    }

    /** Heap plus Spark's own overhead rule (10 %, at least 384 MiB), so the kernel never kills a full heap. */
    static long podMemoryMi(String sparkMemory) {
        long mi = SparkMemory.toMebibytes(sparkMemory);
        return mi + Math.max(384, mi / 10);
    }
}
