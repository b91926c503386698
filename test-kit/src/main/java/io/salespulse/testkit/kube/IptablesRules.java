package io.salespulse.testkit.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iptables side of the node: the rule that keeps pod traffic on this machine, and removing what the kubelet and
 * kube-proxy leave (their KUBE-* chains and the jumps into them; {@code kube-proxy --cleanup} needs ipset, which a
 * host may not have). Works on iptables and ip6tables, whichever backend (nft or legacy) the host's tools use.
 */
final class IptablesRules {

    private static final Logger LOG = LoggerFactory.getLogger(IptablesRules.class);

    /** Marks the rule this harness inserts, so a later run finds it even if the pod subnet changed. */
    static final String RULE_COMMENT = "salespulse-real-node: pod traffic stays on this machine";

    private static final List<String> TABLES = List.of("filter", "nat", "mangle", "raw");

    private IptablesRules() {
    }

    /** {@code iptables -I DOCKER-USER -s <pods> ! -d <pods> -j REJECT}: pods reach this machine, nothing beyond it. */
    static void insertPodEgressReject(String podSubnet) {
        if (!podEgressRejectPresent(podSubnet)) {
            List<String> insert = new ArrayList<>(List.of("iptables", "-w", "-I", "DOCKER-USER"));
            insert.addAll(List.of(egressRule(podSubnet)));
            HostCommand.run(insert).check();
        }
    }

    static boolean podEgressRejectPresent(String podSubnet) {
        List<String> check = new ArrayList<>(List.of("iptables", "-w", "-C", "DOCKER-USER"));
        check.addAll(List.of(egressRule(podSubnet)));
        return HostCommand.run(check).ok();
    }

    private static String[] egressRule(String podSubnet) {
        return new String[] {"-s", podSubnet, "!", "-d", podSubnet, "-m", "comment", "--comment", RULE_COMMENT,
                "-j", "REJECT"};
    }

    /** Removes every DOCKER-USER rule this harness inserted (any subnet). */
    static int removePodEgressReject() {
        if (!hasTool("iptables")) {
            return 0;
        }
        String saved = HostCommand.run("iptables-save", "-t", "filter").output();
        List<String> deletes = saved.lines()
                .filter(l -> l.startsWith("-A DOCKER-USER ") && l.contains(RULE_COMMENT))
                .map(l -> "-D" + l.substring(2))
                .toList();
        if (!deletes.isEmpty()) {
            restore("iptables", "filter", deletes);
        }
        return deletes.size();
    }

    /** Names of the KUBE-* chains present (per tool and table), e.g. {@code iptables nat KUBE-SERVICES}. */
    static Set<String> kubeChains() {
        Set<String> chains = new LinkedHashSet<>();
        for (String tool : List.of("iptables", "ip6tables")) {
            if (!hasTool(tool)) {
                continue;
            }
            for (String table : TABLES) {
                HostCommand.run(tool + "-save", "-t", table).output().lines()
                        .filter(l -> l.startsWith(":KUBE-"))
                        .forEach(l -> chains.add(tool + " " + table + " " + l.substring(1).split(" ")[0]));
            }
        }
        return chains;
    }

    /** Deletes the jumps into KUBE-* chains from other chains, then flushes and deletes the KUBE-* chains. */
    static int removeKubeChains() {
        int removed = 0;
        for (String tool : List.of("iptables", "ip6tables")) {
            if (!hasTool(tool)) {
                continue;
            }
            for (String table : TABLES) {
                HostCommand.Result save = HostCommand.run(tool + "-save", "-t", table);
                if (!save.ok()) {
                    continue; // table not available (module not loaded): nothing of ours in it
                }
                List<String> chains = new ArrayList<>();
                List<String> jumps = new ArrayList<>();
                for (String line : save.output().lines().toList()) {
                    if (line.startsWith(":KUBE-")) {
                        chains.add(line.substring(1).split(" ")[0]);
                    } else if (line.startsWith("-A ") && !line.startsWith("-A KUBE-")
                            && (line.contains(" -j KUBE-") || line.contains(" -g KUBE-"))) {
                        jumps.add("-D" + line.substring(2));
                    }
                }
                if (chains.isEmpty() && jumps.isEmpty()) {
                    continue;
                }
                List<String> script = new ArrayList<>(jumps);
                chains.forEach(c -> script.add("-F " + c));
                chains.forEach(c -> script.add("-X " + c));
                restore(tool, table, script);
                removed += chains.size();
            }
        }
        return removed;
    }

    /** The tables each tool shows (e.g. {@code iptables -> [filter, nat]}): with nf_tables, a table exists once used. */
    static Map<String, Set<String>> tables() {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String tool : List.of("iptables", "ip6tables")) {
            Set<String> names = new TreeSet<>();
            if (hasTool(tool)) {
                HostCommand.run(tool + "-save").output().lines().filter(l -> l.startsWith("*"))
                        .forEach(l -> names.add(l.substring(1).strip()));
            }
            tables.put(tool, names);
        }
        return tables;
    }

    /**
     * Drops the tables that did not exist in {@code before} and hold nothing now: the kubelet's and kube-proxy's
     * iptables canary chains make the nf_tables backend create e.g. {@code ip mangle}, which stays, empty, after their
     * chains are gone. Needs {@code nft} (Debian nftables); legacy iptables tables always exist and are left alone.
     */
    static List<String> dropNewEmptyTables(Map<String, Set<String>> before) {
        List<String> dropped = new ArrayList<>();
        for (Map.Entry<String, Set<String>> now : tables().entrySet()) {
            String tool = now.getKey();
            String family = tool.equals("iptables") ? "ip" : "ip6";
            for (String table : now.getValue()) {
                if (before.getOrDefault(tool, Set.of()).contains(table)) {
                    continue;
                }
                if (!HostCommand.run(tool, "-V").output().contains("nf_tables")) {
                    continue;
                }
                boolean empty = HostCommand.run(tool + "-save", "-t", table).output().lines()
                        .noneMatch(l -> l.startsWith("-A ") || (l.startsWith(":") && !l.split(" ")[1].equals("ACCEPT")));
                if (!empty) {
                    LOG.warn("{} table {} appeared while the cluster ran and is not empty: left alone", tool, table);
                    continue;
                }
                HostCommand.Result drop = HostCommand.run("nft", "delete", "table", family, table);
                if (drop.ok()) {
                    dropped.add(family + " " + table);
                } else {
                    LOG.warn("could not drop the empty nf_tables table {} {} the cluster made ({}): install nftables",
                            family, table, drop.output().strip());
                }
            }
        }
        return dropped;
    }

    private static void restore(String tool, String table, List<String> commands) {
        String input = "*" + table + "\n" + String.join("\n", commands) + "\nCOMMIT\n";
        HostCommand.Result result = HostCommand.run(Duration.ofMinutes(1), null, input,
                List.of(tool + "-restore", "-w", "--noflush"));
        if (!result.ok()) {
            LOG.warn("{}-restore ({} table) failed: {}", tool, table, result.output().strip());
            throw new IllegalStateException(tool + "-restore failed: " + result.output().strip());
        }
    }

    private static boolean hasTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }
}
