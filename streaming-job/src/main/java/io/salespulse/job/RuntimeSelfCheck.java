package io.salespulse.job;

import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code StreamingJobMain --self-check}: starts the job's runtime far enough that a jar missing from the classpath
 * fails here, at image build time, instead of in a pod when the first query starts. Needs no network (loopback
 * only): a local Spark session, the Kafka source up to its micro-batch stream (the code path that needs
 * spark-token-provider-kafka-0-10), the Kubernetes cluster manager and executor backend, the fabric8 client's HTTP
 * stack, the JDBC, Cassandra and Flyway pieces, the logging binding. Prints one line per check; exit 0 or 1.
 */
final class RuntimeSelfCheck {

    /** Classes the job loads only when it meets a real cluster, Kafka, MySQL or Cassandra. */
    static final List<String> CLASSES = List.of(
            "org.apache.spark.sql.kafka010.KafkaSourceProvider",
            "org.apache.spark.kafka010.KafkaConfigUpdater",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
            "org.apache.kafka.clients.producer.KafkaProducer",
            "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager",
            "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend",
            "io.fabric8.kubernetes.client.KubernetesClientBuilder",
            "com.mysql.cj.jdbc.Driver",
            "com.datastax.oss.driver.api.core.CqlSession",
            "org.flywaydb.core.Flyway",
            "io.salespulse.schema.mysql.MysqlSchema",
            "io.salespulse.schema.cassandra.CassandraSchema",
            "io.salespulse.job.BatchProcessor");

    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    private RuntimeSelfCheck(PrintStream out) {
        this.out = out;
    }

    interface Check {
        String run() throws Exception;
    }

    static int run(PrintStream out) {
        RuntimeSelfCheck check = new RuntimeSelfCheck(out);
        for (String name : CLASSES) {
            check.check("class " + name, () -> {
                Class.forName(name, true, RuntimeSelfCheck.class.getClassLoader());
                return "loaded";
            });
        }
        check.check("logging", RuntimeSelfCheck::loggingBinding);
        check.check("job configuration", () -> JobConfig.load(null, Map.of()).topic() != null ? "defaults load" : "?");
        check.check("flyway mysql plugin", RuntimeSelfCheck::flywayMysqlPlugin);
        check.check("mysql jdbc driver", () -> java.sql.DriverManager.getDriver("jdbc:mysql://127.0.0.1/x").getClass().getName());
        check.check("cassandra driver config", () -> {
            try (var loader = com.datastax.oss.driver.api.core.config.DriverConfigLoader.programmaticBuilder().build()) {
                return "request timeout " + loader.getInitialConfig().getDefaultProfile()
                        .getDuration(com.datastax.oss.driver.api.core.config.DefaultDriverOption.REQUEST_TIMEOUT);
            }
        });
        check.check("kubernetes cluster manager", RuntimeSelfCheck::kubernetesClusterManager);
        check.check("kubernetes client http stack", KubernetesClientProbe::connectRefused);
        SparkSession spark = null;
        try {
            spark = check.value("local spark session", RuntimeSelfCheck::localSession);
            if (spark != null) {
                SparkSession session = spark;
                check.check("spark task", () -> "range(1000).count() = " + session.range(1000).count());
                check.check("kafka micro-batch stream", () -> kafkaStream(session));
            }
        } finally {
            if (spark != null) {
                spark.stop();
            }
        }
        if (check.failures.isEmpty()) {
            out.println("self-check passed");
            return 0;
        }
        out.println("self-check FAILED (" + check.failures.size() + "): " + String.join("; ", check.failures));
        return 1;
    }

    private void check(String name, Check check) {
        value(name, () -> check.run());
    }

    private <T> T value(String name, java.util.concurrent.Callable<T> check) {
        try {
            T result = check.call();
            out.println("ok    " + name + (result instanceof String s ? ": " + s : ""));
            return result;
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = e == root ? e.toString() : e + " (cause: " + root + ")";
            out.println("FAIL  " + name + ": " + why);
            failures.add(name);
            return null;
        }
    }

