package io.salespulse.testkit.kube;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the node's processes talk only to this machine: every TCP/UDP socket a watched process holds (socket inodes
 * from {@code /proc/<pid>/fd}, matched against {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6}}) must have a remote
 * address that is unset, loopback, one of this host's own addresses, in the pod subnet or in the Service range.
 * Sampled in the background from before the kubelet starts (a start-up probe of a cloud metadata address would
 * otherwise come and go unseen), and once more on demand.
 */
final class SocketAudit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketAudit.class);
    private static final List<String> TABLES = List.of("tcp", "tcp6", "udp", "udp6");

    /** One socket seen talking to a remote address outside this machine. */
    record Violation(String process, long pid, String table, String remote, String state) {
        @Override
        public String toString() {
            return process + " (pid " + pid + ") " + table + " -> " + remote + " [" + state + "]";
        }
    }

    private final Supplier<Map<String, Long>> processes;
    private final boolean thisHostIsLocal;
    private final List<Cidr> allowed;
    private final Set<Violation> violations = Collections.synchronizedSet(new LinkedHashSet<>());
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "real-node-socket-audit");
        t.setDaemon(true);
        return t;
    });
    private volatile int samples;

    /**
     * @param processes the processes to watch, by name (read on every sample: components start one after another)
     * @param localCidrs CIDRs that count as this machine besides loopback and the host's own addresses
     */
    SocketAudit(Supplier<Map<String, Long>> processes, List<String> localCidrs) {
        this(processes, localCidrs, true);
    }

    /** {@code thisHostIsLocal} false: only {@code localCidrs} count (lets a test see a loopback socket reported). */
    SocketAudit(Supplier<Map<String, Long>> processes, List<String> localCidrs, boolean thisHostIsLocal) {
        this.processes = processes;
        this.thisHostIsLocal = thisHostIsLocal;
        List<Cidr> cidrs = new ArrayList<>();
        localCidrs.forEach(c -> cidrs.add(Cidr.parse(c)));
        if (thisHostIsLocal) {
            cidrs.add(Cidr.parse("127.0.0.0/8"));
            cidrs.add(Cidr.parse("::1/128"));
        }
        this.allowed = cidrs;
    }

    /** Samples every {@code periodMillis} until closed. */
    SocketAudit startSampling(long periodMillis) {
        sampler.scheduleWithFixedDelay(this::sampleQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    int samples() {
        return samples;
    }

    /** Takes one sample now and returns every violation seen since the audit started. */
    List<Violation> check() {
        sample();
        return List.copyOf(violations);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.debug("socket sample failed: {}", e.toString());
        }
    }

    private synchronized void sample() {
        Set<InetAddress> hostAddresses = hostAddresses();
        for (Map.Entry<String, Long> entry : processes.get().entrySet()) {
            long pid = entry.getValue();
            Set<String> inodes = socketInodes(pid);
            if (inodes.isEmpty()) {
                continue;
            }
            for (String table : TABLES) {
                for (String[] row : rows(pid, table)) {
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (row.length < 10 || !inodes.contains(row[9])) {
                        continue;
                    }
                    InetAddress remote = decode(row[2]);
                    if (remote == null || isLocal(remote, hostAddresses)) {
                        continue;
                    }
                    Violation v = new Violation(entry.getKey(), pid, table,
                            remote.getHostAddress() + ":" + Integer.parseInt(row[2].split(":")[1], 16), row[3]);
                    if (violations.add(v)) {
                        LOG.error("socket to outside this machine: {}", v);
                    }
                }
            }
        }
        samples++;
    }

    private boolean isLocal(InetAddress address, Set<InetAddress> hostAddresses) {
        if (address.isAnyLocalAddress()) {
            return true; // not connected (listening, or unconnected UDP)
        }
        if (thisHostIsLocal && (address.isLoopbackAddress() || hostAddresses.contains(address))) {
            return true;
        }
        return allowed.stream().anyMatch(c -> c.contains(address));
    }

    private static Set<InetAddress> hostAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()).stream()
                        .map(SocketAudit::withoutScope).toList());
            }
        } catch (SocketException e) {
            LOG.warn("could not list network interfaces: {}", e.toString());
        }
        return addresses;
    }

    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return inodes;
    }

    private static List<String[]> rows(long pid, String table) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            return lines.stream().skip(1).map(l -> l.trim().split("\\s+")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** /proc/net/tcp writes addresses as host-order 32-bit words in hex: "0100007F:0050" is 127.0.0.1:80. */
    static InetAddress decode(String hexAddressAndPort) {
        String hex = hexAddressAndPort.split(":")[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            // an IPv4-mapped ::ffff:a.b.c.d comes back as the IPv4 address
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /** An address range. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String cidr) {
            String[] parts = cidr.split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                return new Cidr(network, Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(bytes.length * 8).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bytes.length * 8 - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }
}
