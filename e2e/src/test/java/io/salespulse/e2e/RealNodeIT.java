package io.salespulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.datastax.oss.driver.api.core.CqlSession;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.local.Deadline;
import io.salespulse.local.Directories;
import io.salespulse.local.LocalServices;
import io.salespulse.local.PipelineTruth;
import io.salespulse.local.TopicOffsets;
import io.salespulse.schema.mysql.JobHeartbeat;
import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.simulator.Anomalies;
import io.salespulse.simulator.OrderGenerator;
import io.salespulse.simulator.OrderPublisher;
import io.salespulse.simulator.SimulatedRecord;
import io.salespulse.testkit.kube.RealNodeCluster;
import io.salespulse.testkit.kube.RestrictedPodStandard;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * SalesPulse for real on one node: the images this build made, a kubelet (dockershim) running them, kube-proxy
 * routing Services. `helm install` of the chart with the local operator image (the operator runs in a pod, as the
 * chart's ServiceAccount); a SalesPipeline pointing at Kafka, MariaDB and Cassandra on the host (listening on the
 * container bridge's gateway only); the Spark driver creates real executor pods; a seeded stream with duplicates and
 * malformed records gives exact totals in MySQL, Cassandra and through the dashboard's Service. Then the driver pod
 * is deleted mid-stream and the new one resumes from the checkpoint on its volume, totals still exact. No image is
 * ever pulled and nothing leaves this machine (both asserted).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNodeIT {

    private static final Path DIR = Path.of("target", "it", "real-node").toAbsolutePath();
    private static final Path REPO = Path.of(System.getProperty("salespulse.repo.dir", "..")).toAbsolutePath()
            .normalize();
    private static final String TAG = System.getProperty("salespulse.image.tag",
            System.getProperty("salespulse.version", "0.1.0-SNAPSHOT"));
    private static final String JOB_IMAGE = "salespulse/streaming-job:" + TAG;
    private static final String NS = "shop";
    private static final String PIPELINE = "shop";
    private static final int PARTITIONS = 2;
    private static final int EXECUTORS = 2;
    private static final Duration LATENESS = Duration.ofMinutes(2);
    private static final Anomalies ANOMALIES = new Anomalies(0.03, 0.02, 0.02, Duration.ofMinutes(5),
            Duration.ofMinutes(20));
    private static final String DASHBOARD_USER = "demo";
    /** The pipeline's spec.streamingJob.freshnessSlo, and how often the operator reads the data plane. */
    private static final Duration SLO = Duration.ofSeconds(30);
    private static final String DATA_PLANE_INTERVAL = "PT5S";
    /**
     * The control-plane day-2 stages (operator killed, helm upgrade, leader hand-over, drift, driver container
     * restart, Secret rotation: Order 10 on) run by default: 6.4 minutes on a quiet machine, within the suite's
     * budget. {@code -Dsalespulse.e2e.control-plane-day2=false} leaves them out (a quicker local run).
     */
    static final String CONTROL_PLANE_DAY_TWO = "salespulse.e2e.control-plane-day2";

    static final Stages STAGES = new Stages();
    static RealNodeCluster cluster;
    static LocalServices host;
    static KubernetesClient client;
    static final Map<String, SimulatedRecord> generated = new HashMap<>();
    static String dashboardPassword;

    @BeforeAll
    static void start() {
        Directories.deleteRecursively(DIR);
        cluster = RealNodeCluster.shared();
        STAGES.lap("cluster: node Ready");
        host = LocalServices.startAsync(DIR, cluster.hostAddress()).join();
        STAGES.lap("host services: Kafka, MariaDB, Cassandra on " + cluster.hostAddress());
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        System.out.println(STAGES.summary());
        try (var h = host) {
            if (client != null) {
                Helm.uninstall("salespulse").withNamespace("salespulse-system").ignoreNotFound()
                        .withKubeConfig(cluster.kubeconfig()).call();
                client.namespaces().withName(NS).delete();
            }
        }
    }

    @Test
    @Order(1)
    void helmInstallToExactTotalsThenTheDriverPodDiesMidStream() throws Exception {
        helmInstallOperator();
        prepareNamespace();
        kubectl("apply", "-n", NS, "-f", pipelineManifest(JOB_IMAGE).toString());
        kubectl("wait", "-n", NS, "--for=condition=Ready", "salespipeline/" + PIPELINE, "--timeout=10m");
        STAGES.lap("SalesPipeline Ready (kubectl wait)");
        assertThat(condition(NS, PIPELINE, "StreamingJobReady").message).contains("heartbeat");
        Deadline.await(EXECUTORS + " executor pods running", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> executors().size() == EXECUTORS);
        STAGES.lap(EXECUTORS + " executor pods Running");

        publish(4_000, 21);
        awaitAllApplied();
        STAGES.lap("4,000 records published and committed");
        assertTruth();
        assertDashboardShowsTheTruth();
        STAGES.lap("MySQL, Cassandra and dashboard equal the truth");
        assertEveryRunningPodIsRestricted();

        // The driver pod dies mid-stream: its executors go with it (owner reference); the new driver resumes from
        // the checkpoint on its volume.
        Pod driver = driverPod().orElseThrow();
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> publish(4_000, 22));
        long batches = batchesCommitted();
        Deadline.await("a batch of the second stream", Duration.ofMinutes(2), Duration.ofMillis(100),
                () -> batchesCommitted() > batches);
        client.pods().inNamespace(NS).withName(driver.getMetadata().getName()).delete();
        STAGES.lap("driver pod " + driver.getMetadata().getName() + " deleted mid-stream");
        more.join();
        Deadline.await("a new driver pod with a fresh heartbeat", Duration.ofMinutes(5), Duration.ofSeconds(1),
                () -> driverPod().filter(p -> !p.getMetadata().getName().equals(driver.getMetadata().getName()))
                        .flatMap(p -> heartbeat().filter(b -> b.driver().equals(p.getMetadata().getName())
                                && b.freshWithin(Duration.ofSeconds(30)))).isPresent());
        STAGES.lap("new driver reports (heartbeat)");
        awaitAllApplied();
        STAGES.lap("new driver committed everything");
        assertTruth();
        // The old executors went with the old driver pod (owner reference); the new driver made its own.
        Deadline.await(EXECUTORS + " executor pods of the new driver", Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> executors().size() == EXECUTORS && executors().stream().allMatch(p -> p.getMetadata()
                        .getOwnerReferences().stream().noneMatch(o -> o.getName().equals(driver.getMetadata()
                                .getName()))));
        assertDashboardShowsTheTruth();

        cluster.assertNoPulls();
        cluster.assertNoOutsideConnections();
    }

    @Test
    @Order(2)
    void imageMissingLocallyIsReportedNotReady() throws Exception {
        String ns = "missing-image";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(ns).endMetadata().build()).serverSideApply();
        applySecrets(ns);
        host.mariadb().createDatabase("missing_image");
        cluster.createHostPathVolume("broken-checkpoint", "1Gi", (int) imageUser(JOB_IMAGE));
        String missing = "salespulse/streaming-job:does-not-exist";
        String manifest = Files.readString(pipelineManifest(missing)).replace("/shop?", "/missing_image?")
                .replace("name: shop", "name: broken").replace("topic: shop-orders", "topic: broken-orders");
        Path file = Files.writeString(DIR.resolve("broken.yaml"), manifest);
        kubectl("apply", "-n", ns, "-f", file.toString());
        Deadline.await("StreamingJobReady False with ErrImageNeverPull", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> {
                    PipelineCondition c = condition(ns, "broken", "StreamingJobReady");
                    return c != null && "False".equals(c.status) && "ErrImageNeverPull".equals(c.reason);
                });
        assertThat(condition(ns, "broken", "StreamingJobReady").message).contains(missing);
        assertThat(condition(ns, "broken", "Ready").status).isEqualTo("False");
        STAGES.lap("missing image reported (StreamingJobReady=False, ErrImageNeverPull)");
        client.namespaces().withName(ns).delete();
        cluster.assertNoPulls();
    }

    /**
     * Day 2 on the running pipeline, one stage after the other on the same cluster, the stream (with duplicates and
     * malformed records) still exact after each: nothing waits → Idle; an executor pod deleted mid-stream → Spark
     * replaces it; the driver frozen (docker pause) while orders arrive → DataFlowing False/Stalled within the SLO
     * and True after it resumes; a spec change (executors 2 → 3) → exactly one new driver; suspend → no driver or
     * executor pods, checkpoint claim kept → resume; delete the pipeline (Retain) → every child and pod gone,
     * recreate it → it resumes from the stored progress without counting anything twice.
     */
    @Test
    @Order(3)
    void dayTwoOnTheRunningPipeline() throws Exception {
        awaitDataFlowing("True", "Idle", Duration.ofMinutes(2));
        STAGES.lap("nothing waits → DataFlowing True/Idle");
        kubectl("get", "salespipelines", "-n", NS, "-o", "wide");

        // An executor pod dies mid-stream: the driver asks for a new one; its tasks run again, exactly once.
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publish(3_000, 31));
        awaitNewBatch();
        Pod victim = executors().get(0);
        client.pods().inNamespace(NS).withName(victim.getMetadata().getName()).delete();
        STAGES.lap("executor pod " + victim.getMetadata().getName() + " deleted mid-stream");
        Deadline.await("a replacement executor pod running", Duration.ofMinutes(4), Duration.ofMillis(500),
                () -> executors().size() == EXECUTORS && executors().stream()
                        .noneMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName())));
        STAGES.lap("executor deleted → replaced (" + EXECUTORS + " executors running)");
        stream.join();
        awaitAllApplied();
        STAGES.lap("… → everything committed");
        assertTruth();

        // The driver frozen while orders arrive: Stalled within the SLO (plus a refresh), True again after.
        Pod driver = driverPod().orElseThrow();
        String container = driver.getStatus().getContainerStatuses().get(0).getContainerID()
                .replaceFirst("^docker://", "");
        run(List.of("docker", "pause", container));
        try {
            STAGES.lap("driver container paused (docker pause)");
            publish(500, 32);
            Deadline.await("DataFlowing False/Stalled", SLO.plusMinutes(2), Duration.ofSeconds(1),
                    () -> dataFlowing().filter(c -> "False".equals(c.status) && "Stalled".equals(c.reason))
                            .isPresent());
            STAGES.lap("driver frozen, 500 orders wait → DataFlowing False/Stalled (SLO " + SLO.toSeconds() + " s)");
            assertThat(eventReasons()).contains("Stalled");
        } finally {
            run(List.of("docker", "unpause", container));
        }
        awaitDataFlowing("True", null, Duration.ofMinutes(4));
        STAGES.lap("driver resumed → DataFlowing True (" + dataFlowing().map(c -> c.reason).orElse("") + ")");
        awaitAllApplied();
        assertTruth();
        STAGES.lap("… → everything committed, exact");

        // A spec change rolls the driver exactly once; the new one resumes from the checkpoint with 3 executors.
        String oldDriver = driverPod().orElseThrow().getMetadata().getName();
        java.util.Set<String> newDrivers = new java.util.TreeSet<>();
        kubectl("patch", "salespipeline", PIPELINE, "-n", NS, "--type=merge", "-p",
                "{\"spec\":{\"streamingJob\":{\"executors\":3}}}");
        CompletableFuture<Void> during = CompletableFuture.runAsync(() -> publish(2_000, 33));
        Deadline.await("a new driver pod with 3 executor pods", Duration.ofMinutes(6), Duration.ofSeconds(1), () -> {
            driverPods().stream().map(p -> p.getMetadata().getName()).filter(n -> !n.equals(oldDriver))
                    .forEach(newDrivers::add);
            Optional<Pod> current = driverPod();
            return current.isPresent() && !current.get().getMetadata().getName().equals(oldDriver)
                    && executors().size() == 3 && executors().stream().allMatch(p -> p.getMetadata()
                    .getOwnerReferences().stream().anyMatch(o -> o.getName().equals(current.get().getMetadata()
                            .getName())));
        });
        STAGES.lap("spec change (executors 2 → 3) → new driver with 3 executors");
        during.join();
        awaitAllApplied();
        STAGES.lap("… → everything committed");
        assertTruth();
        driverPods().forEach(p -> newDrivers.add(p.getMetadata().getName()));
        newDrivers.remove(oldDriver);
        assertThat(newDrivers).as("the driver restarted once").hasSize(1);

        cluster.assertNoPulls();
        cluster.assertNoOutsideConnections();
    }

    /**
     * Suspend → no driver or executor pods, checkpoint claim kept → resume exact; delete (Retain) → every child gone,
     * recreate → resumes without double counting.
     */
    @Test
    @Order(4)
    void suspendResumeThenDeleteAndRecreate() throws Exception {
        // Suspend: no driver or executor pods, the checkpoint claim kept; orders wait; resume counts them once.
        kubectl("patch", "salespipeline", PIPELINE, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"suspend\":true}}");
        Deadline.await("no driver or executor pods", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> sparkPods().isEmpty());
        STAGES.lap("suspend → no driver or executor pods");
        assertThat(client.persistentVolumeClaims().inNamespace(NS).withName(PIPELINE + "-checkpoint").get()
                .getStatus().getPhase()).isEqualTo("Bound");
        publish(500, 34);
        awaitDataFlowing("False", "Suspended", Duration.ofMinutes(1));
        kubectl("patch", "salespipeline", PIPELINE, "-n", NS, "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}");
        awaitAllApplied();
        STAGES.lap("resume → everything committed");
        assertTruth();

        // Delete (Retain): every Kubernetes child and pod goes, the data stays; recreated, it resumes from the
        // progress stored in MySQL (a new, empty checkpoint: the claim went with the pipeline).
        kubectl("delete", "salespipeline", PIPELINE, "-n", NS);
        Deadline.await("every child and pod of the pipeline gone", Duration.ofMinutes(3), Duration.ofSeconds(1),
                () -> client.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", PIPELINE).list()
                        .getItems().isEmpty() && client.apps().deployments().inNamespace(NS).list().getItems()
                        .isEmpty() && client.configMaps().inNamespace(NS).withLabel("app.kubernetes.io/instance",
                        PIPELINE).list().getItems().isEmpty() && client.persistentVolumeClaims().inNamespace(NS)
                        .list().getItems().isEmpty());
        STAGES.lap("pipeline deleted (Retain) → every child and pod gone");
        assertThat(queryLong("SELECT COUNT(*) FROM stream_progress WHERE topic = 'shop-orders'"))
                .isEqualTo(PARTITIONS);
        publish(1_000, 35);
        cluster.createHostPathVolume("shop-checkpoint-2", "1Gi", (int) imageUser(JOB_IMAGE));
        kubectl("apply", "-n", NS, "-f", pipelineManifest(JOB_IMAGE).toString());
        kubectl("wait", "-n", NS, "--for=condition=Ready", "salespipeline/" + PIPELINE, "--timeout=10m");
        awaitAllApplied();
        STAGES.lap("recreated → Ready, everything committed once");
        assertTruth();
        kubectl("get", "salespipelines", "-n", NS, "-o", "wide");

        cluster.assertNoPulls();
        cluster.assertNoOutsideConnections();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Day 2 for the control plane (issue #12 items 4, 5, 7, 8): the operator dies, is upgraded, fails over; children
    // drift; the driver's container restarts in its pod. Each on the running pipeline, the totals exact after each.
    // Every "[e2e] benchmark" line is a figure for docs/benchmarks.md.

    private static final String OPERATOR_NS = "salespulse-system";
    private static final String LEASE = "salespulse-operator-leader";
    private static final String DASHBOARD = PIPELINE + "-dashboard";
    private static final String DRIVER_DEPLOYMENT = PIPELINE + "-streaming-job";

    /**
     * The only operator pod force-deleted right after a spec change (dashboard replicas 1 → 2), while that change's
     * reconcile is in flight or queued: the replacement pod takes the Lease and finishes it; one of each child, the
     * data plane untouched.
     */
    @Test
    @Order(10)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void operatorPodKilledMidReconcileTheNewPodFinishesIt() throws Exception {
        awaitPipelineSettled();
        DataPlanePods before = DataPlanePods.now();
        Pod operator = operatorPods().stream().findFirst().orElseThrow();
        assertThat(operatorPods()).as("operator pods").hasSize(1);
        STAGES.lap("(before operator kill: pipeline settled)");
        Instant t0 = Instant.now();
        kubectl("patch", "salespipeline", PIPELINE, "-n", NS, "--type=merge", "-p",
                "{\"spec\":{\"dashboard\":{\"replicas\":2}}}");
        kubectl("delete", "pod", "-n", OPERATOR_NS, operator.getMetadata().getName(), "--grace-period=0", "--force");
        STAGES.lap("spec change (dashboard 1 → 2), operator pod force-deleted at once");
        awaitReconciled(2, Duration.ofMinutes(3));
        assertThat(leaseHolder()).isNotEqualTo(operator.getMetadata().getName());
        benchmark("operator pod killed mid-reconcile → new pod finished it", t0);
        STAGES.lap("new operator pod → reconcile finished (dashboard 2/2)");
        assertDataPlaneUntouched(before);
    }

    /**
     * `helm upgrade` to a new operator image (a distinct image id built here from the local one) while orders stream
     * in: the operator pod rolls (the new one waits as standby, takes the Lease when the old one lets go), the data
     * plane does not (same driver, executor and dashboard pods, no restart, batches keep committing), totals exact.
     */
    @Test
    @Order(11)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void helmUpgradeToANewOperatorImageLeavesTheDataPlaneAlone() throws Exception {
        awaitPipelineSettled();
        String upgradedTag = TAG + "-upgrade";
        String upgraded = cluster.derivedImage("salespulse/operator:" + TAG, "salespulse/operator:" + upgradedTag,
                "io.salespulse.e2e.upgrade=" + Instant.now().toEpochMilli());
        Set<String> oldOperators = names(operatorPods());
        DataPlanePods before = DataPlanePods.now();
        long lastBatch = queryLong("SELECT COALESCE(MAX(id), 0) FROM stream_batches");
        STAGES.lap("new operator image " + upgraded + " (docker build FROM the local one)");
        Instant t0 = Instant.now();
        try (PacedStream stream = PacedStream.start(200)) {
            helmUpgrade(Map.of("image.tag", upgradedTag));
            Deadline.await("the operator pod of the new image holds the Lease, the old one gone",
                    Duration.ofMinutes(3), Duration.ofMillis(500), () -> {
                        List<Pod> pods = client.pods().inNamespace(OPERATOR_NS)
                                .withLabel("app.kubernetes.io/component", "operator").list().getItems();
                        return pods.size() == 1 && pods.stream().allMatch(p -> ready(p)
                                && p.getSpec().getContainers().get(0).getImage().endsWith(upgradedTag))
                                && !oldOperators.contains(leaseHolder());
                    });
            STAGES.lap("helm upgrade (new operator image) → Ready, new leader");
            // The new leader reconciles: its data-plane refresh reports a batch newer than any before it took over.
            Optional<Instant> seen = lastBatchTime();
            Deadline.await("status.dataPlane refreshed by the new leader", Duration.ofMinutes(2), Duration.ofSeconds(1),
                    () -> lastBatchTime().filter(t -> seen.isEmpty() || t.isAfter(seen.get())).isPresent());
            benchmark("helm upgrade (operator image) → new leader reconciling", t0);
        }
        long batchesDuring = queryLong("SELECT COUNT(*) FROM stream_batches WHERE id > " + lastBatch);
        awaitAllApplied();
        STAGES.lap("… → everything committed");
        before.assertUnchanged();
        double gap = longestBatchGapSeconds(lastBatch);
        System.out.printf("[e2e] during the upgrade: %d batches committed; longest gap between two, to the end: %.1f s%n",
                batchesDuring, gap);
        // No batch gap of the operator's making: the same driver JVM kept committing throughout (a batch's own
        // length on a loaded machine is no operator matter, so the longest gap is printed, not asserted).
        assertThat(batchesDuring).as("batches committed while the operator rolled").isPositive();
        assertOneOfEachChild();
        assertTruth();
        STAGES.lap("data plane untouched (same pods, no restart), exact");
    }

    /**
     * Two operator replicas (`helm upgrade --set replicas=2`): the leader's pod force-deleted, then a spec change
     * (dashboard 2 → 1): the standby takes the Lease (holderIdentity changes) and reconciles it; the data plane
     * untouched.
     */
    @Test
    @Order(12)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void leaderKilledTheStandbyTakesTheLeaseAndReconciles() throws Exception {
        helmUpgrade(Map.of("replicas", 2));
        Deadline.await("2 operator pods Ready", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> operatorPods().size() == 2);
        STAGES.lap("helm upgrade --set replicas=2 → a standby Ready");
        awaitPipelineSettled();
        // An upgrade that changed the pod template replaced both pods: the Lease names the old one until it expires.
        Deadline.await("the Lease held by a current replica", Duration.ofMinutes(2), Duration.ofMillis(500),
                () -> names(operatorPods()).contains(leaseHolder()));
        String leader = leaseHolder();
        Set<String> standby = names(operatorPods());
        standby.remove(leader);
        assertThat(standby).as("one standby replica").hasSize(1);
        DataPlanePods before = DataPlanePods.now();
        Instant t0 = Instant.now();
        kubectl("delete", "pod", "-n", OPERATOR_NS, leader, "--grace-period=0", "--force");
        // Whatever the earlier stages left, a real change (they may not have run: each stage runs on request).
        int replicas = client.apps().deployments().inNamespace(NS).withName(PIPELINE + "-dashboard").get()
                .getSpec().getReplicas() == 1 ? 2 : 1;
        kubectl("patch", "salespipeline", PIPELINE, "-n", NS, "--type=merge", "-p",
                "{\"spec\":{\"dashboard\":{\"replicas\":" + replicas + "}}}");
        STAGES.lap("leader " + leader + " force-deleted, then a spec change (dashboard → " + replicas + ")");
        // The standby usually wins; on a quiet node the killed pod's replacement may start first and win instead.
        Deadline.await("another replica holds the Lease", Duration.ofMinutes(2), Duration.ofMillis(200),
                () -> { String holder = leaseHolder(); return holder != null && !holder.equals(leader)
                        && names(operatorPods()).contains(holder); });
        benchmark("operator failover → another replica holds the Lease", t0);
        awaitReconciled(replicas, Duration.ofMinutes(3));
        benchmark("operator failover → reconcile finished", t0);
        STAGES.lap((standby.contains(leaseHolder()) ? "standby " : "replacement ") + leaseHolder()
                + " took the Lease → reconcile finished (dashboard " + replicas + "/" + replicas + ")");
        assertDataPlaneUntouched(before);
    }

    /**
     * In-place edits, no spec change: the dashboard scaled to 0, a label removed from its Service, the driver
     * Deployment's env changed: each undone within a deadline (level-based: the edit's own watch event brings a
     * reconcile), the time measured; the driver's rollout that the env edit started ends committing again, exact.
     */
    @Test
    @Order(13)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void driftIsUndoneWithoutASpecChange() throws Exception {
        awaitPipelineSettled();
        Duration deadline = Duration.ofSeconds(60);

        Instant t0 = Instant.now();
        kubectl("scale", "deployment", DASHBOARD, "-n", NS, "--replicas=0");
        Deadline.await("dashboard scaled back to 1", deadline, Duration.ofMillis(100),
                () -> Integer.valueOf(1).equals(deployment(DASHBOARD).getSpec().getReplicas()));
        benchmark("drift undone: dashboard scaled to 0 → 1 again", t0);
        Deadline.await("dashboard available again", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> Integer.valueOf(1).equals(deployment(DASHBOARD).getStatus().getAvailableReplicas()));
        benchmark("drift: dashboard scaled to 0 → serving again", t0);

        t0 = Instant.now();
        kubectl("label", "service", DASHBOARD, "-n", NS, "app.kubernetes.io/part-of-");
        Deadline.await("the label back on the dashboard Service", deadline, Duration.ofMillis(100),
                () -> "salespulse".equals(client.services().inNamespace(NS).withName(DASHBOARD).get().getMetadata()
                        .getLabels().get("app.kubernetes.io/part-of")));
        benchmark("drift undone: label removed from a Service → back", t0);

        String driverBefore = driverPod().orElseThrow().getMetadata().getUid();
        String memory = driverEnv("SPARK_DRIVER_MEMORY");
        t0 = Instant.now();
        kubectl("set", "env", "deployment/" + DRIVER_DEPLOYMENT, "-n", NS, "SPARK_DRIVER_MEMORY=700m");
        Deadline.await("the driver Deployment's env back to SPARK_DRIVER_MEMORY=" + memory, deadline,
                Duration.ofMillis(100), () -> memory.equals(driverEnv("SPARK_DRIVER_MEMORY")));
        benchmark("drift undone: driver Deployment env changed → back", t0);
        STAGES.lap("drift (dashboard 0 replicas, Service label, driver env) undone");
        // Kubernetes rolled the driver on the edit (Recreate): the job resumes from its checkpoint.
        publish(500, 103);
        Deadline.await("a driver pod running the desired env, with its executors", Duration.ofMinutes(5),
                Duration.ofSeconds(1), () -> driverPod().filter(p -> "True".equals(readyStatus(p))
                        && p.getSpec().getContainers().get(0).getEnv().stream().anyMatch(e -> e.getName()
                        .equals("SPARK_DRIVER_MEMORY") && memory.equals(e.getValue()))).isPresent()
                        && executors().size() == EXECUTORS);
        awaitAllApplied();
        benchmark("drift: driver env edit → committing again", t0);
        System.out.println("[e2e] the driver env edit replaced the driver pod: "
                + !driverBefore.equals(driverPod().orElseThrow().getMetadata().getUid()));
        assertOneOfEachChild();
        assertTruth();
        STAGES.lap("… → driver committing again, exact");
    }

    /**
     * The driver's container killed (docker kill): the kubelet restarts it in the same pod (restartCount goes up).
     * The executors of the previous run are owned by that same pod, so nothing in Kubernetes removes them; the
     * restarted driver does (PreviousRunExecutors) before asking for its own. None of them remains, exact totals.
     */
    @Test
    @Order(14)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void driverContainerRestartedInItsPodLeavesNoExecutorsOfThePreviousRun() throws Exception {
        awaitPipelineSettled();
        Deadline.await(EXECUTORS + " executor pods running", Duration.ofMinutes(3), Duration.ofMillis(500),
                () -> executors().size() == EXECUTORS);
        Pod driver = driverPod().orElseThrow();
        int restarts = driver.getStatus().getContainerStatuses().get(0).getRestartCount();
        Set<String> previousRun = new java.util.TreeSet<>();
        executorPods().forEach(p -> previousRun.add(p.getMetadata().getUid()));
        String container = driver.getStatus().getContainerStatuses().get(0).getContainerID()
                .replaceFirst("^docker://", "");
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publish(1_000, 104));
        Instant t0 = Instant.now();
        run(List.of("docker", "kill", container));
        STAGES.lap("driver container killed (docker kill), pod " + driver.getMetadata().getName() + " stays");
        Deadline.await("the driver restarted in the same pod, " + EXECUTORS + " executors of the new run only",
                Duration.ofMinutes(5), Duration.ofSeconds(1), () -> {
                    Optional<Pod> now = driverPod();
                    List<Pod> all = executorPods();
                    return now.isPresent() && now.get().getMetadata().getUid().equals(driver.getMetadata().getUid())
                            && now.get().getStatus().getContainerStatuses().get(0).getRestartCount() > restarts
                            && all.size() == EXECUTORS && all.stream().noneMatch(p -> previousRun.contains(
                            p.getMetadata().getUid())) && executors().size() == EXECUTORS;
                });
        benchmark("driver container restarted in its pod → new executors only", t0);
        STAGES.lap("driver restarted in its pod (restartCount " + (restarts + 1) + "+) → old executors gone");
        stream.join();
        awaitAllApplied();
        benchmark("driver container restarted → committing again", t0);
        assertThat(executorPods()).noneMatch(p -> previousRun.contains(p.getMetadata().getUid()));
        assertTruth();
        assertDashboardShowsTheTruth();
        STAGES.lap("… → everything committed, exact");
        cluster.assertNoPulls();
        cluster.assertNoOutsideConnections();
    }

    /**
     * Secret rotation (issue #12 item 6) while orders arrive: the MySQL password is changed in MariaDB, then in the
     * Secret, as a platform team does without dual passwords. The operator notices on its next refresh (it may only
     * get Secrets by name), rolls the driver (its executors come from it) and the dashboard, says so in an Event and
     * the conditions, and the totals stay exact. No password appears in the spec, status, Events or the logs of the
     * operator and the new driver.
     */
    @Test
    @Order(20)
    @DisabledIfSystemProperty(named = CONTROL_PLANE_DAY_TWO, matches = "false")
    void secretRotationRollsThePodsAndTotalsStayExact() throws Exception {
        String oldPassword = mysqlPassword();
        String oldDriver = driverPod().orElseThrow().getMetadata().getName();
        String oldDashboard = runningPods("dashboard").get(0).getMetadata().getName();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publish(1_000, 41));
        awaitNewBatch();

        String newPassword = UUID.randomUUID().toString();
        host.mariadb().executeAsAdmin("ALTER USER '" + host.mariadb().appUser() + "'@'%' IDENTIFIED BY '"
                + newPassword + "';");
        rotatedMysqlPassword = newPassword;
        // Through the API, not kubectl: the value must not land in a process list or this log.
        client.secrets().inNamespace(NS).withName("salespulse-mysql").edit(secret -> {
            secret.getData().put("password", java.util.Base64.getEncoder().encodeToString(
                    newPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return secret;
        });
        STAGES.lap("MySQL password changed in MariaDB and in the Secret, mid-stream");
        Deadline.await("a new driver and a new dashboard pod running", Duration.ofMinutes(4), Duration.ofSeconds(1),
                () -> driverPod().filter(p -> !p.getMetadata().getName().equals(oldDriver)).isPresent()
                        && runningPods("dashboard").stream().anyMatch(p -> !p.getMetadata().getName()
                        .equals(oldDashboard) && p.getStatus().getContainerStatuses().stream()
                        .allMatch(c -> Boolean.TRUE.equals(c.getReady()))));
        STAGES.lap("rotation → driver and dashboard rolled");
        List<String> rotated = client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "CredentialsRotated".equals(e.getReason())).map(e -> e.getMessage()).toList();
        assertThat(rotated).allSatisfy(m -> assertThat(m).startsWith("Secret 'salespulse-mysql' changed: rolling"));
        assertThat(String.join("\n", rotated)).contains(PIPELINE + "-streaming-job", PIPELINE + "-dashboard");
        stream.join();
        awaitAllApplied();
        STAGES.lap("… → everything committed with the new password");
        assertTruth();
        kubectl("wait", "-n", NS, "--for=condition=Ready", "salespipeline/" + PIPELINE, "--timeout=5m");
        String jobReady = condition(NS, PIPELINE, "StreamingJobReady").message;
        assertThat(jobReady).contains("credentials rotated at", "'salespulse-mysql'");
        // The new driver restarted from the checkpoint and reports what it pins (issue #12 item 2); the operator
        // compares that with the spec (a different shuffle partition count would be named in the message).
        String pinned = heartbeat().orElseThrow().checkpointSettings().get("spark.sql.shuffle.partitions");
        assertThat(pinned).as("spark.sql.shuffle.partitions in the job's heartbeat").isNotNull();
        if (jobReady.contains("spark.sql.shuffle.partitions")) {
            assertThat(jobReady).contains("the checkpoint keeps " + pinned);
        }
        assertDashboardShowsTheTruth();

        var json = client.getKubernetesSerialization();
        String seen = json.asJson(client.resources(SalesPipeline.class).inNamespace(NS).withName(PIPELINE).get())
                + json.asJson(client.apps().deployments().inNamespace(NS).list())
                + json.asJson(client.v1().events().inNamespace(NS).list())
                + String.join("\n", client.pods().inNamespace("salespulse-system").list().getItems().stream()
                .map(p -> client.pods().inNamespace("salespulse-system").withName(p.getMetadata().getName()).getLog())
                .toList()) + client.pods().inNamespace(NS).withName(driverPod().orElseThrow().getMetadata().getName())
                .getLog();
        for (String password : List.of(oldPassword, newPassword)) {
            assertThat(seen).as("no MySQL password in spec, status, Events or logs").doesNotContain(password,
                    java.util.Base64.getEncoder().encodeToString(password.getBytes(
                            java.nio.charset.StandardCharsets.UTF_8)));
        }
        kubectl("get", "salespipelines", "-n", NS, "-o", "wide");
        cluster.assertNoPulls();
        cluster.assertNoOutsideConnections();
    }

    /** The MySQL password as the Secret has it now (changed by the rotation stage). */
    private static volatile String rotatedMysqlPassword;

    private static String mysqlPassword() {
        return rotatedMysqlPassword != null ? rotatedMysqlPassword : host.mariadb().appPassword();
    }

    /** Running, not terminating pods of a pipeline component. */
    private static List<Pod> runningPods(String component) {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", component)
                .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                        && "Running".equals(p.getStatus().getPhase())).toList();
    }

    /** One of each child, the same driver and executor pods, and (without waiting on new batches) exact totals. */
    private static void assertDataPlaneUntouched(DataPlanePods before) throws Exception {
        assertOneOfEachChild();
        before.assertDriverAndExecutorsUnchanged();
        awaitAllApplied();
        assertTruth();
        STAGES.lap("… → one of each child, driver and executors untouched, totals still exact");
    }

    private static void awaitDataFlowing(String status, String reason, Duration timeout) {
        Deadline.await("DataFlowing " + status + (reason == null ? "" : "/" + reason), timeout, Duration.ofSeconds(1),
                () -> dataFlowing().filter(c -> status.equals(c.status) && (reason == null || reason.equals(c.reason)))
                        .isPresent());
    }

    private static Optional<PipelineCondition> dataFlowing() {
        return Optional.ofNullable(condition(NS, PIPELINE, "DataFlowing"));
    }

    private static void awaitNewBatch() {
        long batches = batchesCommitted();
        Deadline.await("a new batch committed", Duration.ofMinutes(2), Duration.ofMillis(100),
                () -> batchesCommitted() > batches);
    }

    private static List<String> eventReasons() {
        return client.v1().events().inNamespace(NS).list().getItems().stream().map(e -> e.getReason()).toList();
    }

    private static List<Pod> driverPods() {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "spark-driver")
                .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems();
    }

    /** Driver and executor pods in any state, terminating ones included. */
    private static List<Pod> sparkPods() {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems()
                .stream().filter(p -> {
                    String component = p.getMetadata().getLabels().get("app.kubernetes.io/component");
                    return "spark-driver".equals(component) || "spark-executor".equals(component);
                }).toList();
    }

    /**
     * Kubernetes 1.20 has no Pod Security Admission: every pod running on the node (driver, executors, dashboard,
     * operator) is checked against the restricted Pod Security Standard as the API server returns it.
     */
    private static void assertEveryRunningPodIsRestricted() {
        for (String ns : List.of(NS, "salespulse-system")) {
            List<Pod> running = client.pods().inNamespace(ns).list().getItems().stream()
                    .filter(p -> "Running".equals(p.getStatus().getPhase())).toList();
            assertThat(running).as("running pods in " + ns).isNotEmpty();
            for (Pod pod : running) {
                String name = ns + "/" + pod.getMetadata().getName();
                assertThat(RestrictedPodStandard.violations(pod.getSpec())).as(name).isEmpty();
                assertThat(RestrictedPodStandard.writableRootFilesystems(pod.getSpec())).as(name).isEmpty();
            }
        }
        assertThat(executors()).as("executor pods").hasSize(EXECUTORS);
        STAGES.lap("every running pod meets the restricted Pod Security Standard");
    }

    private static void helmInstallOperator() {
        String values = """
                image:
                  registry: ""
                  repository: salespulse/operator
                  tag: "%s"
                  pullPolicy: Never
                operator:
                  dataPlaneRefreshInterval: %s
                """.formatted(TAG, DATA_PLANE_INTERVAL);
        Path valuesFile = writeFile("operator-values.yaml", values);
        new Helm(REPO.resolve("helm/salespulse-operator")).install().withName("salespulse")
                .withNamespace("salespulse-system").createNamespace().withValuesFile(valuesFile)
                .withKubeConfig(cluster.kubeconfig()).waitReady().withTimeout(300).call();
        STAGES.lap("helm install (operator pod Ready)");
    }

    private static void prepareNamespace() {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(NS).endMetadata().build()).serverSideApply();
        applySecrets(NS);
        host.mariadb().createDatabase(NS);
        // The checkpoint volume: a hostPath PersistentVolume owned by the job image's user (hostPath ignores
        // fsGroup); the operator's claim binds to it.
        cluster.createHostPathVolume("shop-checkpoint", "1Gi", (int) imageUser(JOB_IMAGE));
        STAGES.lap("namespace, Secrets, database, checkpoint volume");
    }

    /** crds/examples/secrets.yaml with real values, applied as a user would. */
    private static void applySecrets(String ns) {
        if (dashboardPassword == null) {
            dashboardPassword = UUID.randomUUID().toString();
        }
        String hash = BCrypt.withDefaults().hashToString(10, dashboardPassword.toCharArray());
        try {
            String secrets = Files.readString(REPO.resolve("crds/examples/secrets.yaml"))
                    .replaceFirst("password: change-me", "password: \"" + host.mariadb().appPassword() + "\"")
                    .replace("demo:$2y$10$replace.with.a.real.bcrypt.hash.of.the.password.xxxxxxxxxxx",
                            DASHBOARD_USER + ":" + hash)
                    .replace("change-me-to-32-random-characters", UUID.randomUUID().toString());
            Path file = Files.writeString(DIR.resolve("secrets-" + ns + ".yaml"), secrets);
            kubectl("apply", "-n", ns, "-f", file.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path pipelineManifest(String jobImage) {
        // Sized for 2 CPUs: operator, driver, executors and dashboard all schedule (CPU requests, not Spark cores).
        return writeFile("pipeline-" + jobImage.replaceAll("[^a-z0-9]", "-") + ".yaml", """
                apiVersion: salespulse.io/v1alpha1
                kind: SalesPipeline
                metadata:
                  name: shop
                spec:
                  kafka:
                    bootstrapServers: %1$s
                    topic: shop-orders
                    partitions: %2$d
                  mysql:
                    jdbcUrl: %3$s
                    credentialsSecretRef:
                      name: salespulse-mysql
                  cassandra:
                    contactPoints: %4$s
                    keyspace: shop
                  streamingJob:
                    image: %5$s
                    imagePullPolicy: Never
                    executors: %6$d
                    executorCpuRequest: 250m
                    executorMemory: 512m
                    driverCpuRequest: 250m
                    driverMemory: 768m
                    triggerInterval: PT2S
                    freshnessSlo: PT%8$dS
                    checkpoint:
                      storageSize: 1Gi
                  dashboard:
                    image: salespulse/dashboard:%7$s
                    imagePullPolicy: Never
                    authSecretRef:
                      name: salespulse-dashboard-auth
                    resources:
                      requests: {cpu: 100m, memory: 256Mi}
                      limits: {memory: 512Mi}
                """.formatted(host.kafka().bootstrapServers(), PARTITIONS,
                host.mariadb().jdbcUrl(NS), host.cassandra().contactPoint(), jobImage, EXECUTORS,
                TAG, SLO.toSeconds()));
    }

    private static void publish(int count, long seed) {
        OrderGenerator generator = new OrderGenerator(seed, ANOMALIES);
        try (OrderPublisher publisher = new OrderPublisher(host.kafka().bootstrapServers(), "shop-orders")) {
            for (int i = 0; i < count; i++) {
                SimulatedRecord record = generator.next(Instant.now());
                synchronized (generated) {
                    generated.putIfAbsent(record.value(), record);
                }
                publisher.send(record);
            }
            publisher.flush();
        }
    }

    /**
     * A deadline, not a wait: a new driver's first batches took minutes on a 2-core machine shared with other
     * builds (load 30-50: 4,000 records needed more than 6 minutes; a restarted driver's first batch over 4).
     */
    private static final Duration APPLY_DEADLINE = Duration.ofMinutes(12);

    private static void awaitAllApplied() {
        long end;
        try (var admin = host.kafka().admin()) {
            end = TopicOffsets.sumOfEnds(admin, "shop-orders");
        }
        Deadline.await("all " + end + " records applied by the job in the cluster", APPLY_DEADLINE,
                Duration.ofMillis(500), () -> queryLong("SELECT COALESCE(SUM(next_offset), 0) FROM stream_progress "
                        + "WHERE topic = 'shop-orders'") == end);
    }

    private static void assertTruth() throws Exception {
        try (CqlSession session = host.cassandra().session()) {
            PipelineTruth.assertMatches(host.kafka().bootstrapServers(), "shop-orders", PARTITIONS, jdbcUrl(),
                    host.mariadb().appUser(), mysqlPassword(), session, NS, generated, LATENESS);
        }
    }

    /** The dashboard pod, reached through its Service's ClusterIP (kube-proxy), serves the same totals. */
    private static void assertDashboardShowsTheTruth() throws Exception {
        var truth = PipelineTruth.overall(host.kafka().bootstrapServers(), "shop-orders", PARTITIONS, generated,
                LATENESS);
        var service = client.services().inNamespace(NS).withName(PIPELINE + "-dashboard").get();
        DashboardClient dashboard = new DashboardClient("http://" + service.getSpec().getClusterIP() + ":80");
        dashboard.signIn(DASHBOARD_USER, dashboardPassword);
        String kpis = dashboard.api("/api/v1/kpis?range=24h");
        assertThat(number(kpis, "orders")).isEqualByComparingTo(BigDecimal.valueOf(truth.orders()));
        assertThat(number(kpis, "revenue").setScale(2, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo(truth.revenue().setScale(2, java.math.RoundingMode.HALF_UP));
    }

    private static BigDecimal number(String json, String kpi) {
        Matcher m = Pattern.compile("\"" + kpi + "\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*([-0-9.Ee+]+)").matcher(json);
        assertThat(m.find()).as(kpi + " in " + json).isTrue();
        return new BigDecimal(m.group(1));
    }

    private static List<Pod> executors() {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "spark-executor")
                .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                        && "Running".equals(p.getStatus().getPhase())).toList();
    }

    private static Optional<Pod> driverPod() {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "spark-driver")
                .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                        && "Running".equals(p.getStatus().getPhase())).findFirst();
    }

    private static Optional<JobHeartbeat.Beat> heartbeat() {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), host.mariadb().appUser(),
                mysqlPassword())) {
            return JobHeartbeat.read(c, JobHeartbeat.QUERY_NAME);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long batchesCommitted() {
        return queryLong("SELECT COUNT(*) FROM stream_batches");
    }

    private static long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), host.mariadb().appUser(),
                mysqlPassword()); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static String jdbcUrl() {
        return MysqlSchema.withDriverDefaults(host.mariadb().jdbcUrl(NS));
    }

    private static PipelineCondition condition(String ns, String name, String type) {
        SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(ns).withName(name).get();
        if (p == null || p.getStatus() == null || p.getStatus().conditions == null) {
            return null;
        }
        return p.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst().orElse(null);
    }

    /** The numeric user the image runs as (hostPath volumes must belong to it). */
    private static long imageUser(String image) {
        String user = run(List.of("docker", "image", "inspect", "-f", "{{.Config.User}}", image)).strip();
        return Long.parseLong(user.contains(":") ? user.substring(0, user.indexOf(':')) : user);
    }

    static void kubectl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(cluster.kubectlBinary().toString(),
                "--kubeconfig=" + cluster.kubeconfig()));
        command.addAll(List.of(args));
        System.out.println("[e2e] kubectl " + String.join(" ", args) + "\n" + run(command).strip());
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path writeFile(String name, String text) {
        try {
            Files.createDirectories(DIR);
            return Files.writeString(DIR.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers of the control-plane day-2 tests (Order 10..19)

    /** The pods whose identity the data plane keeps: a control-plane action must leave them as they are. */
    record DataPlanePods(String driverUid, int driverRestarts, Set<String> executorUids, Set<String> dashboardUids) {

        static DataPlanePods now() {
            Pod driver = driverPod().orElseThrow();
            Set<String> executors = new java.util.TreeSet<>();
            executors().forEach(p -> executors.add(p.getMetadata().getUid()));
            Set<String> dashboards = new java.util.TreeSet<>();
            client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "dashboard")
                    .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems()
                    .forEach(p -> dashboards.add(p.getMetadata().getUid()));
            return new DataPlanePods(driver.getMetadata().getUid(),
                    driver.getStatus().getContainerStatuses().get(0).getRestartCount(), executors, dashboards);
        }

        void assertDriverAndExecutorsUnchanged() {
            DataPlanePods now = now();
            assertThat(now.driverUid).as("driver pod uid").isEqualTo(driverUid);
            assertThat(now.driverRestarts).as("driver container restarts").isEqualTo(driverRestarts);
            assertThat(now.executorUids).as("executor pod uids").isEqualTo(executorUids);
        }

        void assertUnchanged() {
            assertDriverAndExecutorsUnchanged();
            assertThat(now().dashboardUids).as("dashboard pod uids").isEqualTo(dashboardUids);
        }
    }

    /** Publishes {@code perSecond} orders each second in the background until closed (a live stream). */
    static final class PacedStream implements AutoCloseable {
        private static final java.util.concurrent.atomic.AtomicLong SEEDS = new java.util.concurrent.atomic.AtomicLong(
                1_000);
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(
                true);
        private CompletableFuture<Void> loop;

        static PacedStream start(int perSecond) {
            PacedStream s = new PacedStream();
            s.loop = CompletableFuture.runAsync(() -> {
                while (s.running.get()) {
                    long next = System.nanoTime() + 1_000_000_000L;
                    publish(perSecond, SEEDS.incrementAndGet());
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            });
            return s;
        }

        @Override
        public void close() {
            running.set(false);
            loop.join();
        }
    }

    /**
     * `helm upgrade --reuse-values` with {@code values} set. The startup probe gets 5 minutes instead of the chart's
     * 2: on this shared 2-core machine at load 40 an operator JVM took 90 s to reach its HTTP port and the kubelet
     * restarted it before its watches had synced.
     */
    private static void helmUpgrade(Map<String, Object> values) {
        var upgrade = new Helm(REPO.resolve("helm/salespulse-operator")).upgrade().withName("salespulse")
                .withNamespace(OPERATOR_NS).reuseValues().set("probes.startup.failureThreshold", 150);
        values.forEach(upgrade::set);
        upgrade.withKubeConfig(cluster.kubeconfig()).waitReady().withTimeout(600).call();
    }

    private static void benchmark(String what, Instant since) {
        System.out.printf("[e2e] benchmark: %-60s %6.1f s (load average %s)%n", what,
                Duration.between(since, Instant.now()).toMillis() / 1000.0, loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Ready, generation observed, dashboard settled: nothing of an earlier stage still moving. */
    private static void awaitPipelineSettled() {
        SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(NS).withName(PIPELINE).get();
        Integer replicas = p.getSpec().dashboard.replicas == null ? 1 : p.getSpec().dashboard.replicas;
        awaitReconciled(replicas, Duration.ofMinutes(5));
        Deadline.await("a driver pod with a fresh heartbeat", Duration.ofMinutes(5), Duration.ofSeconds(1),
                () -> driverPod().flatMap(d -> heartbeat().filter(b -> b.driver().equals(d.getMetadata().getName())
                        && b.freshWithin(Duration.ofSeconds(30)))).isPresent());
    }

    /** The current spec observed (status.observedGeneration), Ready, and the dashboard at {@code replicas}. */
    private static void awaitReconciled(int dashboardReplicas, Duration timeout) {
        Deadline.await("the spec reconciled (observedGeneration, Ready, dashboard " + dashboardReplicas + "/"
                + dashboardReplicas + ")", timeout, Duration.ofMillis(200), () -> {
                    SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(NS).withName(PIPELINE).get();
                    PipelineCondition ready = condition(NS, PIPELINE, "Ready");
                    var d = deployment(DASHBOARD);
                    return p.getStatus() != null && p.getMetadata().getGeneration().equals(p.getStatus()
                            .observedGeneration) && ready != null && "True".equals(ready.status)
                            && Integer.valueOf(dashboardReplicas).equals(d.getSpec().getReplicas())
                            && Integer.valueOf(dashboardReplicas).equals(d.getStatus().getReadyReplicas())
                            && Integer.valueOf(dashboardReplicas).equals(d.getStatus().getReplicas());
                });
    }

    /** No duplicate: one Deployment of each, one active ReplicaSet each, one driver pod, the executors it asked for. */
    private static void assertOneOfEachChild() {
        var deployments = client.apps().deployments().inNamespace(NS).withLabel("app.kubernetes.io/instance", PIPELINE)
                .list().getItems();
        assertThat(deployments.stream().map(d -> d.getMetadata().getName()).sorted().toList())
                .as("the pipeline's Deployments").containsExactly(DASHBOARD, DRIVER_DEPLOYMENT);
        for (String name : List.of(DASHBOARD, DRIVER_DEPLOYMENT)) {
            assertThat(client.apps().replicaSets().inNamespace(NS).withLabel("app.kubernetes.io/instance", PIPELINE)
                    .list().getItems().stream().filter(rs -> rs.getMetadata().getOwnerReferences().stream()
                            .anyMatch(o -> o.getName().equals(name)) && rs.getSpec().getReplicas() != null
                            && rs.getSpec().getReplicas() > 0).count()).as("active ReplicaSets of " + name).isEqualTo(1);
        }
        assertThat(client.services().inNamespace(NS).withLabel("app.kubernetes.io/instance", PIPELINE).list()
                .getItems()).as("the pipeline's Services").hasSize(1);
        assertThat(driverPods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList())
                .as("driver pods").hasSize(1);
        assertThat(executorPods()).as("executor pods").hasSize(EXECUTORS);
    }

    /** Executor pods of the pipeline in any phase: failed and terminating ones too. */
    private static List<Pod> executorPods() {
        return client.pods().inNamespace(NS).withLabel("app.kubernetes.io/component", "spark-executor")
                .withLabel("app.kubernetes.io/instance", PIPELINE).list().getItems();
    }

    private static List<Pod> operatorPods() {
        return client.pods().inNamespace(OPERATOR_NS).withLabel("app.kubernetes.io/component", "operator").list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && ready(p)).toList();
    }

    private static boolean ready(Pod p) {
        return "True".equals(readyStatus(p));
    }

    private static String readyStatus(Pod p) {
        return p.getStatus() == null || p.getStatus().getConditions() == null ? null : p.getStatus().getConditions()
                .stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    private static Set<String> names(List<Pod> pods) {
        Set<String> names = new java.util.TreeSet<>();
        pods.forEach(p -> names.add(p.getMetadata().getName()));
        return names;
    }

    private static String leaseHolder() {
        var lease = client.leases().inNamespace(OPERATOR_NS).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static String driverEnv(String name) {
        return deployment(DRIVER_DEPLOYMENT).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .stream().filter(e -> e.getName().equals(name)).map(e -> e.getValue()).findFirst().orElse(null);
    }

    private static Optional<Instant> lastBatchTime() {
        SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(NS).withName(PIPELINE).get();
        if (p == null || p.getStatus() == null || p.getStatus().dataPlane == null
                || p.getStatus().dataPlane.lastBatchTime == null) {
            return Optional.empty();
        }
        return Optional.of(Instant.parse(p.getStatus().dataPlane.lastBatchTime));
    }

    /** The longest time between two consecutive batch commits after batch row {@code afterId} (and before it). */
    private static double longestBatchGapSeconds(long afterId) {
        return queryLong("SELECT COALESCE(MAX(gap), 0) FROM (SELECT TIMESTAMPDIFF(MICROSECOND, LAG(committed_at) "
                + "OVER (ORDER BY id), committed_at) AS gap FROM stream_batches WHERE id >= " + afterId + ") g")
                / 1_000_000.0;
    }
}