    private static String loggingBinding() {
        String factory = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
        if (factory.contains("NOP") || factory.contains("Substitute")) {
            throw new IllegalStateException("no SLF4J binding: the job would log nothing (" + factory + ")");
        }
        return factory;
    }

    private static String flywayMysqlPlugin() throws ClassNotFoundException {
        List<String> plugins = new ArrayList<>();
        ServiceLoader.load(Class.forName("org.flywaydb.core.extensibility.Plugin")).forEach(p -> plugins.add(p.getClass().getSimpleName()));
        if (!plugins.contains("MySQLDatabaseType") || !plugins.contains("MariaDBDatabaseType")) {
            throw new IllegalStateException("Flyway finds no MySQL/MariaDB support (flyway-mysql), plugins: " + plugins);
        }
        if (RuntimeSelfCheck.class.getClassLoader().getResource("db/migration/salespulse/V1__sales_aggregates.sql") == null) {
            throw new IllegalStateException("the schema module's migrations are not on the classpath");
        }
        return "MySQLDatabaseType, MariaDBDatabaseType, migrations present";
    }

    /** What SparkContext does for a k8s:// master: the service loader must offer a manager that accepts it. */
    private static String kubernetesClusterManager() throws Exception {
        Class<?> type = Class.forName("org.apache.spark.scheduler.ExternalClusterManager");
        for (Object manager : ServiceLoader.load(type)) {
            if ((Boolean) type.getMethod("canCreate", String.class).invoke(manager, "k8s://https://127.0.0.1:6443")) {
                return manager.getClass().getName() + " accepts k8s://";
            }
        }
        throw new IllegalStateException("no ExternalClusterManager accepts a k8s:// master (spark-kubernetes missing)");
    }

    private static SparkSession localSession() {
        SparkConf conf = new SparkConf()
                .setIfMissing("spark.master", "local[1]")
                .setIfMissing("spark.app.name", "salespulse-self-check")
                .set("spark.ui.enabled", "false")
                .set("spark.sql.shuffle.partitions", "1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1");
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * The Kafka source as a streaming query builds it, up to the micro-batch stream (this is where the connector
     * needs KafkaConfigUpdater); nothing connects: the offset reader opens its admin client on first use.
     */
    private static String kafkaStream(SparkSession spark) throws Exception {
        Map<String, String> options = Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "subscribe", "salespulse-self-check",
                "startingOffsets", "earliest");
        var source = spark.readStream().format("kafka").options(options).load();
        TableProvider provider = (TableProvider) Class.forName("org.apache.spark.sql.kafka010.KafkaSourceProvider")
                .getDeclaredConstructor().newInstance();
        var caseInsensitive = new CaseInsensitiveStringMap(options);
        Table table = provider.getTable(provider.inferSchema(caseInsensitive), new org.apache.spark.sql.connector.expressions.Transform[0], options);
        Path checkpoint = Files.createTempDirectory("salespulse-self-check");
        MicroBatchStream stream = ((SupportsRead) table).newScanBuilder(caseInsensitive).build()
                .toMicroBatchStream(checkpoint.toString());
        try {
            return "schema " + source.schema().fieldNames().length + " columns, " + stream.getClass().getSimpleName();
        } finally {
            stream.stop();
        }
    }

    /** Separate class: it links fabric8 types, so a missing client fails this check only, with its class name. */
    static final class KubernetesClientProbe {

        private KubernetesClientProbe() {
        }

        /** Builds the client as Spark does (its HTTP client from the service loader) and lets it fail to connect. */
        static String connectRefused() {
            var config = new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                    .withMasterUrl("https://127.0.0.1:1")
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(5_000)
                    .withRequestTimeout(5_000)
                    .build();
            try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
                String http = client.getHttpClient().getClass().getName();
                try {
                    client.pods().inNamespace("default").list();
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        if (t instanceof ConnectException) {
                            return http + ", connection refused as expected";
                        }
                    }
                    throw e;
                }
                throw new IllegalStateException("something answered on 127.0.0.1:1");
            }
        }
    }
}
