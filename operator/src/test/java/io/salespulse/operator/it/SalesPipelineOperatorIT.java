package io.salespulse.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.crds.v1alpha1.DeletionPolicy;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus;
import io.salespulse.local.Deadline;
import io.salespulse.operator.OperatorSettings;
import io.salespulse.operator.SalesPipelineOperator;
import io.salespulse.testkit.kube.JobHeartbeatStandIn;
import io.salespulse.operator.http.OperatorHttpServer;
import io.salespulse.operator.metrics.ReconcileMetrics;
import io.salespulse.operator.reconcile.SalesPipelineReconciler;
import io.salespulse.operator.status.ConditionTypes;
import io.salespulse.testkit.kube.KubeControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator against a REAL Kubernetes API server (etcd + kube-apiserver 1.20.2 + kube-controller-manager, see
 * {@link KubeControlPlane}) and real Kafka, MariaDB and Cassandra for the external steps. There is no kubelet:
 * {@link FakeKubelet} reports pods Running and Ready the way a kubelet would, and the real ReplicaSet and Deployment
 * controllers turn that into the Deployment status the operator's readiness gates read.
 */
class SalesPipelineOperatorIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Shorter than the operator's default (15 s) so the data-plane test takes seconds. */
    private static final Duration DATA_PLANE_INTERVAL = Duration.ofSeconds(3);
    private static final Set<String> MYSQL_TABLES = Set.of("sales_minute", "dead_letters", "late_events",
            "stream_batches", "stream_progress", "seen_events");

    static KubeControlPlane controlPlane;
    static ExternalServices services;
    static KubernetesClient client;
    static FakeKubelet kubelet;
    static JobHeartbeatStandIn job;
    static ReconcileMetrics metrics;
    static Operator operator;
    static OperatorHttpServer http;
    static TestPipelines pipelines;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target", "it", "operator").toAbsolutePath();
        io.salespulse.local.Directories.deleteRecursively(dir);
        CompletableFuture<ExternalServices> external = ExternalServices.startAsync(dir);
        try {
            controlPlane = new KubeControlPlane().start(List.of(Path.of(System.getProperty("salespulse.crd.file",
                    "../crds/generated/salespipelines.salespulse.io-v1.yml"))));
        } finally {
            services = external.join();
        }
        client = controlPlane.client();
        kubelet = new FakeKubelet(client);
        job = new JobHeartbeatStandIn(client, services.mariadb().appUser(), services.mariadb().appPassword(), false);
        metrics = new ReconcileMetrics();
        OperatorSettings settings = OperatorSettings.defaults()
                .withRetryIntervals(Duration.ofMillis(250), Duration.ofSeconds(2))
                .withDataPlaneInterval(DATA_PLANE_INTERVAL)
                .withHttpPort(0);
        operator = SalesPipelineOperator.create(client, settings, metrics);
        operator.start();
        http = new OperatorHttpServer(0, operator, metrics.registry());
        pipelines = new TestPipelines(services, client);
    }

    @AfterAll
    static void stop() {
        try (var h = http; var j = job; var k = kubelet; var c = client; var cp = controlPlane; var s = services) {
            if (operator != null) {
                operator.stop();
            }
        }
    }

    @Test
    void validPipelineGetsEveryChildWithOwnerReferencesAndBecomesReady() throws Exception {
        String ns = "valid";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "shop");
        p.getSpec().simulator.enabled = true;
        p.getSpec().simulator.ordersPerSecond = 50;
        p.getSpec().dashboard.ingress = new DashboardSpec.IngressSpec();
        p.getSpec().dashboard.ingress.host = "sales.example.com";
        p.getSpec().dashboard.ingress.className = "nginx";
        p.getSpec().dashboard.ingress.tlsSecretName = "sales-tls";
        SalesPipeline created = client.resource(p).create();

        SalesPipelineStatus status = awaitReady(ns, "shop");
        assertThat(status.observedGeneration).isEqualTo(created.getMetadata().getGeneration());
        assertThat(status.phase).isEqualTo(SalesPipelineStatus.Phase.Running);
        assertThat(status.dashboardUrl).isEqualTo("https://sales.example.com/");
        assertThat(status.topicPartitions).isEqualTo(2);
        assertThat(status.conditions).extracting(c -> c.type).containsExactly(ConditionTypes.SPEC_VALID,
                ConditionTypes.KAFKA_TOPICS, ConditionTypes.SCHEMA, ConditionTypes.KEYSPACE,
                ConditionTypes.STREAMING_JOB, ConditionTypes.DASHBOARD, ConditionTypes.SIMULATOR,
                ConditionTypes.READY, ConditionTypes.DATA_FLOWING);
        assertThat(status.conditions).allSatisfy(c -> {
            assertThat(c.status).isEqualTo("True");
            assertThat(c.lastTransitionTime).isNotBlank();
            assertThat(c.reason).isNotBlank();
            assertThat(c.message).isNotBlank();
        });

        // External steps, on the real systems.
        assertThat(partitions(ns + "-orders")).isEqualTo(2);
        assertThat(partitions(ns + "-orders-dead-letters")).isEqualTo(2);
        assertThat(mysqlTables(ns)).containsAll(MYSQL_TABLES);
        assertThat(cassandraTables(TestPipelines.keyspace(ns))).contains("orders_by_hour", "orders_by_id");

        // Every Kubernetes child, owned by the pipeline (controller reference -> garbage collection).
        String uid = created.getMetadata().getUid();
        List<HasMetadata> children = children(ns, "shop");
        assertThat(children).hasSize(10);
        assertThat(children).allSatisfy(child -> {
            OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getUid()).as(child.getKind() + " " + child.getMetadata().getName()).isEqualTo(uid);
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getKind()).isEqualTo("SalesPipeline");
        });

        Deployment driver = get(Deployment.class, ns, "shop-streaming-job");
        var driverPod = driver.getSpec().getTemplate().getSpec();
        assertThat(driver.getSpec().getReplicas()).isEqualTo(1);
        assertThat(driver.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(driverPod.getServiceAccountName()).isEqualTo("shop-spark");
        assertThat(driverPod.getContainers().get(0).getImage()).isEqualTo(TestPipelines.JOB_IMAGE);
        assertThat(driverPod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly("shop-checkpoint");
        assertSecretsOnlyByReference(driverPod.getContainers().get(0).getEnv(), "SALESPULSE_MYSQL_PASSWORD");

        ConfigMap config = get(ConfigMap.class, ns, "shop-job-config");
        assertThat(config.getData().get("job.properties"))
                .contains("kafka.bootstrap-servers=" + services.kafka().bootstrapServers(),
                        "kafka.topic=valid-orders", "job.checkpoint-location=/var/lib/salespulse/checkpoint",
                        "job.trigger-interval=PT5S", "cassandra.keyspace=ks_valid")
                .doesNotContain(services.mariadb().appPassword());
        // DNS-free: the image's driver entrypoint finds the API server and its own pod IP by itself.
        assertThat(config.getData().get("spark.properties")).contains("spark.submit.deployMode=client",
                "spark.executor.instances=2").doesNotContain("spark.master", "spark.driver.host");
        assertThat(condition(ns, "shop", ConditionTypes.STREAMING_JOB).message).contains("heartbeat");
        Role role = get(Role.class, ns, "shop-spark");
        assertThat(role.getRules()).extracting(r -> r.getResources().get(0)).containsExactly("pods", "configmaps");
        assertThat(get(RoleBinding.class, ns, "shop-spark").getSubjects().get(0).getName()).isEqualTo("shop-spark");

        Deployment dashboard = get(Deployment.class, ns, "shop-dashboard");
        var dashboardContainer = dashboard.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(dashboardContainer.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(dashboardContainer.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(dashboardContainer.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("management");
        assertThat(dashboardContainer.getResources().getLimits()).containsKey("memory");
        assertSecretsOnlyByReference(dashboardContainer.getEnv(), "QUARKUS_DATASOURCE_PASSWORD");
        Ingress ingress = get(Ingress.class, ns, "shop-dashboard");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("sales.example.com");
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("sales-tls");
        assertThat(get(Deployment.class, ns, "shop-simulator").getSpec().getTemplate().getSpec().getContainers()
                .get(0).getArgs()).containsExactly("simulator", "--rate", "50");

        assertThat(events(ns)).contains("PipelineReady");
        assertThat(scrape("/metrics")).contains("salespulse_operator_reconciliations_total");
        assertThat(scrape("/readyz")).isEqualTo("ok");
    }

    @Test
    void apiServerRejectsInvalidSpecsNamingTheField() {
        String ns = "invalid";
        pipelines.prepareNamespace(ns);
        String valid = client.getKubernetesSerialization().asYaml(pipelines.pipeline(ns, "bad"));
        assertRejected(valid.replace("partitions: 2", "partitions: 0"), "spec.kafka.partitions");
        assertRejected(valid.replace("deletionPolicy: \"Retain\"", "deletionPolicy: \"Keep\""), "spec.deletionPolicy");
        assertRejected(valid.replace("topic: \"invalid-orders\"", "topic: \"no spaces allowed\""), "spec.kafka.topic");
        assertRejected(valid.replaceAll("(?m)^ *bootstrapServers: .*\\n", ""), "spec.kafka.bootstrapServers");
        assertRejected(valid.replace("triggerInterval: \"PT5S\"", "triggerInterval: \"5 seconds\""),
                "spec.streamingJob.triggerInterval");
        assertRejected(valid.replace("replication: \"SimpleStrategy:1\"", "replication: \"EverywhereStrategy\""),
                "spec.cassandra.replication");
    }

    @Test
    void exampleManifestsAreAcceptedByTheApiServer() throws Exception {
        String ns = "examples";
        pipelines.prepareNamespace(ns);
        Path examples = Path.of(System.getProperty("salespulse.examples.dir", "../crds/examples"));
        for (String file : List.of("secrets.yaml", "salespipeline-minimal.yaml", "salespipeline-production.yaml")) {
            try (var in = java.nio.file.Files.newInputStream(examples.resolve(file))) {
                // Server-side dry run: full validation against the installed CRD, nothing stored.
                assertThat(client.load(in).inNamespace(ns).dryRun().create()).as(file).isNotEmpty();
            }
        }
    }

    @Test
    void combinationsTheSchemaCannotCheckAreReportedInSpecValid() {
        String ns = "combination";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "sasl");
        p.getSpec().kafka.securityProtocol = KafkaSpec.SecurityProtocol.SASL_SSL;
        client.resource(p).create();
        PipelineCondition specValid = awaitCondition(ns, "sasl", ConditionTypes.SPEC_VALID, "False");
        assertThat(specValid.reason).isEqualTo("InvalidSpec");
        assertThat(specValid.message).contains("spec.kafka.credentialsSecretRef");
        assertThat(status(ns, "sasl").phase).isEqualTo(SalesPipelineStatus.Phase.Failed);
        assertThat(condition(ns, "sasl", ConditionTypes.READY).status).isEqualTo("False");
        await("a Warning event naming the field", () -> events(ns).contains("InvalidSpec"));
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();

        // Fixing the spec is enough: the new generation is reconciled.
        edit(ns, "sasl", spec -> spec.kafka.securityProtocol = KafkaSpec.SecurityProtocol.PLAINTEXT);
        awaitCondition(ns, "sasl", ConditionTypes.SPEC_VALID, "True");
    }

    @Test
    void unreachableMysqlGivesSchemaReadyFalseAndRecovers() {
        String ns = "mysql-down";
        pipelines.prepareNamespace(ns);
        services.stopMariadb();
        try {
            client.resource(pipelines.pipeline(ns, "shop")).create();
            PipelineCondition schema = awaitCondition(ns, "shop", ConditionTypes.SCHEMA, "False");
            assertThat(schema.reason).isEqualTo("MysqlUnreachable");
            assertThat(schema.message).contains("cannot connect to MySQL at", "check spec.mysql.jdbcUrl");
            assertThat(condition(ns, "shop", ConditionTypes.KAFKA_TOPICS).status).isEqualTo("True");
            // The external steps run side by side: the keyspace does not wait for MySQL, the job does.
            assertThat(condition(ns, "shop", ConditionTypes.KEYSPACE).status).isEqualTo("True");
            assertThat(condition(ns, "shop", ConditionTypes.STREAMING_JOB).reason).isEqualTo("WaitingForSchemaReady");
            assertThat(condition(ns, "shop", ConditionTypes.DASHBOARD).reason).isEqualTo("WaitingForSchemaReady");
            assertThat(status(ns, "shop").phase).isEqualTo(SalesPipelineStatus.Phase.Failed);
            await("a Warning event for the unreachable database", () -> events(ns).contains("MysqlUnreachable"));
            String failedSince = schema.lastTransitionTime;
            // Retries (with backoff) leave lastTransitionTime alone while the status stays False.
            await("another failed attempt", () -> metricsText().contains("reason=\"MysqlUnreachable\""));
            assertThat(condition(ns, "shop", ConditionTypes.SCHEMA).lastTransitionTime).isEqualTo(failedSince);
        } finally {
            services.restartMariadb();
        }
        awaitCondition(ns, "shop", ConditionTypes.SCHEMA, "True");
        awaitReady(ns, "shop");
        assertThat(mysqlTables(ns)).containsAll(MYSQL_TABLES);
    }

    @Test
    void theDashboardDoesNotWaitForTheJobButTheSimulatorDoes() {
        // The dashboard reads only MySQL and is where a user sees a missing or stalled job; the simulator must not
        // produce orders before the job reads.
        String ns = "no-heartbeat";
        pipelines.prepareNamespace(ns);
        job.silence(ns);
        client.resource(pipelines.pipeline(ns, "shop")).create();
        awaitCondition(ns, "shop", ConditionTypes.DASHBOARD, "True");
        assertThat(condition(ns, "shop", ConditionTypes.STREAMING_JOB).reason).isEqualTo("QueryStarting");
        assertThat(condition(ns, "shop", ConditionTypes.SIMULATOR).reason).isEqualTo("WaitingForStreamingJobReady");
        assertThat(get(Deployment.class, ns, "shop-dashboard").getStatus().getReadyReplicas()).isPositive();
        assertThat(client.apps().deployments().inNamespace(ns).withName("shop-simulator").get()).isNull();
        assertThat(condition(ns, "shop", ConditionTypes.READY).status).isEqualTo("False");
    }

    @Test
    void partitionsAreRaisedButNeverLowered() throws Exception {
        String ns = "partitions";
        createReadyPipeline(ns);

        edit(ns, "shop", spec -> spec.kafka.partitions = 4);
        await("4 partitions on both topics", () -> partitions(ns + "-orders") == 4
                && partitions(ns + "-orders-dead-letters") == 4);
        await("status.topicPartitions = 4", () -> Integer.valueOf(4).equals(status(ns, "shop").topicPartitions));

        edit(ns, "shop", spec -> spec.kafka.partitions = 3);
        PipelineCondition topics = awaitCondition(ns, "shop", ConditionTypes.KAFKA_TOPICS, "False");
        assertThat(topics.reason).isEqualTo("PartitionDecreaseRefused");
        assertThat(topics.message).contains("has 4 partitions", "spec.kafka.partitions");
        assertThat(partitions(ns + "-orders")).isEqualTo(4);
        assertThat(condition(ns, "shop", ConditionTypes.READY).status).isEqualTo("False");
        // Refusing is not blocking: the rest of the pipeline is still reconciled.
        assertThat(condition(ns, "shop", ConditionTypes.DASHBOARD).status).isEqualTo("True");
    }

    @Test
    void specChangeUpdatesChildrenAndKeepsTheCheckpoint() {
        String ns = "change";
        createReadyPipeline(ns);
        String claimUid = get(PersistentVolumeClaim.class, ns, "shop-checkpoint").getMetadata().getUid();
        String configHash = driverConfigHash(ns);

        edit(ns, "shop", spec -> {
            spec.streamingJob.triggerInterval = "PT10S";
            spec.streamingJob.executors = 3;
            spec.dashboard.replicas = 2;
        });
        await("ConfigMap with the new trigger interval", () -> get(ConfigMap.class, ns, "shop-job-config").getData()
                .get("job.properties").contains("job.trigger-interval=PT10S"));
        assertThat(get(ConfigMap.class, ns, "shop-job-config").getData().get("spark.properties"))
                .contains("spark.executor.instances=3");
        await("driver pod template rolled (config hash)", () -> !driverConfigHash(ns).equals(configHash));
        await("dashboard scaled to 2", () -> get(Deployment.class, ns, "shop-dashboard").getSpec().getReplicas() == 2);
        SalesPipelineStatus status = awaitReady(ns, "shop");
        assertThat(status.observedGeneration).isEqualTo(client.resources(SalesPipeline.class).inNamespace(ns)
                .withName("shop").get().getMetadata().getGeneration());
        assertThat(get(PersistentVolumeClaim.class, ns, "shop-checkpoint").getMetadata().getUid()).isEqualTo(claimUid);
    }

    @Test
    void suspendStopsTheJobAndResumeKeepsTheCheckpoint() {
        String ns = "suspend";
        createReadyPipeline(ns);
        String claimUid = get(PersistentVolumeClaim.class, ns, "shop-checkpoint").getMetadata().getUid();

        edit(ns, "shop", spec -> spec.suspend = true);
        PipelineCondition job = awaitCondition(ns, "shop", ConditionTypes.STREAMING_JOB, "False");
        await("StreamingJobReady reason Suspended", () -> "Suspended".equals(
                condition(ns, "shop", ConditionTypes.STREAMING_JOB).reason));
        assertThat(job.type).isEqualTo(ConditionTypes.STREAMING_JOB);
        assertThat(get(Deployment.class, ns, "shop-streaming-job").getSpec().getReplicas()).isZero();
        await("driver pod gone", () -> client.pods().inNamespace(ns)
                .withLabel("app.kubernetes.io/component", "spark-driver").list().getItems().isEmpty());
        await("phase Suspended", () -> status(ns, "shop").phase == SalesPipelineStatus.Phase.Suspended);
        assertThat(condition(ns, "shop", ConditionTypes.READY).reason).isEqualTo("Suspended");
        assertThat(condition(ns, "shop", ConditionTypes.DASHBOARD).status).isEqualTo("True");

        edit(ns, "shop", spec -> spec.suspend = false);
        awaitReady(ns, "shop");
        assertThat(get(Deployment.class, ns, "shop-streaming-job").getSpec().getReplicas()).isEqualTo(1);
        assertThat(get(PersistentVolumeClaim.class, ns, "shop-checkpoint").getMetadata().getUid()).isEqualTo(claimUid);
        assertThat(get(ConfigMap.class, ns, "shop-job-config").getData().get("job.properties"))
                .contains("job.checkpoint-location=/var/lib/salespulse/checkpoint");
    }

    /**
     * Level-based: in-place edits of children are undone without any spec change, each triggered by the child's own
     * watch event. The times are printed (docs/benchmarks.md), not asserted.
     */
    @Test
    void inPlaceEditsOfChildrenAreUndoneWithoutASpecChange() {
        String ns = "drift";
        createReadyPipeline(ns);
        long generation = client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getGeneration();

        long start = System.nanoTime();
        client.apps().deployments().inNamespace(ns).withName("shop-dashboard").scale(0);
        await("dashboard scaled back to 1", () -> get(Deployment.class, ns, "shop-dashboard").getSpec()
                .getReplicas() == 1);
        Duration scaled = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        client.configMaps().inNamespace(ns).withName("shop-job-config").edit(cm -> {
            cm.getMetadata().getLabels().remove("app.kubernetes.io/component");
            return cm;
        });
        await("job ConfigMap label back", () -> "spark-driver".equals(get(ConfigMap.class, ns, "shop-job-config")
                .getMetadata().getLabels().get("app.kubernetes.io/component")));
        Duration label = Duration.ofNanos(System.nanoTime() - start);

        // Without the managed-by label the child leaves the operator's watch (a delete event for it).
        start = System.nanoTime();
        client.services().inNamespace(ns).withName("shop-dashboard").edit(svc -> {
            svc.getMetadata().getLabels().remove("app.kubernetes.io/managed-by");
            return svc;
        });
        await("dashboard Service managed-by label back", () -> "salespulse-operator".equals(get(Service.class, ns,
                "shop-dashboard").getMetadata().getLabels().get("app.kubernetes.io/managed-by")));
        Duration managedBy = Duration.ofNanos(System.nanoTime() - start);

        EnvVar original = get(Deployment.class, ns, "shop-streaming-job").getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(e -> e.getValue() != null).findFirst().orElseThrow();
        start = System.nanoTime();
        client.apps().deployments().inNamespace(ns).withName("shop-streaming-job").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals(original.getName())).forEach(e -> e.setValue("edited-by-hand"));
            return d;
        });
        await("driver env " + original.getName() + " back", () -> get(Deployment.class, ns, "shop-streaming-job")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .anyMatch(e -> e.getName().equals(original.getName()) && original.getValue().equals(e.getValue())));
        Duration env = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("[drift] undone: dashboard scaled to 0 %d ms, label removed %d ms, managed-by label removed"
                + " %d ms, driver env changed %d ms%n", scaled.toMillis(), label.toMillis(), managedBy.toMillis(),
                env.toMillis());
        assertThat(client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getGeneration()).as("no spec change").isEqualTo(generation);
        awaitReady(ns, "shop");
    }

    /**
     * Settings a Spark checkpoint pins (issue #12 item 2): the heartbeat stand-in reports what the job would read from
     * its checkpoint's offset log (the real job's reading is CheckpointSettingsTest, on a real Spark checkpoint).
     * A different shuffle partition count is applied and said; a setting the checkpoint overrides is reported False
     * naming the setting and both values, and the pipeline is Ready again once the spec stops asking for it.
     */
    @Test
    void settingsPinnedByTheCheckpointAreReportedNeverSilentlyIgnored() {
        String ns = "pinned";
        String provider = "spark.sql.streaming.stateStore.providerClass";
        String hdfs = "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider";
        String rocks = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
        job.checkpointPins(ns, Map.of("spark.sql.shuffle.partitions", "7", provider, hdfs));
        createReadyPipeline(ns);
        await("the pinned shuffle partitions in StreamingJobReady", () -> condition(ns, "shop",
                ConditionTypes.STREAMING_JOB).message.contains("applies to the batches (the checkpoint keeps 7"));
        assertThat(condition(ns, "shop", ConditionTypes.STREAMING_JOB).status).isEqualTo("True");

        edit(ns, "shop", spec -> spec.streamingJob.sparkConf = Map.of(provider, rocks));
        awaitCondition(ns, "shop", ConditionTypes.STREAMING_JOB, "False");
        await("SettingPinnedByCheckpoint", () -> "SettingPinnedByCheckpoint".equals(condition(ns, "shop",
                ConditionTypes.STREAMING_JOB).reason));
        PipelineCondition refused = condition(ns, "shop", ConditionTypes.STREAMING_JOB);
        assertThat(refused.message).contains(provider + ": the checkpoint pins '" + hdfs + "', the spec asks for '"
                + rocks + "'");
        assertThat(condition(ns, "shop", ConditionTypes.READY).status).isEqualTo("False");
        assertThat(condition(ns, "shop", ConditionTypes.DASHBOARD).status).as("later steps go on").isEqualTo("True");

        edit(ns, "shop", spec -> spec.streamingJob.sparkConf = Map.of(provider, hdfs));
        awaitReady(ns, "shop");
    }

    /**
     * Secret rotation (issue #12 item 6): the password is changed in MariaDB, then in the Secret. Without any watch on
     * Secrets (the operator may only get them by name), the next refresh re-reads it: the pod templates of the driver
     * and the dashboard (both read it) get a new fingerprint and roll, an Event names the Secret, the conditions say
     * so, and the operator's own MySQL reads (schema, heartbeat, progress) work with the new password. No value of
     * the Secret appears in any spec, status or Event. A user of its own, so no other test's password changes.
     */
    @Test
    void rotatedMysqlPasswordRollsThePodsThatReadItAndIsReported() {
        String ns = "rotate";
        pipelines.prepareNamespace(ns);
        String before = "old-" + java.util.UUID.randomUUID();
        String after = "new-" + java.util.UUID.randomUUID();
        services.mariadb().executeAsAdmin("CREATE USER 'rotator'@'%' IDENTIFIED BY '" + before + "';"
                + "GRANT ALL PRIVILEGES ON `" + TestPipelines.database(ns) + "`.* TO 'rotator'@'%';");
        client.secrets().inNamespace(ns).withName(TestPipelines.MYSQL_SECRET).edit(s -> {
            s.setData(null);
            s.setStringData(Map.of("username", "rotator", "password", before));
            return s;
        });
        client.resource(pipelines.pipeline(ns, "shop")).create();
        awaitReady(ns, "shop");
        String driverBefore = secretFingerprints(ns, "shop-streaming-job");
        String dashboardBefore = secretFingerprints(ns, "shop-dashboard");
        assertThat(driverBefore).contains(TestPipelines.MYSQL_SECRET + "=");
        assertThat(dashboardBefore).contains(TestPipelines.MYSQL_SECRET + "=", TestPipelines.DASHBOARD_SECRET + "=");

        long start = System.nanoTime();
        services.mariadb().executeAsAdmin("ALTER USER 'rotator'@'%' IDENTIFIED BY '" + after + "';");
        client.secrets().inNamespace(ns).withName(TestPipelines.MYSQL_SECRET).edit(s -> {
            s.setData(null);
            s.setStringData(Map.of("username", "rotator", "password", after));
            return s;
        });
        await("driver and dashboard pod templates rolled for the new password", () ->
                !secretFingerprints(ns, "shop-streaming-job").equals(driverBefore)
                        && !secretFingerprints(ns, "shop-dashboard").equals(dashboardBefore));
        Duration noticed = Duration.ofNanos(System.nanoTime() - start);
        // Only the rotated Secret's fingerprint changed: the dashboard's other Secret did not roll anything.
        String dashboardAuth = java.util.Arrays.stream(dashboardBefore.split(","))
                .filter(p -> p.startsWith(TestPipelines.DASHBOARD_SECRET + "=")).findFirst().orElseThrow();
        assertThat(secretFingerprints(ns, "shop-dashboard").split(",")).contains(dashboardAuth);
        // One Event per reconcile that rolled something: usually one for both Deployments; should the schema step the
        // dashboard needs fail meanwhile (the password changes in MariaDB first), the dashboard rolls in a later
        // reconcile with its own Event. Each names the Secret.
        await("CredentialsRotated events naming both Deployments", () -> rotationEvents(ns).stream()
                .map(e -> e.getMessage()).reduce("", String::concat).contains("shop-streaming-job")
                && rotationEvents(ns).stream().map(e -> e.getMessage()).reduce("", String::concat)
                .contains("shop-dashboard"));
        assertThat(rotationEvents(ns)).hasSizeBetween(1, 2).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Normal");
            assertThat(e.getMessage()).startsWith("Secret '" + TestPipelines.MYSQL_SECRET + "' changed: rolling");
        });
        awaitReady(ns, "shop");
        assertThat(condition(ns, "shop", ConditionTypes.STREAMING_JOB).message).contains("credentials rotated at",
                "Secret '" + TestPipelines.MYSQL_SECRET + "' changed", "shop-streaming-job");
        assertThat(condition(ns, "shop", ConditionTypes.DASHBOARD).message).contains("credentials rotated at",
                "shop-dashboard");
        // The operator's own MySQL reads use the new password: the schema step ran again with it (a new Secret
        // version), and the data plane is read again (DataFlowing is not Unknown for refused credentials).
        assertThat(condition(ns, "shop", ConditionTypes.SCHEMA).status).isEqualTo("True");
        await("the data plane read with the new password", () -> status(ns, "shop").condition(
                ConditionTypes.DATA_FLOWING).map(c -> !"Unknown".equals(c.status)).orElse(false));

        var json = client.getKubernetesSerialization();
        String everything = json.asJson(client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get())
                + json.asJson(children(ns, "shop")) + json.asJson(client.v1().events().inNamespace(ns).list());
        for (String secret : List.of(before, after)) {
            assertThat(everything).doesNotContain(secret, java.util.Base64.getEncoder().encodeToString(
                    secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        System.out.printf("[rotation] password changed in MariaDB and the Secret -> both pod templates rolled in %d ms"
                + " (data-plane refresh every %d s)%n", noticed.toMillis(), DATA_PLANE_INTERVAL.toSeconds());
    }

    /**
     * status.dataPlane and DataFlowing from the progress store and Kafka. No streaming job runs at API level: the
     * heartbeat stand-in keeps StreamingJobReady True, and the test writes the progress store (stream_progress,
     * stream_batches) in the job's place. The real job is proven on the real node (e2e).
     */
    @Test
    void dataPlaneIsIdleThenStalledWhileRecordsWaitThenFlowingWhenABatchCommits() throws Exception {
        String ns = "dataplane";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "shop");
        p.getSpec().streamingJob.freshnessSlo = "PT4S";
        client.resource(p).create();
        awaitReady(ns, "shop");
        await("DataFlowing True/Idle", () -> status(ns, "shop").condition(ConditionTypes.DATA_FLOWING)
                .map(c -> c.isTrue() && "Idle".equals(c.reason)).orElse(false));
        assertThat(status(ns, "shop").dataPlane.recordsWaiting).isZero();
        assertThat(status(ns, "shop").dataPlane.lastBatchTime).isNull();

        // A quiet pipeline's status is not rewritten by the refreshes (and so cannot trigger reconciles itself).
        String version = client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getResourceVersion();
        double reconciles = reconciliations(ns);
        await("three more reconciles of a quiet pipeline", () -> reconciliations(ns) >= reconciles + 3);
        assertThat(client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getResourceVersion()).isEqualTo(version);

        // Records arrive and nothing applies them: Stalled once they have waited longer than the SLO.
        publish(ns + "-orders", 25);
        await("DataFlowing False/Stalled with 25 records waiting", () -> {
            SalesPipelineStatus s = status(ns, "shop");
            return s.dataPlane != null && Long.valueOf(25).equals(s.dataPlane.recordsWaiting)
                    && s.condition(ConditionTypes.DATA_FLOWING).map(c -> "False".equals(c.status)
                    && "Stalled".equals(c.reason)).orElse(false);
        });
        assertThat(status(ns, "shop").dataPlane.waitingSince).isNotNull();
        assertThat(condition(ns, "shop", ConditionTypes.DATA_FLOWING).message).contains("25 records wait");
        assertThat(condition(ns, "shop", ConditionTypes.READY).status).as("DataFlowing is not part of Ready")
                .isEqualTo("True");
        await("Warning event Stalled", () -> events(ns).contains("Stalled"));
        String labels = "{namespace=\"" + ns + "\",pipeline=\"shop\"}";
        assertThat(metricsText()).contains("salespulse_pipeline_records_waiting" + labels + " 25.0",
                "salespulse_pipeline_stalled" + labels + " 1.0");

        // A batch commits them (written here in the job's place): Flowing, nothing waits, the counts show.
        commitBatch(ns, ns + "-orders", 20, 5);
        await("DataFlowing True/Flowing with nothing waiting", () -> {
            SalesPipelineStatus s = status(ns, "shop");
            return Long.valueOf(0).equals(s.dataPlane.recordsWaiting) && s.condition(ConditionTypes.DATA_FLOWING)
                    .map(c -> c.isTrue() && "Flowing".equals(c.reason)).orElse(false);
        });
        var dataPlane = status(ns, "shop").dataPlane;
        assertThat(dataPlane.lastBatchTime).isNotNull();
        assertThat(dataPlane.newestEventTime).isEqualTo("2026-11-30T09:59:58.500000Z");
        assertThat(dataPlane.deadLettersLastHour).isEqualTo(5);
        assertThat(dataPlane.ordersPerSecond).isEqualTo(0.33);
        assertThat(dataPlane.waitingSince).isNull();
        assertThat(metricsText()).contains("salespulse_pipeline_stalled" + labels + " 0.0",
                "salespulse_pipeline_dead_letters_last_hour" + labels + " 5.0");

        client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").delete();
        await("the pipeline's series removed", () -> !metricsText().contains(labels));
    }

    @Test
    void deleteWithRetainKeepsTopicsAndTablesAndGarbageCollectsChildren() {
        String ns = "retain";
        createReadyPipeline(ns);
        assertThat(client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getFinalizers()).as("no finalizer under Retain").isEmpty();

        client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").delete();
        await("pipeline gone", () -> client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get()
                == null);
        await("garbage collector removed every child", () -> children(ns, "shop").isEmpty());
        await("and the ReplicaSets and pods under the Deployments", () -> client.apps().replicaSets().inNamespace(ns)
                .list().getItems().isEmpty() && client.pods().inNamespace(ns).list().getItems().isEmpty());
        assertThat(partitions(ns + "-orders")).isEqualTo(2);
        assertThat(mysqlTables(ns)).containsAll(MYSQL_TABLES);
        assertThat(cassandraTables(TestPipelines.keyspace(ns))).contains("orders_by_hour");
    }

    @Test
    void deleteWithDeleteRemovesOnlyWhatThePipelineCreated() throws Exception {
        String ns = "delete";
        pipelines.prepareNamespace(ns);
        // There before the pipeline: its orders topic (shared with another producer).
        try (Admin admin = services.kafka().admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(ns + "-orders", 2, (short) 1)))
                    .all().get();
        }
        SalesPipeline p = pipelines.pipeline(ns, "shop");
        p.getSpec().deletionPolicy = DeletionPolicy.Delete;
        client.resource(p).create();
        SalesPipelineStatus ready = awaitReady(ns, "shop");
        assertThat(client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").get().getMetadata()
                .getFinalizers()).containsExactly(SalesPipelineReconciler.FINALIZER);
        // Someone else's table in the same database (Flyway refuses a non-empty database without its history, so
        // it comes after the first migration).
        mysqlExecute(ns, "CREATE TABLE customer_notes (id INT PRIMARY KEY, note VARCHAR(100))");
        assertThat(ready.created.kafka.topics).containsExactly(ns + "-orders-dead-letters");
        assertThat(ready.created.mysql.tables).containsAll(MYSQL_TABLES).doesNotContain("customer_notes");
        assertThat(ready.created.cassandra.keyspace).isEqualTo(TestPipelines.keyspace(ns));

        client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").delete();
        await("pipeline gone after its data", () -> client.resources(SalesPipeline.class).inNamespace(ns)
                .withName("shop").get() == null);
        assertThat(topics()).contains(ns + "-orders").doesNotContain(ns + "-orders-dead-letters");
        assertThat(mysqlTables(ns)).containsExactly("customer_notes");
        try (CqlSession session = services.cassandra().session()) {
            assertThat(session.getMetadata().getKeyspace(TestPipelines.keyspace(ns))).isEmpty();
        }
        await("garbage collector removed every child", () -> children(ns, "shop").isEmpty());
        assertThat(events(ns)).contains("DataDeleted");
    }

    @Test
    void deleteWithoutCredentialsLeavesTheDataAndLetsThePipelineGo() {
        String ns = "creds-gone";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "shop");
        p.getSpec().deletionPolicy = DeletionPolicy.Delete;
        client.resource(p).create();
        awaitReady(ns, "shop");
        client.secrets().inNamespace(ns).withName(TestPipelines.MYSQL_SECRET).delete();
        await("Secret gone", () -> client.secrets().inNamespace(ns).withName(TestPipelines.MYSQL_SECRET).get() == null);

        client.resources(SalesPipeline.class).inNamespace(ns).withName("shop").delete();
        await("pipeline gone although its MySQL credentials are", () -> client.resources(SalesPipeline.class)
                .inNamespace(ns).withName("shop").get() == null);
        assertThat(events(ns)).contains("DataLeft");
        assertThat(mysqlTables(ns)).containsAll(MYSQL_TABLES);
    }

    @Test
    void pipelineChildPodsMeetTheRestrictedPodSecurityStandard() {
        String ns = "restricted";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "shop");
        p.getSpec().simulator.enabled = true;
        p.getSpec().imagePullSecrets = List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference("regcred"));
        client.resource(p).create();
        awaitReady(ns, "shop");
        List<Deployment> deployments = client.apps().deployments().inNamespace(ns).list().getItems();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("shop-streaming-job", "shop-dashboard", "shop-simulator");
        for (Deployment d : deployments) {
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(io.salespulse.testkit.kube.RestrictedPodStandard.violations(pod))
                    .as(d.getMetadata().getName()).isEmpty();
            assertThat(io.salespulse.testkit.kube.RestrictedPodStandard.writableRootFilesystems(pod))
                    .as(d.getMetadata().getName()).isEmpty();
            assertThat(pod.getImagePullSecrets()).as(d.getMetadata().getName())
                    .extracting(r -> r.getName()).containsExactly("regcred");
        }
        // The executors' pod template, as stored by the API server and read by the driver.
        ConfigMap config = get(ConfigMap.class, ns, "shop-job-config");
        var executor = client.getKubernetesSerialization().unmarshal(
                config.getData().get("executor-pod-template.yaml"), io.fabric8.kubernetes.api.model.Pod.class);
        assertThat(io.salespulse.testkit.kube.RestrictedPodStandard.violations(executor.getSpec())).isEmpty();
        assertThat(config.getData().get("spark.properties"))
                .contains("spark.kubernetes.executor.podTemplateFile=/etc/salespulse/executor-pod-template.yaml",
                        "spark.kubernetes.container.image.pullSecrets=regcred");
    }

    @Test
    void forbiddenJdbcParametersAreReportedInSpecValid() {
        String ns = "jdbc";
        pipelines.prepareNamespace(ns);
        SalesPipeline p = pipelines.pipeline(ns, "infile");
        p.getSpec().mysql.jdbcUrl = p.getSpec().mysql.jdbcUrl + "?allowLoadLocalInfile=true";
        client.resource(p).create();
        PipelineCondition specValid = awaitCondition(ns, "infile", ConditionTypes.SPEC_VALID, "False");
        assertThat(specValid.message).contains("spec.mysql.jdbcUrl: parameter 'allowLoadLocalInfile=true' is not "
                + "allowed");
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).isEmpty();
        // The host-part form never gets past the API server's schema.
        String yaml = client.getKubernetesSerialization().asYaml(pipelines.pipeline(ns, "hostpart"));
        assertRejected(yaml.replaceAll("jdbc:mysql://[^/]+/", "jdbc:mysql://(host=evil,allowLoadLocalInfile=true)/"),
                "spec.mysql.jdbcUrl");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A namespace with its Secrets and database, and a pipeline "shop" in it that has become Ready. */
    private static void createReadyPipeline(String ns) {
        pipelines.prepareNamespace(ns);
        client.resource(pipelines.pipeline(ns, "shop")).create();
        awaitReady(ns, "shop");
    }

    private static void assertRejected(String yaml, String field) {
        assertThatThrownBy(() -> client.resource(yaml).create())
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> {
                    assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    private static void assertSecretsOnlyByReference(List<EnvVar> env, String passwordVar) {
        EnvVar password = env.stream().filter(e -> e.getName().equals(passwordVar)).findFirst().orElseThrow();
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(TestPipelines.MYSQL_SECRET);
        assertThat(env).noneSatisfy(e -> assertThat(e.getValue()).isEqualTo(services.mariadb().appPassword()));
    }

    private static List<HasMetadata> children(String ns, String pipeline) {
        List<HasMetadata> out = new ArrayList<>();
        for (Class<? extends HasMetadata> type : List.of(ServiceAccount.class, Role.class, RoleBinding.class,
                ConfigMap.class, PersistentVolumeClaim.class, Service.class, Deployment.class, Ingress.class)) {
            out.addAll(client.resources(type).inNamespace(ns).withLabel("app.kubernetes.io/instance", pipeline)
                    .list().getItems());
        }
        return out;
    }

    private static String driverConfigHash(String ns) {
        return get(Deployment.class, ns, "shop-streaming-job").getSpec().getTemplate().getMetadata().getAnnotations()
                .get("salespulse.io/config-hash");
    }

    private static List<io.fabric8.kubernetes.api.model.Event> rotationEvents(String ns) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "CredentialsRotated".equals(e.getReason())).toList();
    }

    private static String secretFingerprints(String ns, String deployment) {
        return get(Deployment.class, ns, deployment).getSpec().getTemplate().getMetadata().getAnnotations()
                .get("salespulse.io/secret-fingerprints");
    }

    private static <T extends HasMetadata> T get(Class<T> type, String ns, String name) {
        T resource = client.resources(type).inNamespace(ns).withName(name).get();
        assertThat(resource).as(type.getSimpleName() + " " + ns + "/" + name).isNotNull();
        return resource;
    }

    private static void edit(String ns, String name, Consumer<SalesPipelineSpec> change) {
        client.resources(SalesPipeline.class).inNamespace(ns).withName(name).edit(p -> {
            change.accept(p.getSpec());
            return p;
        });
    }

    private static SalesPipelineStatus status(String ns, String name) {
        SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(ns).withName(name).get();
        return p == null || p.getStatus() == null ? new SalesPipelineStatus() : p.getStatus();
    }

    private static PipelineCondition condition(String ns, String name, String type) {
        return status(ns, name).condition(type).orElseThrow(() -> new AssertionError("no condition " + type));
    }

    private static PipelineCondition awaitCondition(String ns, String name, String type, String value) {
        await(ns + "/" + name + " " + type + "=" + value, () -> status(ns, name).condition(type)
                .map(c -> value.equals(c.status)).orElse(false));
        return condition(ns, name, type);
    }

    private static SalesPipelineStatus awaitReady(String ns, String name) {
        try {
            await(ns + "/" + name + " Ready=True for the current generation", () -> {
                SalesPipeline p = client.resources(SalesPipeline.class).inNamespace(ns).withName(name).get();
                return p != null && p.getStatus() != null
                        && p.getMetadata().getGeneration().equals(p.getStatus().observedGeneration)
                        && p.getStatus().condition(ConditionTypes.READY).map(PipelineCondition::isTrue).orElse(false);
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; conditions: " + status(ns, name).conditions, e);
        }
        return status(ns, name);
    }

    private static void await(String what, BooleanSupplier condition) {
        Deadline.await(what, TIMEOUT, Duration.ofMillis(100), condition);
    }

    private static String events(String ns) {
        return String.join(",", client.v1().events().inNamespace(ns).list().getItems().stream()
                .map(e -> e.getReason()).toList());
    }

    private static double reconciliations(String ns) {
        var m = java.util.regex.Pattern.compile("salespulse_operator_reconciliations_total\\{namespace=\""
                + ns + "\"} ([0-9.eE+]+)").matcher(metricsText());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void publish(String topic, int count) {
        var props = new java.util.Properties();
        props.put("bootstrap.servers", services.kafka().bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k" + i, "{}"));
            }
            producer.flush();
        }
    }

    /** What the job writes when a batch commits: the next offsets per partition and the batch's counts. */
    private static void commitBatch(String ns, String topic, int validOrders, int deadLetters) throws Exception {
        Map<org.apache.kafka.common.TopicPartition, Long> ends = new java.util.HashMap<>();
        try (Admin admin = services.kafka().admin()) {
            var latest = new java.util.HashMap<org.apache.kafka.common.TopicPartition,
                    org.apache.kafka.clients.admin.OffsetSpec>();
            for (int partition = 0; partition < 2; partition++) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, partition),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        }
        try (Connection c = DriverManager.getConnection(services.mariadb().jdbcUrl(TestPipelines.database(ns)),
                services.mariadb().appUser(), services.mariadb().appPassword())) {
            for (var end : ends.entrySet()) {
                var st = c.prepareStatement("INSERT INTO stream_progress (topic, kafka_partition, next_offset, "
                        + "max_event_time) VALUES (?, ?, ?, ?)");
                st.setString(1, topic);
                st.setInt(2, end.getKey().partition());
                st.setLong(3, end.getValue());
                st.setString(4, end.getKey().partition() == 0 ? "2026-11-30 09:59:58.500" : "2026-11-30 09:59:57");
                st.executeUpdate();
            }
            var batch = c.prepareStatement("INSERT INTO stream_batches (batch_id, input_records, valid_orders, "
                    + "duplicates, dead_letters, late_events, max_event_time, duration_ms) "
                    + "VALUES (0, ?, ?, 0, ?, 0, '2026-11-30 09:59:58.500', 10)");
            batch.setInt(1, validOrders + deadLetters);
            batch.setInt(2, validOrders);
            batch.setInt(3, deadLetters);
            batch.executeUpdate();
        }
    }

    private static String metricsText() {
        return scrape("/metrics");
    }

    private static String scrape(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port()
                    + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path, e);
        }
    }

    private static int partitions(String topic) {
        try (Admin admin = services.kafka().admin()) {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames().get();
            return d.get(topic).partitions().size();
        } catch (Exception e) {
            throw new AssertionError("describe topic " + topic, e);
        }
    }

    private static Set<String> topics() {
        try (Admin admin = services.kafka().admin()) {
            return admin.listTopics().names().get();
        } catch (Exception e) {
            throw new AssertionError("list topics", e);
        }
    }

    private static List<String> mysqlTables(String ns) {
        List<String> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(services.mariadb().jdbcUrl(TestPipelines.database(ns)),
                services.mariadb().appUser(), services.mariadb().appPassword());
             ResultSet rs = c.createStatement().executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        } catch (Exception e) {
            throw new AssertionError("list MySQL tables", e);
        }
        return tables;
    }

    private static void mysqlExecute(String ns, String sql) {
        try (Connection c = DriverManager.getConnection(services.mariadb().jdbcUrl(TestPipelines.database(ns)),
                services.mariadb().appUser(), services.mariadb().appPassword())) {
            c.createStatement().execute(sql);
        } catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }

    private static List<String> cassandraTables(String keyspace) {
        try (CqlSession session = services.cassandra().session()) {
            return session.getMetadata().getKeyspace(keyspace).map(k -> k.getTables().keySet().stream()
                    .map(id -> id.asInternal()).toList()).orElse(List.of());
        }
    }

}
