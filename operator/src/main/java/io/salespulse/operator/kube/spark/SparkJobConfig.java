package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
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
    /** Where the image keeps the job's own jars (see streaming-job/Dockerfile). */
    static final String JOB_CLASSPATH = "/opt/salespulse/job/lib/*";

    private SparkJobConfig() {
    }

    static ConfigMap configMap(String pipeline, String namespace, SalesPipelineSpec spec, String checkpointLocation) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(JOB_FILE, properties(jobProperties(spec, checkpointLocation)));
        data.put(SPARK_FILE, properties(sparkProperties(pipeline, namespace, spec.streamingJob)));
        return new ConfigMapBuilder().withNewMetadata().withName(ChildNames.jobConfig(pipeline)).endMetadata()
                .withData(data).build();
    }

    static Map<String, String> jobProperties(SalesPipelineSpec spec, String checkpointLocation) {
        StreamingJobSpec job = spec.streamingJob;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap-servers", spec.kafka.bootstrapServers);
        p.put("kafka.topic", spec.kafka.topic);
        p.put("kafka.dead-letter-topic", spec.kafka.deadLetterTopic);
        p.put("kafka.starting-offsets", job.startingOffsets.value());
        p.put("kafka.max-offsets-per-trigger", String.valueOf(job.maxOffsetsPerTrigger));
        p.put("mysql.url", spec.mysql.jdbcUrl);
        p.put("cassandra.contact-points", spec.cassandra.contactPoints);
        p.put("cassandra.local-datacenter", spec.cassandra.localDatacenter);
        p.put("cassandra.keyspace", spec.cassandra.keyspace);
        p.put("cassandra.replication", spec.cassandra.replication);
        p.put("job.checkpoint-location", checkpointLocation);
        p.put("job.trigger-interval", job.triggerInterval);
        p.put("job.window", job.window);
        p.put("job.allowed-lateness", job.allowedLateness);
        p.put("job.late-events", job.lateEvents.name());
        return p;
    }

    /** Client-mode Spark on Kubernetes: the driver runs in our pod and asks the API server for executor pods. */
    static Map<String, String> sparkProperties(String pipeline, String namespace, StreamingJobSpec job) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spark.master", "k8s://https://kubernetes.default.svc");
        p.put("spark.submit.deployMode", "client");
        p.put("spark.app.name", "salespulse-" + pipeline);
        p.put("spark.kubernetes.namespace", namespace);
        p.put("spark.kubernetes.container.image", job.image);
        p.put("spark.kubernetes.container.image.pullPolicy", job.imagePullPolicy.name());
        p.put("spark.kubernetes.executor.podNamePrefix", pipeline + "-exec");
        p.put("spark.kubernetes.executor.label.app.kubernetes.io/instance", pipeline);
        p.put("spark.kubernetes.executor.label.app.kubernetes.io/component", "spark-executor");
        // Executors reach the driver through the headless Service in front of the driver pod.
        p.put("spark.driver.host", ChildNames.driverService(pipeline) + "." + namespace + ".svc");
        p.put("spark.driver.port", String.valueOf(DRIVER_PORT));
        p.put("spark.driver.blockManager.port", String.valueOf(BLOCK_MANAGER_PORT));
        p.put("spark.driver.memory", job.driverMemory);
        p.put("spark.driver.cores", String.valueOf(job.driverCores));
        p.put("spark.driver.extraClassPath", JOB_CLASSPATH);
        p.put("spark.executor.extraClassPath", JOB_CLASSPATH);
        p.put("spark.executor.instances", String.valueOf(job.executors));
        p.put("spark.executor.cores", String.valueOf(job.executorCores));
        p.put("spark.executor.memory", job.executorMemory);
        p.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, job.executors * job.executorCores)));
        if (job.sparkConf != null) {
            p.putAll(new java.util.TreeMap<>(job.sparkConf));
        }
        return p;
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
