package io.salespulse.testkit.kube;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host looked like before the cluster touched it: the sysctls a kubelet or kube-proxy may write, which of
 * the paths the kubelet creates outside its --root-dir already existed, and whether this harness started dockerd. It
 * is written to disk before anything changes, so a later run can put the host back after this one was killed.
 */
final class HostState {

    private static final Logger LOG = LoggerFactory.getLogger(HostState.class);

    /** Written by the kubelet (setupKernelTunables, the no-op network plugin) or kube-proxy (route_localnet). */
    static final List<String> SYSCTLS = List.of(
            "vm.overcommit_memory",
            "vm.panic_on_oom",
            "kernel.panic",
            "kernel.panic_on_oops",
            "kernel.keys.root_maxkeys",
            "kernel.keys.root_maxbytes",
            "net.ipv4.conf.all.route_localnet",
            "net.bridge.bridge-nf-call-iptables",
            "net.bridge.bridge-nf-call-ip6tables");

    /**
     * Created by the kubelet, dockershim or the API server even when every directory flag points elsewhere (hard-coded
     * paths: device plugins, pod and container log links, the default volume plugin dir, ...).
     */
    static final List<Path> HOST_PATHS = List.of(
            Path.of("/var/lib/kubelet"),
            Path.of("/var/lib/kubelet/device-plugins"),
            Path.of("/var/log/pods"),
            Path.of("/var/log/containers"),
            Path.of("/usr/libexec/kubernetes"),
            Path.of("/var/run/kubernetes"),
            Path.of("/var/lib/dockershim"),
            Path.of("/var/run/dockershim.sock"),
            Path.of("/etc/kubernetes"));

    private final Map<String, String> sysctls;
    private final List<Path> absentPaths;
    private final Map<String, Set<String>> iptablesTables;
    private boolean startedDockerd;

    private HostState(Map<String, String> sysctls, List<Path> absentPaths, Map<String, Set<String>> iptablesTables,
            boolean startedDockerd) {
        this.sysctls = sysctls;
        this.absentPaths = absentPaths;
        this.iptablesTables = iptablesTables;
        this.startedDockerd = startedDockerd;
    }

    /** The host as it is now. */
    static HostState capture(boolean startedDockerd) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : SYSCTLS) {
            String value = readSysctl(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        List<Path> absent = HOST_PATHS.stream().filter(p -> !Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .toList();
        return new HostState(values, new ArrayList<>(absent), IptablesRules.tables(), startedDockerd);
    }

    /** The current values of {@link #SYSCTLS} (absent ones left out): what a test compares before and after. */
    static Map<String, String> currentSysctls() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : SYSCTLS) {
            String value = readSysctl(name);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    static HostState load(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<Path> absent = new ArrayList<>();
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("sysctl.")) {
                values.put(key.substring("sysctl.".length()), props.getProperty(key));
            } else if (key.startsWith("absent.")) {
                absent.add(Path.of(props.getProperty(key)));
            } else if (key.startsWith("tables.")) {
                String list = props.getProperty(key);
                tables.put(key.substring("tables.".length()),
                        list.isBlank() ? Set.of() : new TreeSet<>(List.of(list.split(","))));
            }
        }
        return new HostState(values, absent, tables, Boolean.parseBoolean(props.getProperty("startedDockerd")));
    }

    void save(Path file) {
        Properties props = new Properties();
        sysctls.forEach((k, v) -> props.setProperty("sysctl." + k, v));
        for (int i = 0; i < absentPaths.size(); i++) {
            props.setProperty("absent." + i, absentPaths.get(i).toString());
        }
        props.setProperty("startedDockerd", Boolean.toString(startedDockerd));
        iptablesTables.forEach((tool, names) -> props.setProperty("tables." + tool, String.join(",", names)));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                props.store(out, "host state before the real-node cluster started (RealNodeCluster restores it)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean startedDockerd() {
        return startedDockerd;
    }

    void startedDockerd(boolean started) {
        this.startedDockerd = started;
    }

    Map<String, String> sysctls() {
        return Map.copyOf(sysctls);
    }

    /** Writes back every saved sysctl whose value changed; returns the names it restored. */
    List<String> restoreSysctls() {
        List<String> restored = new ArrayList<>();
        sysctls.forEach((name, saved) -> {
            String now = readSysctl(name);
            if (now != null && !now.equals(saved)) {
                try {
                    Files.writeString(sysctlPath(name), saved);
                    LOG.warn("restored sysctl {} = {} (was changed to {})", name, saved, now);
                    restored.add(name);
                } catch (IOException e) {
                    LOG.error("could not restore sysctl {} = {} (now {}): {}", name, saved, now, e.toString());
                }
            }
        });
        return restored;
    }

    /** Drops the (empty) iptables tables that appeared since; see {@link IptablesRules#dropNewEmptyTables}. */
    List<String> dropNewIptablesTables() {
        return IptablesRules.dropNewEmptyTables(iptablesTables);
    }

    /** Removes the paths in {@link #HOST_PATHS} that did not exist before the cluster started. */
    List<Path> removeCreatedPaths() {
        List<Path> removed = new ArrayList<>();
        for (Path path : absentPaths) {
            if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files2.deleteTree(path);
                removed.add(path);
            }
        }
        return removed;
    }

    static String readSysctl(String name) {
        try {
            return Files.readString(sysctlPath(name)).strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static Path sysctlPath(String name) {
        return Path.of("/proc/sys", name.replace('.', '/'));
    }
}
