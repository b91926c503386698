package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One mariadbd process on a data directory, administered as root over its Unix socket (never over TCP), with its
 * error log next to the data. What {@link MariaDbNode} runs, and what a data-directory upgrade runs on the side.
 */
final class MariaDbServer implements AutoCloseable {

    /** Unix socket paths are limited to 107 bytes; deeper directories get a short one in the temp directory. */
    private static final int MAX_SOCKET_PATH = 100;

    private final MariaDbBinaries binaries;
    private final Path dir;
    private final Path socket;
    private final Process process;

    private MariaDbServer(MariaDbBinaries binaries, Path dir, Path socket, Process process) {
        this.binaries = binaries;
        this.dir = dir;
        this.socket = socket;
        this.process = process;
    }

    /**
     * Starts mariadbd on {@code data} and waits until it answers on its socket.
     *
     * @param name     names the socket, pid and log files in {@code dir} (several servers may share one directory)
     * @param network  e.g. {@code --bind-address=… --port=…}, or {@code --skip-networking}
     */
    static MariaDbServer start(MariaDbBinaries binaries, Path dir, Path data, String name, List<String> network) {
        Path socket = socket(dir, name);
        Path errorLog = dir.resolve(name + "-error.log");
        List<String> command = new ArrayList<>(List.of(binaries.server().toString(), "--no-defaults",
                "--basedir=" + binaries.base(), "--datadir=" + data, "--socket=" + socket,
                "--pid-file=" + dir.resolve(name + ".pid"), "--log-error=" + errorLog, "--skip-name-resolve",
                // 11.4 otherwise makes a 4096-bit RSA key for TLS on every start: 10-40 s of CPU here. Loopback or a
                // host-only bridge, as with Debian's server before (which had no TLS configured either).
                "--skip-ssl",
                "--innodb-buffer-pool-size=128M", "--max-connections=200"));
        command.addAll(network);
        if (isRoot()) {
            command.add("--user=root"); // mariadbd refuses to run as root unless told to
        }
        try {
            Files.deleteIfExists(socket);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".out").toFile())).start();
            MariaDbServer server = new MariaDbServer(binaries, dir, socket, process);
            try {
                Deadline.await("MariaDB " + binaries.version() + " on " + data + " (see " + errorLog + ")", Duration.ofSeconds(120),
                        Duration.ofMillis(100), () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see " + errorLog);
                            }
                            return server.ping();
                        });
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path socket(Path dir, String name) {
        Path socket = dir.resolve(name + ".sock");
        if (socket.toString().length() <= MAX_SOCKET_PATH) {
            return socket;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "salespulse-" + Integer.toHexString(socket.toString().hashCode()) + ".sock");
    }

    /** The client as root on the socket; without TLS, which the 11.4 client would otherwise insist on. */
    List<String> client(String... args) {
        List<String> command = new ArrayList<>(List.of(binaries.client().toString(), "--no-defaults", "--skip-ssl",
                "--socket=" + socket, "-uroot"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Whether the server accepts connections: its handshake greeting (protocol version 10) arrives on the socket.
     * Not the client: the 11.4 client spends about a second of CPU setting up its collations on every run.
     */
    boolean ping() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer greeting = ByteBuffer.allocate(5);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (greeting.hasRemaining() && System.nanoTime() < end) {
                if (selector.select(Duration.ofSeconds(1).toMillis()) > 0) {
                    selector.selectedKeys().clear();
                    if (channel.read(greeting) < 0) {
                        return false;
                    }
                }
            }
            return !greeting.hasRemaining() && greeting.get(4) == 10;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs SQL given on stdin (so secrets in it never show in a process list or a log). */
    void execute(String sql, Path log) {
        Tools.runOrFail(client(), sql, log, Duration.ofMinutes(2));
    }

    /** The single-column result of a query, one value per line. */
    List<String> column(String sql, Path log) {
        return Tools.output(client("-N", "-B", "-e", sql), null, log, Duration.ofMinutes(1)).lines().toList();
    }

    /** Loads a SQL file (a dump) through the client. */
    void load(Path sqlFile, Path log) {
        int exit = Tools.run(new ProcessBuilder(client()).redirectInput(sqlFile.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())), null, Duration.ofMinutes(30));
        if (exit != 0) {
            throw new IllegalStateException("loading " + sqlFile + " failed with " + exit + "; see " + log);
        }
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM: InnoDB shuts down cleanly. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(60));
    }
}
