package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A MariaDB server (Debian's mariadb-server, installed by scripts/install-system-deps.sh) run as a plain child
 * process with its data under {@code dir}: no system service, no root password, loopback only. The application
 * user's password is generated on first start and kept in {@code dir/app-password} (mode 600), never logged.
 */
public final class MariaDbNode implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
    public static final String APP_USER = "salespulse";

    private final Path dir;
    private final String host;
    private final int port;
    private final Process process;
    private final String appPassword;

    private MariaDbNode(Path dir, String host, int port, Process process, String appPassword) {
        this.dir = dir;
        this.host = host;
        this.port = port;
        this.process = process;
        this.appPassword = appPassword;
    }

    public static MariaDbNode start(Path dir, int port) {
        return start(dir, Ports.LOOPBACK, port);
    }

    /** @param host the one address it listens on (e.g. a container bridge's gateway, for pods on this machine) */
    public static MariaDbNode start(Path dir, String host, int port) {
        try {
            Path data = dir.resolve("data");
            Files.createDirectories(dir);
            boolean root = "root".equals(System.getProperty("user.name"));
            if (!Files.exists(data.resolve("mysql"))) {
                List<String> install = new ArrayList<>(List.of(binary("mariadb-install-db"), "--no-defaults",
                        "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"));
                if (root) {
                    install.add("--user=root");
                }
                runOrFail(install, null, dir.resolve("install.log"), Duration.ofMinutes(2));
            }
            List<String> command = new ArrayList<>(List.of(binary("mariadbd"), "--no-defaults",
                    "--datadir=" + data, "--bind-address=" + host, "--port=" + port,
                    "--socket=" + socket(dir), "--pid-file=" + dir.resolve("mariadb.pid"), "--skip-name-resolve",
                    "--innodb-buffer-pool-size=128M", "--max-connections=200", "--log-error=" + dir.resolve("error.log")));
            if (root) {
                command.add("--user=root");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.out").toFile())).start();
            MariaDbNode node = new MariaDbNode(dir, host, port, process, appPassword(dir));
            Deadline.await("MariaDB on port " + port + " (see " + dir.resolve("error.log") + ")", Duration.ofSeconds(60),
                    Duration.ofMillis(200), () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see " + dir.resolve("error.log"));
                        }
                        return node.ping();
                    });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path socket(Path dir) {
        return dir.resolve("mariadb.sock");
    }

    private static String binary(String name) {
        for (String location : List.of("/usr/sbin/", "/usr/bin/", "/usr/local/bin/", "/usr/local/sbin/")) {
            if (Files.isExecutable(Path.of(location + name))) {
                return location + name;
            }
        }
        throw new IllegalStateException(name + " not found: install MariaDB first (scripts/install-system-deps.sh)");
    }

    /** Where the application user's password is kept (mode 600), for tools that connect to a running node. */
    public static Path passwordFile(Path dir) {
        return dir.resolve("app-password");
    }

    private static String appPassword(Path dir) throws IOException {
        return LocalSecrets.readOrCreate(passwordFile(dir), 18);
    }

    private boolean ping() {
        try {
            return run(List.of(binary("mariadb-admin"), "--no-defaults", "--socket=" + socket(dir), "-uroot", "ping"),
                    null, dir.resolve("ping.log"), Duration.ofSeconds(10)) == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Runs a MariaDB tool that must succeed. */
    private static void runOrFail(List<String> command, String stdin, Path log, Duration timeout) {
        int exit = run(command, stdin, log, timeout);
        if (exit != 0) {
            throw new IllegalStateException(command.get(0) + " failed with " + exit + "; see " + log);
        }
    }

    /** Runs a MariaDB tool to completion, feeding it {@code stdin} when given; its output goes to {@code log}. */
    private static int run(List<String> command, String stdin, Path log, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates {@code database} (if needed) and grants the application user all rights on it. */
    public void createDatabase(String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' must be a letter followed by letters, digits or '_'");
        }
        String sql = "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + "CREATE USER IF NOT EXISTS '" + APP_USER + "'@'%' IDENTIFIED BY '" + appPassword + "';"
                + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + APP_USER + "'@'%';";
        // The password goes over stdin, not the command line, so it never shows in a process list or log.
        runOrFail(List.of(binary("mariadb"), "--no-defaults", "--socket=" + socket(dir), "-uroot"), sql,
                dir.resolve("admin.log"), Duration.ofSeconds(30));
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String appUser() {
        return APP_USER;
    }

    public String appPassword() {
        return appPassword;
    }

    /** Stops the server (SIGTERM: InnoDB shuts down cleanly). */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(30));
    }
}
