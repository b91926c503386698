package io.salespulse.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka (KRaft, combined broker + controller) running in this JVM, with its log under
 * {@code dataDir}. A second start on the same directory keeps the topics and their data.
 */
public final class KafkaNode implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private Path dataDir;
    private int controllerPort;

    private KafkaNode(KafkaRaftServer server, String host, int port) {
        this.server = server;
        this.host = host;
        this.port = port;
    }

    public static KafkaNode start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, Ports.LOOPBACK, port, controllerPort);
    }

    /** @param host the address clients use (e.g. a container bridge's gateway); the controller stays on loopback */
    public static KafkaNode start(Path dataDir, String host, int port, int controllerPort) {
        try {
            Files.createDirectories(dataDir);
            Properties props = properties(dataDir, host, port, controllerPort);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "SalesPulse local Kafka (KRaft, one node)");
            }
            int formatted = StorageTool.execute(new String[] {"format", "--standalone", "--ignore-formatted",
                    "-t", clusterId(dataDir), "-c", config.toString()}, new PrintStream(OutputStream.nullOutputStream()));
            if (formatted != 0) {
                throw new IllegalStateException("formatting the Kafka log directory " + dataDir + " failed (" + formatted + ")");
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            KafkaNode node = new KafkaNode(server, host, port);
            node.dataDir = dataDir;
            node.controllerPort = controllerPort;
            Deadline.await("Kafka on port " + port, Duration.ofSeconds(60), Duration.ofMillis(200), node::isReady);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path dataDir, String host, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** A stable cluster id per data directory, so a restart finds its formatted log. */
    private static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = org.apache.kafka.common.Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    private boolean isReady() {
        if (!Ports.isOpen(host, port)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get().isEmpty();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Admin admin() {
        return admin(bootstrapServers());
    }

    /** An admin client for any Kafka (this node, or one the user brings). */
    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000));
    }

    /**
     * Creates the (orders) topics that do not exist yet and waits until every partition has a leader: an idempotent
     * producer that races a partition's first leader election can get its sequence numbers out of step (seen here as
     * OutOfOrderSequenceException until the delivery timeout). The broker stamps each record with its own clock
     * (LogAppendTime), which the job trusts to bound event times; a producer's CreateTime bounds nothing.
     */
    public void createTopics(int partitions, String... names) {
        createTopics(bootstrapServers(), partitions, names);
    }

    /** As {@link #createTopics(int, String...)}, on any Kafka (this node, or one the user brings). */
    public static void createTopics(String bootstrapServers, int partitions, String... names) {
        try (Admin admin = admin(bootstrapServers)) {
            Collection<NewTopic> topics = List.of(names).stream().map(n -> new NewTopic(n, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"))).toList();
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            Deadline.await("leaders for " + List.of(names), Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> allPartitionsLed(admin, List.of(names)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean allPartitionsLed(Admin admin, List<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The broker again on this one's log directory and ports, once this one is closed (a broker restart). */
    public KafkaNode startAgain() {
        return start(dataDir, host, port, controllerPort);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
