package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on hairpin mode on the bridge port of every pod, so a pod reaches itself through its own Service (kube-proxy
 * may pick the pod itself as the endpoint; the packet must then leave and re-enter the same bridge port). Only
 * kubenet does this in the kubelet; with dockershim's default network the pods sit on docker0 without it. The ports
 * belong to the pods' veth pairs and vanish with them.
 */
final class Hairpin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hairpin.class);
    private static final Pattern PEER_INDEX = Pattern.compile("eth0@if(\\d+)");

    private final String bridge;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "real-node-hairpin");
        t.setDaemon(true);
        return t;
    });
    private final SharedIndexInformer<Pod> informer;

    Hairpin(KubernetesClient client, String bridge) {
        this.bridge = bridge;
        this.informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                consider(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                consider(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                done.removeIf(key -> key.startsWith(pod.getMetadata().getUid() + "/"));
            }
        });
    }

    private void consider(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null
                || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return;
        }
        // a new sandbox (pod restarted) comes with a new IP and a new veth
        String key = pod.getMetadata().getUid() + "/" + pod.getStatus().getPodIP();
        if (done.add(key)) {
            worker.submit(() -> enable(pod.getMetadata().getUid(), pod.getMetadata().getName()));
        }
    }

    private void enable(String podUid, String podName) {
        try {
            String sandbox = HostCommand.run("docker", "ps", "-q", "--filter", "label=io.kubernetes.pod.uid=" + podUid,
                    "--filter", "label=io.kubernetes.docker.type=podsandbox").check().output().strip();
            if (sandbox.isEmpty() || sandbox.contains("\n")) {
                LOG.warn("hairpin: no single running sandbox for pod {} ({})", podName, sandbox);
                return;
            }
            String pid = HostCommand.run("docker", "inspect", "-f", "{{.State.Pid}}", sandbox).check().output().strip();
            String link = HostCommand.run("nsenter", "-t", pid, "-n", "ip", "-o", "link", "show", "eth0").check()
                    .output();
            Matcher m = PEER_INDEX.matcher(link);
            if (!m.find()) {
                LOG.warn("hairpin: no veth peer for pod {} in: {}", podName, link.strip());
                return;
            }
            Optional<String> veth = interfaceWithIndex(m.group(1));
            if (veth.isEmpty()) {
                LOG.warn("hairpin: no host interface with index {} for pod {}", m.group(1), podName);
                return;
            }
            Path mode = Path.of("/sys/class/net", bridge, "brif", veth.get(), "hairpin_mode");
            Files.writeString(mode, "1");
            LOG.info("hairpin mode on for pod {} ({} on {})", podName, veth.get(), bridge);
        } catch (IOException | RuntimeException e) {
            LOG.warn("hairpin: could not enable for pod {}: {}", podName, e.toString());
        }
    }

    private static Optional<String> interfaceWithIndex(String index) throws IOException {
        try (DirectoryStream<Path> nics = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path nic : nics) {
                Path file = nic.resolve("ifindex");
                if (Files.exists(file) && Files.readString(file).strip().equals(index)) {
                    return Optional.of(nic.getFileName().toString());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        informer.close();
        worker.shutdownNow();
    }
}
