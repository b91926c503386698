package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded MariaDB as every part of SalesPulse starts it: fresh install, data kept across a restart, the
 * embedded binary (not a system mariadbd) serving; a data directory from Debian's 10.11 carried over; a newer one refused.
 */
class MariaDbNodeIT {

    private static final Path ROOT = Path.of("target", "it").toAbsolutePath();

    @Test
    void theEmbeddedServerServesAndKeepsItsDataAcrossARestart() throws Exception {
        Path dir = fresh("embedded");
        int port = Ports.free();
        try (MariaDbNode node = MariaDbNode.start(dir, port)) {
            node.createDatabase("shop");
            sql(node, "shop", "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
            assertThat(sql(node, "shop", "SELECT VERSION(), @@basedir")).startsWith(EmbeddedMariaDb.version() + "-MariaDB\t"
                    + node.serverProgram().getParent().getParent());
            assertThat(Path.of("/proc/" + node.pid() + "/exe").toRealPath()).isEqualTo(node.serverProgram().toRealPath());
        }
        try (MariaDbNode again = MariaDbNode.start(dir, port)) {
            assertThat(sql(again, "shop", "SELECT COUNT(*) FROM t")).isEqualTo("2");
        }
    }

    @Test
    void aDataDirectoryMadeByDebians1011IsCarriedOver() throws Exception {
        Path debian = Path.of("/usr/sbin/mariadbd");
        assumeTrue(Files.isExecutable(debian) && Files.isExecutable(Path.of("/usr/bin/mariadb-install-db")),
                "needs Debian's mariadb-server to make a 10.11 data directory (./salespulse test installs it)");
        Path dir = fresh("from-debian");
        Path data = dir.resolve("data");
        MariaDbVersion made = DebianServer.makeDataDirectory(dir, data,
                "CREATE DATABASE salespulse; CREATE TABLE salespulse.orders (id INT PRIMARY KEY, total DECIMAL(10,2));"
                        + " INSERT INTO salespulse.orders VALUES (1, 9.50), (2, 20.00);"
                        + " CREATE VIEW salespulse.revenue AS SELECT SUM(total) AS revenue FROM salespulse.orders;");
        assumeTrue(made.compareSeries(EmbeddedMariaDb.version()) < 0, "Debian's server here is " + made);

        try (MariaDbNode node = MariaDbNode.start(dir, Ports.free())) {
            node.createDatabase("salespulse");
            assertThat(sql(node, "salespulse", "SELECT revenue FROM revenue")).isEqualTo("29.50");
            assertThat(sql(node, "salespulse", "SELECT VERSION()")).startsWith(EmbeddedMariaDb.version().toString());
        }
        assertThat(dir.resolve("data-" + made).resolve("mysql")).as("the original, kept").isDirectory();
        assertThat(DataDirVersion.of(data)).contains(EmbeddedMariaDb.version());
    }

    @Test
    void aDataDirectoryFromANewerSeriesIsRefusedUntouched() throws Exception {
        Path dir = fresh("newer");
        Files.createDirectories(dir.resolve("data/mysql"));
        Files.writeString(dir.resolve("data/mariadb_upgrade_info"), "99.1.0-MariaDB");
        assertThatThrownBy(() -> MariaDbNode.start(dir, Ports.free()))
                .hasMessageContaining("made by MariaDB 99.1.0, newer than the embedded " + EmbeddedMariaDb.version())
                .hasMessageContaining("move it aside");
        assertThat(Files.readString(dir.resolve("data/mariadb_upgrade_info"))).isEqualTo("99.1.0-MariaDB");
    }

    private static Path fresh(String name) {
        Path dir = ROOT.resolve(name);
        Directories.deleteRecursively(dir);
        return dir;
    }

    /** As the application user over TCP, like the pipeline; the password through the environment, not the arguments. */
    static String sql(MariaDbNode node, String database, String sql) throws Exception {
        List<String> command = new ArrayList<>(List.of(EmbeddedMariaDb.binaries().client().toString(), "--no-defaults",
                "--skip-ssl", "-h127.0.0.1", "-P" + node.port(), "-u" + node.appUser(), "-N", "-B", database, "-e", sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", node.appPassword());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    /** Debian's 10.11 run the way MariaDbNode ran it before the embedded server: to make a data directory to upgrade. */
    static final class DebianServer {
        static MariaDbVersion makeDataDirectory(Path dir, Path data, String sql) throws Exception {
            Files.createDirectories(dir);
            List<String> install = new ArrayList<>(List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + data,
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            List<String> server = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                    "--skip-networking", "--socket=" + dir.resolve("debian.sock"), "--log-error=" + dir.resolve("debian-error.log")));
            if (MariaDbServer.isRoot()) {
                install.add("--user=root");
                server.add("--user=root");
            }
            Tools.runOrFail(install, null, dir.resolve("debian-install.log"), Duration.ofMinutes(3));
            Process process = new ProcessBuilder(server).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("debian.out").toFile()).start();
            try {
                List<String> client = List.of("/usr/bin/mariadb", "--no-defaults", "--socket=" + dir.resolve("debian.sock"), "-uroot");
                Deadline.await("Debian's mariadbd", Duration.ofSeconds(60), Duration.ofMillis(100),
                        () -> Tools.run(new ArrayList<>(client) {{ add("-e"); add("SELECT 1"); }}, null, dir.resolve("debian-ping.log"),
                                Duration.ofSeconds(10)) == 0);
                Tools.runOrFail(client, sql, dir.resolve("debian-sql.log"), Duration.ofMinutes(1));
            } finally {
                ChildProcesses.stop(process, Duration.ofSeconds(60));
            }
            return DataDirVersion.of(data).orElseThrow();
        }
    }
}
