package io.salespulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers for services on this machine. */
public final class Ports {

    /** Where local services listen unless told otherwise: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Below this, ports belong to well-known services (MySQL 3306, Kafka 9092, Cassandra 9042, 8080…). */
    static final int LOWEST = 20_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port that was free a moment ago, for a server that binds it shortly after. It lies outside the kernel's
     * ephemeral range: a port the kernel hands out (bind to 0) can be taken again by any outgoing connection before
     * the server binds it, and then the server fails with "address in use". Outside the range only an explicit bind
     * can take it, and the random choice keeps parallel runs apart. Never the same port twice in one JVM.
     */
    public static int free() {
        int[] range = ephemeralRange();
        int[] pool = range[0] - LOWEST >= 1_000 ? new int[] {LOWEST, range[0] - 1}
                : 65_535 - range[1] >= 1_000 ? new int[] {range[1] + 1, 65_535} : null;
        if (pool != null) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(pool[0], pool[1] + 1);
                if (!HANDED_OUT.contains(port) && canBind(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        return kernelChosen();
    }

    /** The kernel's ephemeral port range, or Linux's default where it cannot be read. */
    static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999};
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            // the wildcard address: taken on any address (or lingering in TIME_WAIT) counts as taken
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            int port = socket.getLocalPort();
            HANDED_OUT.add(port);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isOpen(int port) {
        return isOpen(LOOPBACK, port);
    }

    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
