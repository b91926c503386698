package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import io.salespulse.operator.external.MysqlDatabases;
import io.salespulse.operator.kube.ChildNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The job's configuration file (SALESPULSE_CONFIG, read by JobConfig) and spark-submit's properties file, in one
 * ConfigMap. Secrets are not here: the driver gets them as secretKeyRef environment variables.
 */
final class SparkJobConfig {

    static final String JOB_FILE = "job.properties";
    static final String SPARK_FILE = "spark.properties";
    static final String MOUNT = "/etc/salespulse";
    static final int DRIVER_PORT = 7078;
    static final int BLOCK_MANAGER_PORT = 7079;
    /** The job's jar in the image (streaming-job/Dockerfile); the image's entrypoint puts its libraries beside it. */
    static final String JOB_JAR = "/opt/salespulse/job/salespulse-streaming-job.jar";

    private SparkJobConfig() {
    }

    /** The PKCS12 trust store of spec.mysql.tls in this ConfigMap (a CA is public); the dashboard mounts it too. */
    static final String MYSQL_TRUST_STORE = "mysql-ca.p12";

    /** @param mysqlTrustStore PKCS12 bytes of spec.mysql.tls's CA, or null without it */
    static ConfigMap configMap(String pipeline, String namespace, SalesPipelineSpec spec, String checkpointLocation,
                               byte[] mysqlTrustStore) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(JOB_FILE, properties(jobProperties(spec, checkpointLocation)));
        data.put(SPARK_FILE, properties(sparkProperties(pipeline, namespace, spec)));
        data.put(ExecutorPodTemplate.FILE, ExecutorPodTemplate.yaml(spec));
        var builder = new ConfigMapBuilder().withNewMetadata().withName(ChildNames.jobConfig(pipeline)).endMetadata()
                .withData(data);
        if (mysqlTrustStore != null) {
            builder.addToBinaryData(MYSQL_TRUST_STORE, java.util.Base64.getEncoder().encodeToString(mysqlTrustStore));
        }
        return builder.build();
    }

    /** The URL the pods connect with: parsed and rebuilt, with the mounted trust store under spec.mysql.tls. */
    static String mysqlUrl(SalesPipelineSpec spec) {
        return MysqlDatabases.url(spec.mysql, spec.mysql.tls == null ? null
                : "file:" + MOUNT + "/" + MYSQL_TRUST_STORE);
    }

    static Map<String, String> jobProperties(SalesPipelineSpec spec, String checkpointLocation) {
        StreamingJobSpec job = spec.streamingJob;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap-servers", spec.kafka.bootstrapServers);
        p.put("kafka.topic", spec.kafka.topic);
        p.put("kafka.dead-letter-topic", spec.kafka.deadLetterTopic);
        p.put("kafka.starting-offsets", job.startingOffsets.value());
        p.put("kafka.max-offsets-per-trigger", String.valueOf(job.maxOffsetsPerTrigger));
        p.put("mysql.url", mysqlUrl(spec));
        p.put("cassandra.contact-points", spec.cassandra.contactPoints);
        p.put("cassandra.local-datacenter", spec.cassandra.localDatacenter);
        p.put("cassandra.keyspace", spec.cassandra.keyspace);
        p.put("cassandra.replication", spec.cassandra.replication);
        p.put("cassandra.write-consistency", spec.cassandra.writeConsistency);
        p.put("job.checkpoint-location", checkpointLocation);
        p.put("job.trigger-interval", job.triggerInterval);
        p.put("job.window", job.window);
        p.put("job.allowed-lateness", job.allowedLateness);
        p.put("job.late-events", job.lateEvents.name());
        return p;
    }

    /**
     * Client-mode Spark on Kubernetes: the driver runs in our pod and asks the API server for executor pods. The API
     * server address ({@code spark.master}) and the driver's own address are not here: the image's {@code driver}
     * entrypoint takes them from the pod ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT}, the downward API's pod IP),
     * so executors reach the driver by IP and the data path needs no cluster DNS.
     */
    static Map<String, String> sparkProperties(String pipeline, String namespace, SalesPipelineSpec spec) {
        StreamingJobSpec job = spec.streamingJob;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spark.submit.deployMode", "client");
        p.put("spark.app.name", "salespulse-" + pipeline);
        p.put("spark.kubernetes.namespace", namespace);
        p.put("spark.kubernetes.container.image", job.image);
        p.put("spark.kubernetes.container.image.pullPolicy", job.imagePullPolicy.name());
        p.put("spark.kubernetes.executor.podNamePrefix", pipeline); // Spark appends -exec-<id>
        // Restricted security settings, scratch volumes and pull secrets of the executors (read by the driver).
        p.put("spark.kubernetes.executor.podTemplateFile", MOUNT + "/" + ExecutorPodTemplate.FILE);
        p.put("spark.kubernetes.executor.podTemplateContainerName", ExecutorPodTemplate.CONTAINER);
        if (spec.imagePullSecrets != null && !spec.imagePullSecrets.isEmpty()) {
            p.put("spark.kubernetes.container.image.pullSecrets", String.join(",",
                    spec.imagePullSecrets.stream().map(r -> r.getName()).toList()));
        }
        p.put("spark.kubernetes.executor.label.app.kubernetes.io/instance", pipeline);
        p.put("spark.kubernetes.executor.label.app.kubernetes.io/component", "spark-executor");
        p.put("spark.kubernetes.executor.label.app.kubernetes.io/name", "salespulse");
        p.put("spark.kubernetes.executor.request.cores", cpuRequest(job.executorCpuRequest, job.executorCores));
        p.put("spark.driver.port", String.valueOf(DRIVER_PORT));
        p.put("spark.driver.blockManager.port", String.valueOf(BLOCK_MANAGER_PORT));
        p.put("spark.driver.memory", job.driverMemory);
        p.put("spark.driver.cores", String.valueOf(job.driverCores));
        p.put("spark.executor.instances", String.valueOf(job.executors));
        p.put("spark.executor.cores", String.valueOf(job.executorCores));
        p.put("spark.executor.memory", job.executorMemory);
        p.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, job.executors * job.executorCores)));
        // Idle heartbeats (the job's StreamingQueryListener) at a known pace: StreamingJobReady judges their age.
        p.put("spark.sql.streaming.noDataProgressEventInterval", "10s");
        if (job.sparkConf != null) {
            p.putAll(new java.util.TreeMap<>(job.sparkConf));
        }
        return p;
    }

    /** The CPU a pod reserves: the explicit request, else as many cores as Spark uses. */
    static String cpuRequest(String request, Integer cores) {
        return request != null ? request : String.valueOf(cores);
    }

    static String properties(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> escapeValue(e.getKey()).replace(":", "\\:").replace("=", "\\=") + "="
                        + escapeValue(e.getValue()))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** java.util.Properties escaping of a value (':' and '=' only matter in keys). */
    private static String escapeValue(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
