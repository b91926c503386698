package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.schema.mysql.JobHeartbeat;
import io.salespulse.schema.mysql.MysqlSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the streaming job in API-level tests, where no container runs: once a pipeline's driver pod is
 * Running (a pod stand-in's doing), it writes the job's heartbeat row for that pod into the pipeline's MySQL
 * database at once and then every {@link #BEAT_INTERVAL}, as an idle job's StreamingQueryListener would, so
 * StreamingJobReady can become True. With {@code podStandIn}, for API servers without controllers, it also creates
 * the driver pod from the driver Deployment's template and reports it Running. The real job's heartbeat is proven
 * on the real node (e2e module).
 *
 * <p>Pipelines and driver pods come from watches, not from a list every second: a real job writes to MySQL only, so
 * the stand-in must not load the API server (the operator benchmark runs 50 pipelines beside it). A driver pod
 * turning Running brings a beat at once, as a job reporting its first event soon after start would.
 */
public final class JobHeartbeatStandIn implements AutoCloseable {

    private static final String DRIVER = "spark-driver";
    /** An idle query reports every 10 s (spark.sql.streaming.noDataProgressEventInterval), so beats no more often. */
    static final java.time.Duration BEAT_INTERVAL = java.time.Duration.ofSeconds(10);
    private final KubernetesClient client;
    private final String user;
    private final String password;
    private final boolean podStandIn;
    private final Map<String, Map<String, String>> checkpointSettings = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> silenced = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Touched by the timer thread only. */
    private final Map<String, Connection> connections = new java.util.HashMap<>();
    /** When each Running driver pod ({@code namespace/pod}) last got a beat; timer thread only. */
    private Map<String, Instant> lastBeats = new java.util.HashMap<>();
    /** Namespaces whose next pass beats at once (their reported checkpoint settings changed). */
    private final java.util.Set<String> beatNow = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-heartbeat-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final SharedIndexInformer<Pod> driverPods;
    /** Watched once the SalesPipeline CRD exists (a test may install it after starting the stand-in); timer thread. */
    private SharedIndexInformer<SalesPipeline> pipelines;
    /** A beat asked for by a pod event and not yet run: events coalesce into one. */
    private final java.util.concurrent.atomic.AtomicBoolean beatPending = new java.util.concurrent.atomic.AtomicBoolean();
    /** When each pipeline ({@code namespace/name}) got its first beat, by System.nanoTime(): for benchmarks. */
    private final Map<String, Long> firstBeats = new java.util.concurrent.ConcurrentHashMap<>();

    public JobHeartbeatStandIn(KubernetesClient client, String user, String password, boolean podStandIn) {
        this.client = client;
        this.user = user;
        this.password = password;
        this.podStandIn = podStandIn;
        this.driverPods = client.pods().inAnyNamespace().withLabel("app.kubernetes.io/component", DRIVER)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        beatSoon();
                    }

                    @Override
                    public void onUpdate(Pod before, Pod pod) {
                        beatSoon();
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {
                        // the next tick writes nothing for it
                    }
                });
        // Each pass writes only the beats that are due, so a pass a second costs the database nothing in between.
        timer.scheduleWithFixedDelay(this::beatAll, 0, 1, TimeUnit.SECONDS);
    }

    private void beatSoon() {
        if (beatPending.compareAndSet(false, true)) {
            try {
                timer.execute(this::beatAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed
            }
        }
    }

    /** When each pipeline ({@code namespace/name}) got its first beat, by System.nanoTime(). */
    public Map<String, Long> firstBeats() {
        return java.util.Collections.unmodifiableMap(firstBeats);
    }

    /** From now on, writes no heartbeat for the job in {@code namespace}: a driver whose query never starts. */
    public void silence(String namespace) {
        silenced.add(namespace);
    }

    /** From now on, reports that the checkpoint of the job in {@code namespace} pins these settings. */
    public void checkpointPins(String namespace, Map<String, String> settings) {
        checkpointSettings.put(namespace, settings);
        beatNow.add(namespace);
        beatSoon();
    }

    private void beatAll() {
        beatPending.set(false);
        try {
            Map<String, List<Pod>> drivers = new java.util.HashMap<>();
            for (Pod pod : driverPods.getStore().list()) {
                drivers.computeIfAbsent(pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getLabels().get("app.kubernetes.io/instance"), k -> new ArrayList<>())
                        .add(pod);
            }
            if (pipelines == null) {
                pipelines = client.resources(SalesPipeline.class).inAnyNamespace().inform();
            }
            Map<String, Instant> seen = lastBeats;
            lastBeats = new java.util.HashMap<>();
            for (SalesPipeline p : pipelines.getStore().list()) {
                if (p.getSpec() != null && !Boolean.TRUE.equals(p.getSpec().suspend)
                        && p.getMetadata().getDeletionTimestamp() == null
                        && !silenced.contains(p.getMetadata().getNamespace())) {
                    beat(p, drivers.getOrDefault(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                            List.of()), seen);
                }
            }
        } catch (RuntimeException e) {
            // The API server is going away with the test, the CRD is not installed yet, or a pipeline changed: next tick.
        }
    }

    /** @param seen the previous pass's last beats; this pass's go to {@link #lastBeats} */
    private void beat(SalesPipeline p, List<Pod> driverPods, Map<String, Instant> seen) {
        String ns = p.getMetadata().getNamespace();
        List<Pod> running = driverPods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                        && "Running".equals(pod.getStatus().getPhase())).toList();
        if (running.isEmpty()) {
            if (podStandIn) {
                standInPod(ns, Map.of("app.kubernetes.io/instance", p.getMetadata().getName(),
                        "app.kubernetes.io/component", DRIVER));
            }
            return;
        }
        String pod = ns + "/" + running.get(0).getMetadata().getName();
        Instant last = seen.get(pod);
        boolean asked = beatNow.remove(ns);
        if (last != null && !asked && Instant.now().isBefore(last.plus(BEAT_INTERVAL))) {
            lastBeats.put(pod, last);
            return;
        }
        String url = MysqlSchema.withDriverDefaults(p.getSpec().mysql.jdbcUrl) + "&connectTimeout=2000";
        try {
            // A job keeps its connection; so does its stand-in (a connection per beat would load MariaDB instead).
            Connection c = connections.get(url);
            if (c == null || !c.isValid(2)) {
                closeQuietly(c);
                c = DriverManager.getConnection(url, user, password);
                connections.put(url, c);
            }
            JobHeartbeat.write(c, JobHeartbeat.QUERY_NAME, new JobHeartbeat.Progress("stand-in", "stand-in",
                    JobHeartbeat.State.RUNNING, running.get(0).getMetadata().getName(), Instant.now(), null, false,
                    null, null, null, checkpointSettings.get(ns)));
            firstBeats.putIfAbsent(ns + "/" + p.getMetadata().getName(), System.nanoTime());
            lastBeats.put(pod, Instant.now());
        } catch (Exception e) {
            // Database or table not there yet (the schema step runs first), or the server restarted: next tick.
            closeQuietly(connections.remove(url));
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // already broken
        }
    }

    private void standInPod(String ns, Map<String, String> labels) {
        List<Deployment> drivers = client.apps().deployments().inNamespace(ns).withLabels(labels).list().getItems();
        for (Deployment d : drivers) {
            if (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() < 1) {
                continue;
            }
            String name = d.getMetadata().getName() + "-stand-in";
            if (client.pods().inNamespace(ns).withName(name).get() == null) {
                client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(name)
                        .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                        .withSpec(d.getSpec().getTemplate().getSpec()).build()).create();
            }
            Pod pod = client.pods().inNamespace(ns).withName(name).get();
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                    .withStartTime(Instant.now().toString()).build());
            client.pods().inNamespace(ns).resource(pod).updateStatus();
        }
    }

    @Override
    public void close() {
        driverPods.close();
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pipelines != null) {
            pipelines.close();
        }
        connections.values().forEach(JobHeartbeatStandIn::closeQuietly);
    }
}
