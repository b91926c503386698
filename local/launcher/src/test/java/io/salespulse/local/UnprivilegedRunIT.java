package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import io.salespulse.schema.mysql.MysqlSchema;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./salespulse run} as an ordinary user with nothing but a JDK: when the tests run as root, as uid 65534
 * (setpriv) with its own HOME and data directory, so neither root's Maven repository nor any system package can
 * help. Orders must reach MySQL and Cassandra, and the database that served them must be the embedded MariaDB
 * unpacked into that user's HOME, not the system's mariadbd (CI machines have Debian's too).
 */
class UnprivilegedRunIT {

    private static final int NOBODY = 65534;
    private static final Path CHECKOUT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path BASE = Path.of("target", "it", "unprivileged").toAbsolutePath();

    @Test
    void ordersReachMysqlAndCassandraThroughTheEmbeddedDatabaseAsAnUnprivilegedUser() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux) to drop to uid " + NOBODY);
            Optional<Path> closed = closedToOthers(CHECKOUT);
            assumeTrue(closed.isEmpty(), () -> "uid " + NOBODY + " cannot enter " + closed.get() + ": clone the project where others may read it");
        }
        Directories.deleteRecursively(BASE);
        Path home = Files.createDirectories(BASE.resolve("home"));
        Path data = BASE.resolve("data");
        if (root) {
            Files.setAttribute(home, "unix:uid", NOBODY);
            Files.setAttribute(home, "unix:gid", NOBODY);
            Files.setAttribute(BASE, "unix:uid", NOBODY);
        }
        int kafkaPort = freePair();
        int cassandraPort = freePair();
        int mysqlPort = Ports.free();
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        // A bare environment: a JDK on the PATH, its own HOME, nothing else (no MAVEN_*, no JAVA_TOOL_OPTIONS).
        command.addAll(List.of("/usr/bin/env", "-i", "HOME=" + home,
                "PATH=" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin", "SALESPULSE_NO_BUILD=1",
                CHECKOUT.resolve("salespulse").toString(), "run", "--data-dir=" + data, "--no-dashboard",
                "--kafka-port=" + kafkaPort, "--cassandra-port=" + cassandraPort, "--mysql-port=" + mysqlPort,
                "--rate=40", "--trigger=PT2S"));
        Path output = BASE.resolve("run.out");
        Process run = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            Path password = MariaDbNode.passwordFile(data.resolve("mariadb"));
            String jdbc = MysqlSchema.withDriverDefaults("jdbc:mysql://127.0.0.1:" + mysqlPort + "/" + LocalSettings.DATABASE);
            Deadline.await("orders counted in MySQL (see " + output + ")", Duration.ofMinutes(10), Duration.ofSeconds(2), () -> {
                assertThat(run.isAlive()).as("the run is alive; its output: %s", read(output)).isTrue();
                return Files.isReadable(password) && ordersInMysql(jdbc, password) > 0;
            });
            try (CqlSession session = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cassandraPort))
                    .withLocalDatacenter(CassandraNode.DATACENTER).build()) {
                Deadline.await("raw orders in Cassandra", Duration.ofMinutes(2), Duration.ofSeconds(1),
                        () -> session.execute("SELECT * FROM " + LocalSettings.KEYSPACE + ".orders_by_id LIMIT 1").one() != null);
            }

            // Which database served: the embedded build, unpacked into this user's HOME, run as this user.
            Path unpacked;
            try (Connection c = DriverManager.getConnection(jdbc, MariaDbNode.APP_USER, Files.readString(password).strip());
                 ResultSet rs = c.createStatement().executeQuery("SELECT VERSION(), @@basedir")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith(EmbeddedMariaDb.version() + "-MariaDB");
                unpacked = Path.of(rs.getString(2));
            }
            assertThat(unpacked).startsWith(home.resolve(".cache/salespulse"));
            long pid = serverPid(data.resolve("mariadb/data"));
            assertThat(Path.of("/proc/" + pid + "/exe").toRealPath()).isEqualTo(unpacked.resolve("bin/mariadbd").toRealPath());
            if (root) {
                assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Uid:")).findFirst())
                        .hasValueSatisfying(l -> assertThat(l.split("\\s+")[1]).isEqualTo(Integer.toString(NOBODY)));
                assertThat((Integer) Files.getAttribute(data.resolve("mariadb/data"), "unix:uid")).isEqualTo(NOBODY);
            }
            assertThat(read(output)).doesNotContain("install-system-deps").doesNotContain("building");

            // Ctrl-C (SIGTERM reaches the launcher's JVM: the script and setpriv exec it) stops everything.
            run.destroy();
            assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the run stopped").isTrue();
            assertThat(read(output)).contains("stopped; data kept in " + data);
            Deadline.await("mariadbd to exit", Duration.ofSeconds(30), Duration.ofMillis(200), () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            // Never leave the run's processes behind, whatever failed.
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    private static long ordersInMysql(String jdbc, Path password) {
        try (Connection c = DriverManager.getConnection(jdbc, MariaDbNode.APP_USER, Files.readString(password).strip());
             ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(orders), 0) FROM sales_minute")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException | java.io.IOException e) {
            return 0; // not up yet, or the schema not migrated yet
        }
    }

    /** The mariadbd serving {@code data}, found by its command line. */
    private static long serverPid(Path data) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().commandLine().orElse("").contains("--datadir=" + data + " "))
                    .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no mariadbd on " + data));
        }
    }

    /** The first directory from / down to {@code dir} that others may not enter, if any. */
    private static Optional<Path> closedToOthers(Path dir) throws java.io.IOException {
        Path current = dir.getRoot();
        for (Path part : dir) {
            current = current.resolve(part);
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(current);
            if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    /** A free port whose successor is free too (Kafka's controller and Cassandra's storage port use it). */
    private static int freePair() {
        for (int i = 0; i < 50; i++) {
            int port = Ports.free();
            if (port < 65535 && !Ports.isOpen(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two adjacent free ports");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }
}
