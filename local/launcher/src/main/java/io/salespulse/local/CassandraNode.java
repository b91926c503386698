package io.salespulse.local;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Cassandra node from the Maven Central jars, in its own JVM with a small heap (its guava, netty, logback and
 * SecurityManager clash with everything else). Data under {@code dir}; a restart on the same directory keeps it.
 */
public final class CassandraNode implements AutoCloseable {

    public static final String DATACENTER = "datacenter1";

    /** The module options Cassandra ships for Java 17 (conf/jvm17-server.options), plus java.nio for netty. */
    private static final List<String> JAVA17_OPTIONS = List.of(
            "-Djava.security.manager=allow",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports=java.sql/java.sql=ALL-UNNAMED",
            "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.math=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED");

    private final JvmProcess process;
    private final String host;
    private final int nativePort;
    private Path dir;
    private int storagePort;
    private String heap;

    private CassandraNode(JvmProcess process, String host, int nativePort) {
        this.host = host;
        this.process = process;
        this.nativePort = nativePort;
    }

    public static CassandraNode start(Path dir, int nativePort, int storagePort, String heap) {
        return start(dir, Ports.LOOPBACK, nativePort, storagePort, heap);
    }

    /** @param host the one address it listens on (e.g. a container bridge's gateway, for pods on this machine) */
    public static CassandraNode start(Path dir, String host, int nativePort, int storagePort, String heap) {
        return start(dir, host, nativePort, storagePort, heap, Duration.ofMinutes(3));
    }

    /** @param timeout how long to wait for CQL (a restart replays the commit log: minutes on a loaded machine) */
    public static CassandraNode start(Path dir, String host, int nativePort, int storagePort, String heap, Duration timeout) {
        try {
            Files.createDirectories(dir);
            Path yaml = dir.resolve("cassandra.yaml");
            Files.writeString(yaml, yaml(dir, host, nativePort, storagePort));
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, logback(dir));
            List<String> jvm = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-Xss512k", "-XX:+UseG1GC",
                    "-XX:+ExitOnOutOfMemoryError", "-Dio.netty.tryReflectionSetAccessible=true",
                    "-Dcassandra.config=" + yaml.toUri(), "-Dcassandra.storagedir=" + dir,
                    "-Dcassandra-foreground=yes", "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                    "-Dcassandra.ring_delay_ms=0", "-Dcassandra.superuser_setup_delay_ms=0",
                    "-Dcassandra.jmx.local.port=" + Ports.free(), "-Dlogback.configurationFile=" + logback.toUri()));
            jvm.addAll(JAVA17_OPTIONS);
            JvmProcess process = JvmProcess.start("cassandra", "salespulse-cassandra-node",
                    "org.apache.cassandra.service.CassandraDaemon", jvm, List.of(), Map.of(), dir.resolve("cassandra.out"));
            CassandraNode node = new CassandraNode(process, host, nativePort);
            node.dir = dir;
            node.storagePort = storagePort;
            node.heap = heap;
            try {
                Deadline.await("Cassandra on port " + nativePort + " (see " + dir.resolve("cassandra.out") + ")",
                        timeout, Duration.ofMillis(500), () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("Cassandra exited; see " + dir.resolve("cassandra.out"));
                            }
                            return node.acceptsCql();
                        });
            } catch (RuntimeException e) {
                process.close(); // a node that did not come up in time must not outlive its caller
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yaml(Path dir, String host, int nativePort, int storagePort) {
        return """
                cluster_name: salespulse-local
                num_tokens: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                data_file_directories: [%1$s/data]
                commitlog_directory: %1$s/commitlog
                saved_caches_directory: %1$s/saved_caches
                hints_directory: %1$s/hints
                cdc_raw_directory: %1$s/cdc_raw
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "%4$s:%3$d"
                listen_address: %4$s
                rpc_address: %4$s
                storage_port: %3$d
                native_transport_port: %2$d
                start_native_transport: true
                endpoint_snitch: SimpleSnitch
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                concurrent_compactors: 1
                """.formatted(dir.toAbsolutePath(), nativePort, storagePort, host);
    }

    private static String logback(Path dir) {
        return """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s/system.log</file>
                    <encoder><pattern>%%d{ISO8601} %%-5level [%%thread] %%logger{1} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dir.toAbsolutePath());
    }

    private boolean acceptsCql() {
        if (!Ports.isOpen(host, nativePort)) {
            return false;
        }
        try (CqlSession session = session()) {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String contactPoint() {
        return host + ":" + nativePort;
    }

    /** A driver session for checks and tests, with the long timeouts that DDL on a small node needs. */
    public CqlSession session() {
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(host, nativePort))
                .withLocalDatacenter(DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
    }

    /** SIGKILL, like a crashed node (tests of the job's recovery). */
    public void kill() throws InterruptedException {
        process.kill();
    }

    /** A new node on this one's directory and ports, once this one is stopped or killed. */
    public CassandraNode startAgain(Duration timeout) {
        return start(dir, host, nativePort, storagePort, heap, timeout);
    }

    @Override
    public void close() {
        process.close();
    }
}
