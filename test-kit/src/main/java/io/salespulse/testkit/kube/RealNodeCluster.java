package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salespulse.local.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kubernetes 1.20 cluster on this machine, for tests whose pods must really run: etcd,
 * kube-apiserver, kube-controller-manager, kube-scheduler, a kubelet running pods on the local Docker engine
 * (dockershim) and kube-proxy (iptables), from the binaries {@code scripts/build-kube-control-plane.sh} builds and
 * patches (see {@code scripts/patches/}). The fast API-level tests use {@link KubeControlPlane} instead.
 *
 * <p>Rules it keeps: nothing is pulled (the pod sandbox image is imported from the built {@code pause} binary; tests
 * use local tags with {@code imagePullPolicy: Never} and {@link #assertNoPulls()} proves it); nothing leaves this
 * machine ({@code iptables -I DOCKER-USER -s <pods> ! -d <pods> -j REJECT} before the first pod, the kubelet without
 * cloud credential providers and with {@code AWS_EC2_METADATA_DISABLED=true}, {@link #assertNoOutsideConnections()});
 * the host is left as found ({@link #close()} removes containers, iptables chains and rules, mounts, the directories
 * the kubelet makes outside its root dir, and restores sysctls; a run killed before it could is cleaned up by the
 * next start).
 *
 * <p>Host services pods use must listen on {@link #hostAddress()} (the docker0 gateway, 172.17.0.1), which is also
 * where the API server listens; pods reach the API server through the {@code kubernetes} Service (10.96.0.1:443).
 * There is no cluster DNS. Needs root, Docker (started with {@code scripts/dockerd.sh} when not running) and one
 * cluster per machine at a time (a second JVM waits for the first one's lock).
 *
 * <p>Settings (system property, else environment variable): {@code salespulse.node.dir} / {@code SALESPULSE_NODE_DIR}
 * work directory (default /tmp/salespulse-node); {@code salespulse.node.logDir} where to copy the components' logs at
 * close; {@code salespulse.dockerd.script} / {@code SALESPULSE_DOCKERD_SCRIPT}; {@code SALESPULSE_K8S_CACHE} binary
 * cache root.
 */
public final class RealNodeCluster implements AutoCloseable {

    public static final String NODE_NAME = "salespulse-node";
    public static final String SERVICE_CIDR = "10.96.0.0/16";
    /** The {@code kubernetes} Service's ClusterIP (in the API server certificate). */
    public static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
    public static final String CLUSTER_DOMAIN = "cluster.local";
    public static final String BRIDGE = "docker0";

    private static final Logger LOG = LoggerFactory.getLogger(RealNodeCluster.class);
    private static final Duration NODE_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOCK_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final List<String> CONTROLLERS = List.of("namespace", "garbagecollector", "deployment",
            "replicaset", "serviceaccount", "serviceaccount-token", "endpoint", "endpointslice",
            "persistentvolume-binder", "pvc-protection", "pv-protection", "ttl", "podgc", "job", "statefulset",
            "root-ca-cert-publisher");
    private static final AtomicBoolean ACTIVE_IN_JVM = new AtomicBoolean();
    private static RealNodeCluster shared;

    private final Path root;
    private final Path binDir;
    private final Path stateFile;
    private final Path pidFile;
    private final Path logDir;
    private final Path pki;
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    /** Images a test derived for this run ({@link #derivedImage}), removed at close once no container uses them. */
    private final List<String> derivedImages = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, ComponentProcess> processes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private MachineLock lock;
    private HostState hostState;
    private String podSubnet;
    private String gateway;
    private int apiPort;
    private String adminKubeconfigYaml;
    private ClusterCredentials credentials;
    private KubernetesClient client;
    private PullGuard pullGuard;
    private SocketAudit socketAudit;
    private Hairpin hairpin;
    private volatile boolean closed;
    private boolean cleanedEarlierRun;
    private Instant started = Instant.now();

    private RealNodeCluster() {
        this.root = Path.of(setting("salespulse.node.dir", "SALESPULSE_NODE_DIR", "/tmp/salespulse-node"))
                .toAbsolutePath().normalize();
        Path cache = Path.of(System.getenv().getOrDefault("SALESPULSE_K8S_CACHE",
                System.getProperty("user.home") + "/.cache/salespulse/k8s"));
        this.binDir = cache.resolve(KubeControlPlane.VERSION + "-linux-amd64").toAbsolutePath().normalize();
        this.stateFile = root.resolve("host-state.properties");
        this.pidFile = root.resolve("pids");
        this.logDir = root.resolve("logs");
        this.pki = root.resolve("pki");
    }

    /**
     * The one cluster of this JVM, started on first use and stopped by a shutdown hook: what all real-node tests of a
     * run share. Do not close it.
     */
    public static synchronized RealNodeCluster shared() {
        if (shared == null || shared.closed) {
            RealNodeCluster cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "real-node-cluster-stop"));
            shared = cluster;
        }
        return shared;
    }

    /** Starts a cluster the caller owns and must {@link #close()}; fails while another one is open in this JVM. */
    public static RealNodeCluster start() {
        if (!ACTIVE_IN_JVM.compareAndSet(false, true)) {
            throw new IllegalStateException("a RealNodeCluster is already running in this JVM (use shared())");
        }
        RealNodeCluster cluster = new RealNodeCluster();
        try {
            cluster.startAll();
            return cluster;
        } catch (RuntimeException | Error e) {
            LOG.error("real-node cluster failed to start: {}", e.toString());
            try {
                cluster.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What tests use

    /** The cluster-admin client (shared; do not close it). */
    public KubernetesClient client() {
        return client;
    }

    /** A cluster-admin kubeconfig file (for kubectl, helm-java, or a process under test). */
    public Path kubeconfig() {
        return root.resolve("admin.kubeconfig");
    }

    public String kubeconfigYaml() {
        return adminKubeconfigYaml;
    }

    /** kubectl 1.20.2 from the same build. */
    public Path kubectlBinary() {
        return binDir.resolve("kubectl");
    }

    /** Runs kubectl against this cluster as cluster-admin and returns its output; throws when it fails. */
    public String kubectl(String... args) {
        // its discovery cache would otherwise go to ~/.kube/cache
        List<String> command = new ArrayList<>(List.of(kubectlBinary().toString(), "--kubeconfig=" + kubeconfig(),
                "--cache-dir=" + root.resolve("kubectl-cache")));
        command.addAll(List.of(args));
        return HostCommand.run(Duration.ofMinutes(2), null, null, command).check().output();
    }

    /**
     * The address host services must listen on for pods to reach them (the docker0 gateway, 172.17.0.1): local to
     * this machine, reachable from pods, and not from other machines. The node's InternalIP and the API server's
     * address too.
     */
    public String hostAddress() {
        return gateway;
    }

    /** The pods' subnet (docker0's, 172.17.0.0/16). */
    public String podSubnet() {
        return podSubnet;
    }

    /** The API server URL as seen from this host (pods use https://10.96.0.1:443). */
    public String apiServerUrl() {
        return "https://" + gateway + ":" + apiPort;
    }

    /** The CA that signed the API server's certificate (PEM). */
    public Path caCertificate() {
        return pki.resolve("ca.crt");
    }

    /** The work directory (logs under logs/, hostPath volumes under volumes/); removed at close. */
    public Path workDir() {
        return root;
    }

    /** Imports (when missing) and returns the local busybox test image tag ({@link LocalImages#BUSYBOX}). */
    public String busyboxImage() {
        return LocalImages.busybox(root.resolve("images"));
    }

    /** Creates a namespace and waits until pods can be created in it (its default ServiceAccount has a token). */
    public Namespace createNamespace(String name) {
        Namespace ns = client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build()).create();
        awaitDefaultServiceAccount(name);
        return ns;
    }

    /**
     * Waits until the namespace's {@code default} ServiceAccount exists with a token Secret: before that, the
     * ServiceAccount admission plugin refuses pods that mount its token.
     */
    public void awaitDefaultServiceAccount(String namespace) {
        waitFor("ServiceAccount " + namespace + "/default with a token", Duration.ofSeconds(60), () -> {
            ServiceAccount sa = client.serviceAccounts().inNamespace(namespace).withName("default").get();
            return sa != null && sa.getSecrets() != null && !sa.getSecrets().isEmpty();
        });
    }

    /**
     * Waits until kube-proxy routes the Service's ClusterIP to at least one endpoint (its KUBE-SVC chain is in
     * KUBE-SERVICES): Endpoints being ready is not enough, kube-proxy programs them a moment later.
     */
    public void awaitServiceRouted(String namespace, String service, Duration timeout) {
        String comment = "\"" + namespace + "/" + service;
        waitFor("kube-proxy route for Service " + namespace + "/" + service, timeout, () ->
                HostCommand.run("iptables", "-w", "-t", "nat", "-S", "KUBE-SERVICES").output().lines()
                        .anyMatch(l -> l.contains(comment) && l.contains("-j KUBE-SVC-")));
    }

    /**
     * A hostPath PersistentVolume for a pod running as {@code uid}: a directory under the work dir owned by
     * {@code uid:gid} (hostPath ignores {@code fsGroup}), ReadWriteOnce, reclaim policy Retain.
     *
     * @param storageClassName "" binds claims that name no class (there is no default StorageClass)
     */
    public PersistentVolume createHostPathVolume(String name, String capacity, int uid, int gid,
            String storageClassName) {
        Path dir = root.resolve("volumes").resolve(name);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", gid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PersistentVolume pv = new PersistentVolumeBuilder()
                .withNewMetadata().withName(name).addToLabels("app.kubernetes.io/managed-by", "real-node-cluster")
                .endMetadata()
                .withNewSpec()
                .addToCapacity("storage", new Quantity(capacity))
                .withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Retain")
                .withStorageClassName(storageClassName)
                .withNewHostPath().withPath(dir.toString()).withType("Directory").endHostPath()
                .endSpec().build();
        return client.persistentVolumes().resource(pv).create();
    }

    /** {@link #createHostPathVolume(String, String, int, int, String)} with gid = uid and no storage class. */
    public PersistentVolume createHostPathVolume(String name, String capacity, int uid) {
        return createHostPathVolume(name, capacity, uid, uid, "");
    }

    /**
     * A new local image id for the same content: {@code tag} built FROM the local {@code from} with one more label
     * (e.g. the operator image "upgraded", for a {@code helm upgrade} test). Never pulls; removed at {@link #close()}.
     */
    public String derivedImage(String from, String tag, String label) {
        LocalImages.derive(from, tag, label);
        if (!derivedImages.contains(tag)) {
            derivedImages.add(tag);
        }
        return tag;
    }

    /** Fails, naming the pod and image, if the kubelet was ever asked to pull an image (an Event reason=Pulling). */
    public void assertNoPulls() {
        List<String> pulls = pullGuard.pulls();
        if (!pulls.isEmpty()) {
            throw new AssertionError("image pulls were requested (every image must be local, imagePullPolicy "
                    + "Never):\n  " + String.join("\n  ", pulls));
        }
    }

    /**
     * Fails if any socket of the node's processes (kubelet, kube-proxy, and the control plane) was ever seen with a
     * remote address outside this machine: not loopback, not one of the host's addresses, not the pod subnet, not the
     * Service range. Sampled since before the kubelet started, and once more now.
     */
    public void assertNoOutsideConnections() {
        List<SocketAudit.Violation> violations = socketAudit.check();
        if (!violations.isEmpty()) {
            throw new AssertionError("connections to outside this machine:\n  "
                    + String.join("\n  ", violations.stream().map(Object::toString).toList()));
        }
        LOG.info("socket audit: {} samples, no connection beyond this machine", socketAudit.samples());
    }

    /** How long each start stage took (etcd, kube-apiserver, ..., node Ready), in order. */
    public Map<String, Duration> startTimings() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timings));
    }

    /** Resident memory of each component now, in KiB. */
    public Map<String, Long> memoryKiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach((name, p) -> p.rssKiB().ifPresent(kib -> rss.put(name, kib)));
        }
        return rss;
    }

    /** The components' pids by name (kubelet, kube-proxy, ...). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (processes) {
            processes.forEach((name, p) -> pids.put(name, p.pid()));
        }
        return pids;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Start

    private void startAll() {
        if (!"0".equals(HostCommand.run("id", "-u").output().strip())) {
            throw new IllegalStateException("RealNodeCluster needs root (iptables, mounts, the kubelet)");
        }
        Instant t0 = Instant.now();
        started = t0;
        stage("lock", () -> lock = MachineLock.acquire(root.resolveSibling(root.getFileName() + ".lock"),
                LOCK_TIMEOUT));
        stage("clean leftovers", this::cleanLeftovers);
        checkBinaries();
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(pki);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Saved before anything changes, so a killed run can be undone by the next one.
        hostState = HostState.capture(hostState != null && hostState.startedDockerd());
        hostState.save(stateFile);
        stage("docker", this::ensureDocker);
        if (cleanedEarlierRun) {
            removeKubeletContainers(); // in case its Docker engine was not answering during the clean-up
        }
        stage("docker0", this::readBridge);
        stage("pod egress rule", () -> IptablesRules.insertPodEgressReject(podSubnet));
        stage("pause image", () -> LocalImages.pause(binDir.resolve("pause"), root.resolve("images")));
        stage("certificates", () -> credentials = ClusterCredentials.create(pki, NODE_NAME, gateway,
                KUBERNETES_SERVICE_IP, CLUSTER_DOMAIN));
        int etcdPort = Ports.free();
        stage("etcd", () -> startEtcd(etcdPort));
        stage("kube-apiserver", () -> startApiServer(etcdPort));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(adminKubeconfigYaml)).build();
        pullGuard = new PullGuard(client);
        stage("controllers", this::startControllers);
        socketAudit = new SocketAudit(this::pids, List.of(podSubnet, SERVICE_CIDR)).startSampling(250);
        stage("node Ready", this::startNode);
        stage("default ServiceAccount", () -> awaitDefaultServiceAccount("default"));
        stage("kube-proxy rules", this::awaitProxyRules);
        hairpin = new Hairpin(client, BRIDGE);
        timings.put("total", Duration.between(t0, Instant.now()));
        LOG.info("real-node cluster up in {} ms: {} ; memory (KiB RSS) {}",
                timings.get("total").toMillis(), timingSummary(), memoryKiB());
    }

    private void checkBinaries() {
        List<String> missing = new ArrayList<>();
        for (String b : List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet",
                "kube-proxy", "kubectl", "pause")) {
            if (!Files.isExecutable(binDir.resolve(b))) {
                missing.add(b);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing " + missing + " in " + binDir + ": build them once (about 12 "
                    + "minutes, offline from Debian packages): "
                    + setting("salespulse.kube.script", "SALESPULSE_KUBE_SCRIPT", "scripts/build-kube-control-plane.sh"));
        }
    }

    /**
     * Stops and removes what an earlier run left when it was killed (its processes, containers, iptables chains and
     * rule, mounts, sysctls, directories), using the host state it saved before it changed anything. Without such a
     * state file, KUBE-* chains or kubelet containers belong to someone else: refuse rather than break them.
     */
    private void cleanLeftovers() {
        List<Long> leftovers = new ArrayList<>(ProcessTable.clusterProcesses(binDir, root));
        if (!leftovers.isEmpty()) {
            LOG.warn("stopping {} processes of an earlier real-node cluster", leftovers.size());
            timed("leftover processes", () -> ProcessTable.stopInOrder(leftovers, Duration.ofSeconds(5)));
        }
        boolean ours = Files.exists(stateFile);
        if (ours) {
            LOG.warn("cleaning up after an earlier real-node cluster that did not stop ({} exists)", stateFile);
            HostState earlier = HostState.load(stateFile);
            timed("leftover containers", this::removeKubeletContainers);
            timed("leftover mounts", () -> Mounts.unmountAll(root));
            timed("leftover iptables", () -> {
                IptablesRules.removeKubeChains();
                IptablesRules.removePodEgressReject();
                earlier.dropNewIptablesTables();
            });
            earlier.restoreSysctls();
            earlier.removeCreatedPaths();
            hostState = earlier; // keeps "we started dockerd", so this run stops it
            cleanedEarlierRun = true;
        } else {
            Set<String> chains = IptablesRules.kubeChains();
            if (!chains.isEmpty()) {
                throw new IllegalStateException("KUBE-* iptables chains exist and no earlier real-node cluster left "
                        + "them (no " + stateFile + "): another Kubernetes node runs on this host? " + chains);
            }
            if (dockerAnswers() && !kubeletContainers().isEmpty()) {
                throw new IllegalStateException("containers named k8s_* exist and no earlier real-node cluster left "
                        + "them: another kubelet uses this Docker engine? " + kubeletContainers());
            }
            IptablesRules.removePodEgressReject();
            Mounts.unmountAll(root);
        }
        Files2.deleteTree(root);
    }

    private void ensureDocker() {
        if (dockerAnswers()) {
            return;
        }
        Path script = dockerdScript();
        LOG.info("no Docker engine answers: starting one with {}", script);
        hostState.startedDockerd(true);
        hostState.save(stateFile);
        HostCommand.run(Duration.ofSeconds(60), null, null, List.of(script.toString(), "start")).check();
    }

    private static boolean dockerAnswers() {
        return HostCommand.run("docker", "version", "--format", "{{.Server.Version}}").ok();
    }

    private Path dockerdScript() {
        String configured = setting("salespulse.dockerd.script", "SALESPULSE_DOCKERD_SCRIPT", null);
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("scripts/dockerd.sh"))) {
                return dir.resolve("scripts/dockerd.sh");
            }
        }
        throw new IllegalStateException("no Docker engine answers and scripts/dockerd.sh was not found above "
                + Path.of("").toAbsolutePath() + " (set -Dsalespulse.dockerd.script)");
    }

    private void readBridge() {
        String out = HostCommand.run("docker", "network", "inspect", "bridge", "--format",
                "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}").check().output().strip();
        String[] parts = out.split("\\s+");
        podSubnet = parts[0];
        gateway = parts.length > 1 && !parts[1].isBlank() ? parts[1] : bridgeAddress();
        LOG.info("pods on {} {} (gateway {})", BRIDGE, podSubnet, gateway);
    }

    private static String bridgeAddress() {
        try {
            NetworkInterface nic = NetworkInterface.getByName(BRIDGE);
            if (nic != null) {
                for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (a.getAddress().length == 4) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no IPv4 address on " + BRIDGE);
    }

    private Path writeKubeconfig(String component, String fileName) {
        return credentials.writeKubeconfig(component, root.resolve(fileName));
    }

    private void startEtcd(int port) {
        int peerPort = Ports.free();
        String client = "http://127.0.0.1:" + port;
        String peer = "http://127.0.0.1:" + peerPort;
        launch("etcd", List.of(binDir.resolve("etcd").toString(),
                "--name=" + NODE_NAME,
                "--data-dir=" + root.resolve("etcd"),
                "--listen-client-urls=" + client,
                "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=" + NODE_NAME + "=" + peer,
                "--logger=zap",
                "--log-level=warn"), Map.of());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        waitFor("etcd health", Duration.ofSeconds(60), () -> {
            processes.get("etcd").checkAlive();
            return httpOk(http, client + "/health", null);
        });
    }

    private void startApiServer(int etcdPort) {
        apiPort = Ports.free();
        credentials.serverUrl(apiServerUrl());
        launch("kube-apiserver", List.of(binDir.resolve("kube-apiserver").toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdPort,
                "--bind-address=" + gateway,
                "--advertise-address=" + gateway,
                "--secure-port=" + apiPort,
                "--insecure-port=0",
                "--cert-dir=" + root.resolve("apiserver"),
                "--tls-cert-file=" + pki.resolve("apiserver.crt"),
                "--tls-private-key-file=" + pki.resolve("apiserver.key"),
                "--client-ca-file=" + caCertificate(),
                "--token-auth-file=" + pki.resolve("tokens.csv"),
                "--service-cluster-ip-range=" + SERVICE_CIDR,
                "--service-account-issuer=https://kubernetes.default.svc." + CLUSTER_DOMAIN,
                "--service-account-key-file=" + pki.resolve("sa.pub"),
                "--service-account-signing-key-file=" + pki.resolve("sa.key"),
                "--authorization-mode=Node,RBAC",
                "--enable-admission-plugins=NodeRestriction",
                // Its NotReady taint is removed only by the node lifecycle controller, which a one-node test cluster
                // leaves out (it would evict pods whenever a busy 2-core machine delays a node status update).
                "--disable-admission-plugins=TaintNodesByCondition",
                "--kubelet-client-certificate=" + pki.resolve("apiserver-kubelet-client.crt"),
                "--kubelet-client-key=" + pki.resolve("apiserver-kubelet-client.key"),
                "--kubelet-certificate-authority=" + caCertificate(),
                // else `kubectl logs` dials the node name, which may resolve to 127.0.0.1
                "--kubelet-preferred-address-types=InternalIP,Hostname",
                "--profiling=false",
                "--v=1"), Map.of());
        writeKubeconfig("admin", "admin.kubeconfig");
        adminKubeconfigYaml = credentials.kubeconfig("admin");
        HttpClient http = trustingClusterCa();
        waitFor("kube-apiserver /readyz", Duration.ofSeconds(120), () -> {
            processes.get("kube-apiserver").checkAlive();
            return httpOk(http, apiServerUrl() + "/readyz", credentials.token("admin"));
        });
    }

    private void startControllers() {
        launch("kube-controller-manager", List.of(binDir.resolve("kube-controller-manager").toString(),
                "--kubeconfig=" + writeKubeconfig("controller-manager", "controller-manager.kubeconfig"),
                "--controllers=" + String.join(",", CONTROLLERS),
                "--service-account-private-key-file=" + pki.resolve("sa.key"),
                "--root-ca-file=" + caCertificate(),
                "--leader-elect=false",
                "--port=0",
                "--secure-port=0",
                "--v=1"), Map.of());
        launch("kube-scheduler", List.of(binDir.resolve("kube-scheduler").toString(),
                "--kubeconfig=" + writeKubeconfig("scheduler", "scheduler.kubeconfig"),
                "--leader-elect=false",
                "--port=0",
                "--secure-port=0",
                "--v=1"), Map.of());
    }

    private void startNode() {
        Path resolvConf = root.resolve("resolv.conf");
        try {
            // No cluster DNS here; pods get no resolver beyond this machine (lookups fail fast at the gateway).
            Files.writeString(resolvConf, "nameserver " + gateway + "\noptions timeout:1 attempts:1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int kubeletPort = Ports.free();
        launch("kubelet", List.of(binDir.resolve("kubelet").toString(),
                "--kubeconfig=" + writeKubeconfig("kubelet", "kubelet.kubeconfig"),
                "--hostname-override=" + NODE_NAME,
                "--node-ip=" + gateway,
                "--address=" + gateway,
                "--port=" + kubeletPort,
                "--read-only-port=0",
                "--healthz-port=0",
                "--anonymous-auth=false",
                "--client-ca-file=" + caCertificate(),
                "--authorization-mode=AlwaysAllow",
                "--tls-cert-file=" + pki.resolve("kubelet.crt"),
                "--tls-private-key-file=" + pki.resolve("kubelet.key"),
                "--container-runtime=docker",
                "--container-runtime-endpoint=unix://" + root.resolve("dockershim.sock"),
                "--cgroup-driver=cgroupfs",
                "--cgroups-per-qos=false",
                "--enforce-node-allocatable=",
                "--fail-swap-on=false",
                "--pod-infra-container-image=" + LocalImages.PAUSE,
                "--resolv-conf=" + resolvConf,
                "--cluster-domain=" + CLUSTER_DOMAIN,
                "--hairpin-mode=none",
                "--root-dir=" + root.resolve("kubelet"),
                "--cert-dir=" + root.resolve("kubelet/pki"),
                "--experimental-dockershim-root-directory=" + root.resolve("dockershim"),
                "--volume-plugin-dir=" + root.resolve("volume-plugins"),
                // Never garbage-collect images: they are built here and cannot be pulled back. Eviction only on
                // memory (the default disk thresholds would also reclaim images).
                "--image-gc-high-threshold=100",
                "--image-gc-low-threshold=99",
                "--eviction-hard=memory.available<100Mi",
                // A negative oom_score_adj needs CAP_SYS_RESOURCE; and the process stays as the host made it.
                "--oom-score-adj=0",
                "--feature-gates=DevicePlugins=false",
                "--v=1"), Map.of("AWS_EC2_METADATA_DISABLED", "true"));
        launch("kube-proxy", List.of(binDir.resolve("kube-proxy").toString(),
                "--kubeconfig=" + writeKubeconfig("kube-proxy", "kube-proxy.kubeconfig"),
                "--hostname-override=" + NODE_NAME,
                "--proxy-mode=iptables",
                "--cluster-cidr=" + podSubnet,
                "--bind-address=" + gateway,
                "--healthz-bind-address=127.0.0.1:" + Ports.free(),
                "--metrics-bind-address=127.0.0.1:" + Ports.free(),
                // NodePorts only on the bridge address: never on an interface other machines reach.
                "--nodeport-addresses=" + gateway + "/32",
                // leave the host's conntrack settings alone
                "--conntrack-max-per-core=0",
                "--conntrack-min=0",
                "--conntrack-tcp-timeout-established=0",
                "--conntrack-tcp-timeout-close-wait=0",
                "--oom-score-adj=0",
                "--v=1"), Map.of("AWS_EC2_METADATA_DISABLED", "true"));
        waitFor("node " + NODE_NAME + " Ready", NODE_READY_TIMEOUT, () -> {
            processes.get("kubelet").checkAlive();
            processes.get("kube-proxy").checkAlive();
            Node node = client.nodes().withName(NODE_NAME).get();
            return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                    && node.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        });
        Node node = client.nodes().withName(NODE_NAME).get();
        if (node.getSpec().getTaints() != null && !node.getSpec().getTaints().isEmpty()) {
            LOG.warn("node {} has taints: {}", NODE_NAME, node.getSpec().getTaints());
        }
    }

    private void awaitProxyRules() {
        waitFor("kube-proxy rules for the kubernetes Service", Duration.ofSeconds(60), () -> {
            processes.get("kube-proxy").checkAlive();
            return HostCommand.run("iptables", "-w", "-t", "nat", "-S", "KUBE-SERVICES").output()
                    .contains("default/kubernetes:https");
        });
    }

    private void launch(String name, List<String> command, Map<String, String> env) {
        processes.put(name, ComponentProcess.start(name, command, env, logDir, pidFile));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stop

    /**
     * Deletes every pod (and waits for the kubelet to stop them), stops all components, then removes what the node
     * left on the host: kubelet containers, KUBE-* chains, the DOCKER-USER rule, mounts, directories the kubelet made,
     * changed sysctls; stops dockerd if this harness started it; copies the logs (salespulse.node.logDir) and deletes
     * the work directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Instant t0 = Instant.now();
        List<RuntimeException> failures = new ArrayList<>();
        // Controllers first, so nothing recreates the pods deleted next.
        for (String name : List.of("kube-controller-manager", "kube-scheduler")) {
            ComponentProcess p = processes.get(name);
            if (p != null) {
                runQuietly(failures, "stop " + name, () -> p.stop(STOP_GRACE));
            }
        }
        runQuietly(failures, "delete pods", this::deleteAllPods);
        for (AutoCloseable c : new AutoCloseable[] {hairpin, pullGuard, socketAudit}) {
            runQuietly(failures, "close watcher", () -> {
                if (c != null) {
                    c.close();
                }
            });
        }
        runQuietly(failures, "close client", () -> {
            if (client != null) {
                client.close();
            }
        });
        List<String> order = new ArrayList<>(List.of("kube-proxy", "kubelet", "kube-scheduler",
                "kube-controller-manager", "kube-apiserver", "etcd"));
        for (String name : order) {
            ComponentProcess p = processes.get(name);
            if (p != null) {
                runQuietly(failures, "stop " + name, () -> p.stop(STOP_GRACE));
            }
        }
        if (lock != null) {
            runQuietly(failures, "leftover processes",
                    () -> ProcessTable.stopInOrder(ProcessTable.clusterProcesses(binDir, root), Duration.ofSeconds(5)));
            runQuietly(failures, "unmount", () -> Mounts.unmountAll(root));
            // Host-wide clean-up only once this run saved the host state (start refuses, before that, to touch a host
            // where another node's chains or containers are).
            if (hostState != null) {
                runQuietly(failures, "kubelet containers", this::removeKubeletContainers);
                runQuietly(failures, "derived images", this::removeDerivedImages);
                runQuietly(failures, "KUBE-* chains", IptablesRules::removeKubeChains);
                runQuietly(failures, "DOCKER-USER rule", IptablesRules::removePodEgressReject);
                runQuietly(failures, "iptables tables", () -> {
                    List<String> dropped = hostState.dropNewIptablesTables();
                    if (!dropped.isEmpty()) {
                        LOG.info("dropped the empty nf_tables tables the node made: {}", dropped);
                    }
                });
                runQuietly(failures, "sysctls", hostState::restoreSysctls);
                runQuietly(failures, "kubelet directories", () -> {
                    List<Path> removed = hostState.removeCreatedPaths();
                    if (!removed.isEmpty()) {
                        LOG.info("removed {}", removed);
                    }
                });
                if (hostState.startedDockerd()) {
                    runQuietly(failures, "stop dockerd", () -> HostCommand.run(Duration.ofSeconds(60), null, null,
                            List.of(dockerdScript().toString(), "stop")).check());
                }
            }
            runQuietly(failures, "copy logs", this::copyLogs);
            runQuietly(failures, "work directory", () -> Files2.deleteTree(root));
            runQuietly(failures, "lock", lock::close);
        }
        ACTIVE_IN_JVM.set(false);
        LOG.info("real-node cluster stopped and host restored in {} ms{}", Duration.between(t0, Instant.now())
                .toMillis(), failures.isEmpty() ? "" : " with " + failures.size() + " failures");
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("real-node cluster clean-up failed: " + failures);
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private void deleteAllPods() {
        if (client == null || processes.get("kubelet") == null || !processes.get("kubelet").alive()) {
            return;
        }
        try {
            for (Namespace ns : client.namespaces().list().getItems()) {
                String name = ns.getMetadata().getName();
                if (!client.pods().inNamespace(name).list().getItems().isEmpty()) {
                    client.pods().inNamespace(name).withGracePeriod(5).delete();
                }
            }
            // The kubelet stops the containers and unmounts the pods' volumes within seconds, but removes the pod
            // objects only at its next status sync (~20 s later): once nothing runs or is mounted, force the rest.
            Path podsDir = root.resolve("kubelet/pods");
            boolean stopped = waitQuietly(Duration.ofSeconds(90),
                    () -> client.pods().inAnyNamespace().list().getItems().isEmpty()
                            || (runningKubeletContainers().isEmpty() && Mounts.under(podsDir).isEmpty()));
            if (!stopped) {
                LOG.warn("pods still running after 90 s: {}", runningKubeletContainers());
            }
            for (var pod : client.pods().inAnyNamespace().list().getItems()) {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withGracePeriod(0).delete();
            }
        } catch (KubernetesClientException e) {
            LOG.warn("could not delete pods: {}", e.toString());
        }
    }

    private static List<String> runningKubeletContainers() {
        return HostCommand.run("docker", "ps", "--format", "{{.Names}}").output().lines()
                .filter(n -> n.startsWith("k8s_")).toList();
    }

    private static List<String> kubeletContainers() {
        HostCommand.Result ps = HostCommand.run("docker", "ps", "-a", "--format", "{{.ID}} {{.Names}}");
        if (!ps.ok()) {
            return List.of();
        }
        return ps.output().lines().map(l -> l.split(" ", 2)).filter(f -> f.length == 2 && f[1].startsWith("k8s_"))
                .map(f -> f[0]).toList();
    }

    private void removeKubeletContainers() {
        List<String> ids = kubeletContainers();
        if (!ids.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
            command.addAll(ids);
            HostCommand.run(command).check();
            LOG.info("removed {} kubelet containers", ids.size());
        }
    }

    private void removeDerivedImages() {
        synchronized (derivedImages) {
            for (String tag : derivedImages) {
                HostCommand.run("docker", "rmi", tag).check();
            }
            derivedImages.clear();
        }
    }

    private void copyLogs() throws IOException {
        String target = setting("salespulse.node.logDir", "SALESPULSE_NODE_LOG_DIR", null);
        if (target == null || !Files.isDirectory(logDir)) {
            return;
        }
        // one directory per cluster: several may start in one test run
        Path dir = Files.createDirectories(Path.of(target).resolve("cluster-" + started.toString().replace(':', '-')));
        try (var logs = Files.list(logDir)) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                Files.copy(log, dir.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static void timed(String what, Runnable step) {
        Instant start = Instant.now();
        step.run();
        LOG.info("real-node: {} took {} ms", what, Duration.between(start, Instant.now()).toMillis());
    }

    private void stage(String name, Runnable step) {
        Instant start = Instant.now();
        step.run();
        Duration took = Duration.between(start, Instant.now());
        timings.put(name, took);
        LOG.info("real-node: {} done in {} ms", name, took.toMillis());
    }

    private String timingSummary() {
        StringBuilder out = new StringBuilder();
        timings.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ')
                .append(v.toMillis()).append(" ms"));
        return out.toString();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void runQuietly(List<RuntimeException> failures, String what, Step step) {
        Instant start = Instant.now();
        try {
            step.run();
            long millis = Duration.between(start, Instant.now()).toMillis();
            if (millis >= 1000) {
                LOG.info("real-node stop: {} took {} ms", what, millis);
            }
        } catch (Exception e) {
            LOG.error("clean-up step '{}' failed: {}", what, e.toString());
            failures.add(new IllegalStateException(what + ": " + e.getMessage(), e));
        }
    }

    private static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        if (!waitQuietly(timeout, condition)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    private static boolean waitQuietly(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (KubernetesClientException e) {
                // the API server is still coming up: try again
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            sleep(200);
        }
    }

    private static boolean httpOk(HttpClient http, String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpClient trustingClusterCa() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (var in = Files.newInputStream(caCertificate())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(2)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = env == null ? null : System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
