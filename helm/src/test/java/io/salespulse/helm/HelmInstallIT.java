package io.salespulse.helm;

import static io.salespulse.helm.ChartUnderTest.FULLNAME;
import static io.salespulse.helm.ChartUnderTest.NAMESPACE;
import static io.salespulse.helm.ChartUnderTest.RELEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.salespulse.crds.v1alpha1.DeletionPolicy;
import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.testkit.kube.JobHeartbeatStandIn;
import io.salespulse.local.Deadline;
import io.salespulse.local.Directories;
import io.salespulse.local.LocalServices;
import io.salespulse.local.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The chart installed by real Helm into a real kube-apiserver, then the operator, running as the chart's
 * ServiceAccount with the chart's environment, reconciles a pipeline against real Kafka, MariaDB and Cassandra until
 * it is Ready: every step it took (topics, schema, keyspace, Spark RBAC, ConfigMap, volume claim, Deployments,
 * Services, events, status, finalizer, leader Lease) was authorized by the chart's RBAC alone; a Forbidden anywhere
 * would keep the pipeline from becoming Ready. Then `helm upgrade` (the CRD upgrade path) and `helm uninstall`.
 *
 * <p>The API server runs no controllers: {@link DeploymentStatusStandIn} reports the pipelines' Deployments rolled
 * out, as the deployment controller and kubelet would, and {@link JobHeartbeatStandIn} a Running driver pod with the
 * job's heartbeat in MySQL (the real job, pods and heartbeat run in the e2e module's real-node test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallIT {

    private static final Duration READY = Duration.ofSeconds(150);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String CRD = "salespipelines.salespulse.io";
    private static final Path DIR = Path.of("target", "it", "helm").toAbsolutePath();

    static KubeApiServer apiServer;
    static LocalServices external;
    static KubernetesClient admin;
    static DeploymentStatusStandIn deployments;
    static JobHeartbeatStandIn job;

    @BeforeAll
    static void start() {
        Directories.deleteRecursively(DIR);
        CompletableFuture<LocalServices> starting = LocalServices.startAsync(DIR);
        try {
            apiServer = new KubeApiServer().start();
        } finally {
            external = starting.join();
        }
        admin = apiServer.admin();
        deployments = new DeploymentStatusStandIn(admin);
        job = new JobHeartbeatStandIn(admin, external.mariadb().appUser(), external.mariadb().appPassword(), true);
    }

    @AfterAll
    static void stop() {
        try (var e = external; var k = apiServer; var a = admin; var d = deployments; var j = job) {
            // closed in reverse order
        }
    }

    /**
     * Default RBAC (ClusterRole): the chart's example pipeline, created by its post-install hook in another
     * namespace, becomes Ready; `helm upgrade` to a next chart version upgrades the CRD and leaves the pipeline
     * alone; `helm uninstall` removes the operator and keeps the CRD and the pipeline.
     */
    @Test
    @Order(1)
    void clusterWideInstallReconcilesTheExamplePipelineThenUpgradesAndUninstalls() throws Exception {
        String ns = "shop";
        uninstallLeftovers();
        prepareNamespace(ns);
        int port = Ports.free();
        Release release = install("""
                operator:
                  httpPort: %d
                  minRetryInterval: PT0.25S
                  maxRetryInterval: PT2S
                examplePipeline:
                  enabled: true
                  name: demo
                  namespace: %s
                  spec:
                    kafka:
                      bootstrapServers: %s
                      topic: shop-orders
                      partitions: 2
                    mysql:
                      jdbcUrl: %s
                    cassandra:
                      contactPoints: %s
                      keyspace: shop
                """.formatted(port, ns, external.kafka().bootstrapServers(),
                external.mariadb().jdbcUrl(database(ns)), external.cassandra().contactPoint()));
        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(release.getAppVersion()).isEqualTo(ChartFiles.appVersion());

        CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(crd.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Established");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        assertThat(get(ClusterRole.class, null, FULLNAME)).isNotNull();
        assertThat(get(ClusterRoleBinding.class, null, FULLNAME)).isNotNull();
        SalesPipeline example = get(SalesPipeline.class, ns, "demo");
        assertThat(example).as("the example pipeline (post-install hook)").isNotNull();

        try (OperatorProcess operator = startOperator()) {
            awaitReady(ns, "demo", operator);
            assertChildren(ns, "demo", true);
            assertThat(topics()).contains("shop-orders", "shop-orders-dead-letters");
            assertThat(eventReasons(ns)).contains("PipelineReady");
            assertLeaseHeldBy(operator);
            assertThat(operator.status("/healthz")).isEqualTo(200);
            assertThat(operator.body("/metrics")).contains("salespulse_operator_reconciliations_total");

            // What the chart does not grant is refused to the same identity.
            try (KubernetesClient asOperator = operatorClient()) {
                assertForbidden(() -> asOperator.secrets().inNamespace(ns).list());
                assertForbidden(() -> asOperator.namespaces().withName(ns).delete());
                assertForbidden(() -> asOperator.rbac().clusterRoles().resource(new ClusterRoleBuilder()
                        .withNewMetadata().withName("escalate").endMetadata().build()).create());
            }

            // helm upgrade to the next chart version: its CRD change reaches the cluster (a crds/ directory would
            // not), the pipeline is neither recreated nor disturbed.
            Release upgraded = upgradeToNextVersion();
            assertThat(upgraded.getStatus()).isEqualTo("deployed");
            assertThat(upgraded.getRevision()).isEqualTo("2");
            CustomResourceDefinition after = admin.apiextensions().v1().customResourceDefinitions().withName(CRD)
                    .get();
            assertThat(after.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                    .extracting(CustomResourceColumnDefinition::getName).contains("Partitions");
            assertThat(after.getMetadata().getLabels()).containsEntry("helm.sh/chart", "salespulse-operator-"
                    + NEXT_VERSION);
            SalesPipeline still = get(SalesPipeline.class, ns, "demo");
            assertThat(still.getMetadata().getUid()).isEqualTo(example.getMetadata().getUid());
            assertThat(ready(still)).isTrue();
            stopAndUninstall(operator);
        }
        assertThat(get(Deployment.class, NAMESPACE, FULLNAME)).isNull();
        assertThat(get(ServiceAccount.class, NAMESPACE, FULLNAME)).isNull();
        assertThat(get(ClusterRole.class, null, FULLNAME)).isNull();
        assertThat(get(ClusterRoleBinding.class, null, FULLNAME)).isNull();
        assertThat(get(Role.class, NAMESPACE, FULLNAME + "-leader-election")).isNull();
        assertThat(get(Service.class, NAMESPACE, FULLNAME + "-metrics")).isNull();
        assertThat(get(CustomResourceDefinition.class, null, CRD)).as("kept by helm.sh/resource-policy").isNotNull();
        assertThat(get(SalesPipeline.class, ns, "demo")).as("pipelines outlive the operator").isNotNull();
        admin.resources(SalesPipeline.class).inNamespace(ns).withName("demo").delete();
    }

    /**
     * watchNamespaces: Roles in the watched namespace only. The same release name adopts the kept CRD. The
     * minimal example from the chart, with deletionPolicy Delete, becomes Ready (finalizer included) and its deletion
     * removes its topics; the operator cannot touch the namespace it does not watch.
     */
    @Test
    @Order(2)
    void namespacedInstallReconcilesTheMinimalExampleInItsNamespaceOnly() throws Exception {
        String ns = "team-a";
        uninstallLeftovers();
        prepareNamespace(ns);
        Release release = install("""
                watchNamespaces: [%s]
                operator:
                  httpPort: %d
                  minRetryInterval: PT0.25S
                  maxRetryInterval: PT2S
                """.formatted(ns, Ports.free()));
        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(get(ClusterRole.class, null, FULLNAME)).isNull();
        assertThat(get(Role.class, ns, FULLNAME)).isNotNull();
        assertThat(get(RoleBinding.class, ns, FULLNAME)).isNotNull();
        CustomResourceDefinition crd = get(CustomResourceDefinition.class, null, CRD);
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("meta.helm.sh/release-name", RELEASE);
        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .as("the CRD is the chart's again (the next version's extra column is gone)")
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactlyElementsOf(ChartFiles.generatedCrd().getSpec().getVersions().get(0)
                        .getAdditionalPrinterColumns().stream().map(CustomResourceColumnDefinition::getName).toList());

        // The examples pass the real API server's validation of the installed CRD.
        SalesPipeline production = ExamplesTest.pipeline(ExamplesTest.PRODUCTION);
        production.getMetadata().setNamespace(ns);
        admin.resource(production).dryRun().create();

        SalesPipeline pipeline = ExamplesTest.pipeline(ExamplesTest.MINIMAL);
        pipeline.getMetadata().setNamespace(ns);
        pipeline.getSpec().kafka.bootstrapServers = external.kafka().bootstrapServers();
        pipeline.getSpec().kafka.topic = "team-a-orders";
        pipeline.getSpec().mysql.jdbcUrl = external.mariadb().jdbcUrl(database(ns));
        pipeline.getSpec().cassandra.contactPoints = external.cassandra().contactPoint();
        pipeline.getSpec().cassandra.keyspace = database(ns);
        pipeline.getSpec().deletionPolicy = DeletionPolicy.Delete;
        admin.resource(pipeline).create();
        String name = pipeline.getMetadata().getName();

        // A new pod would wait for the stopped operator's Lease to expire; spare the test those seconds.
        admin.resources(Lease.class).inNamespace(NAMESPACE).delete();
        try (OperatorProcess operator = startOperator()) {
            awaitReady(ns, name, operator);
            assertChildren(ns, name, true);
            assertThat(get(SalesPipeline.class, ns, name).getMetadata().getFinalizers())
                    .contains("salespulse.io/external-data");
            assertThat(eventReasons(ns)).contains("PipelineReady");
            assertLeaseHeldBy(operator);

            try (KubernetesClient asOperator = operatorClient()) {
                assertForbidden(() -> asOperator.resources(SalesPipeline.class).inNamespace("shop").list());
                assertForbidden(() -> asOperator.secrets().inNamespace("shop").withName("salespulse-mysql").get());
                assertForbidden(() -> asOperator.secrets().inNamespace(ns).list());
                assertForbidden(() -> asOperator.rbac().clusterRoles().list());
            }

            admin.resource(get(SalesPipeline.class, ns, name)).delete();
            await("deletion of " + ns + "/" + name + " (deletionPolicy Delete)", operator,
                    () -> get(SalesPipeline.class, ns, name) == null);
            assertThat(topics()).doesNotContain("team-a-orders", "team-a-orders-dead-letters");
            stopAndUninstall(operator);
        }
        assertThat(get(Role.class, ns, FULLNAME)).isNull();
        assertThat(get(RoleBinding.class, ns, FULLNAME)).isNull();
        assertThat(get(Deployment.class, NAMESPACE, FULLNAME)).isNull();
        assertThat(get(CustomResourceDefinition.class, null, CRD)).isNotNull();
    }

    /**
     * The example pipeline is a post-install hook of the release that also installs its CRD; Helm does not wait for
     * that CRD to be Established before the hook, so on a busy API server the hook can fail with "no matches for kind
     * SalesPipeline". The chart's README tells users to run the install again then (the CRD is there by that time);
     * the test does the same, once, and only for that failure.
     */
    private static Release install(String values) {
        try {
            return installOnce(values);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no matches for kind \"SalesPipeline\"")) {
                throw e;
            }
            uninstallLeftovers();
            Deadline.await("the SalesPipeline CRD Established", Duration.ofMinutes(1), Duration.ofMillis(200),
                    () -> {
                        CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions()
                                .withName(CRD).get();
                        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
                    });
            return installOnce(values);
        }
    }

    private static Release installOnce(String values) {
        return ChartUnderTest.helm().install().withName(RELEASE).withNamespace(NAMESPACE).createNamespace()
                .withKubeConfigContents(apiServer.adminKubeConfig())
                .withValuesFile(ChartUnderTest.valuesFile(values)).call();
    }

    /** A test that failed half-way leaves its release installed; the next one starts from no release. */
    private static void uninstallLeftovers() {
        Helm.uninstall(RELEASE).withNamespace(NAMESPACE).ignoreNotFound()
                .withKubeConfigContents(apiServer.adminKubeConfig()).call();
    }

    private static void uninstall() {
        Helm.uninstall(RELEASE).withNamespace(NAMESPACE).withKubeConfigContents(apiServer.adminKubeConfig()).call();
    }

    static final String NEXT_VERSION = "99.0.0";

    /** `helm upgrade --reuse-values` to a copy of the chart released as the next version with one more column. */
    private static Release upgradeToNextVersion() throws IOException {
        ObjectMapper yaml = new YAMLMapper();
        Path next = ChartUnderTest.copy((file, text) -> {
            try {
                if (file.equals("Chart.yaml")) {
                    ObjectNode chart = (ObjectNode) yaml.readTree(text);
                    chart.put("version", NEXT_VERSION);
                    return yaml.writeValueAsString(chart);
                }
                if (file.equals("files/" + ChartFiles.CRD_FILE)) {
                    ObjectNode crd = (ObjectNode) yaml.readTree(text);
                    ((ArrayNode) crd.at("/spec/versions/0/additionalPrinterColumns")).addObject()
                            .put("name", "Partitions").put("type", "integer")
                            .put("jsonPath", ".status.topicPartitions");
                    return yaml.writeValueAsString(crd);
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return new Helm(next).upgrade().withName(RELEASE).withNamespace(NAMESPACE).reuseValues()
                    .withKubeConfigContents(apiServer.adminKubeConfig()).call();
        } finally {
            ChartUnderTest.deleteRecursively(next);
        }
    }

    /** A namespace with a MySQL database and the Secrets of the chart's examples/secrets.yaml (real password). */
    private static void prepareNamespace(String ns) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        external.mariadb().createDatabase(database(ns));
        for (HasMetadata object : StrictModels.parseAll(ChartFiles.read("examples/" + ExamplesTest.SECRETS))) {
            Secret secret = (Secret) object;
            if (secret.getMetadata().getName().equals("salespulse-mysql")) {
                secret.getStringData().put("username", external.mariadb().appUser());
                secret.getStringData().put("password", external.mariadb().appPassword());
            }
            secret.getMetadata().setNamespace(ns);
            admin.resource(secret).create();
        }
    }

    private static String database(String ns) {
        return ns.replace('-', '_');
    }

    /**
     * Checks the operator never hit a Forbidden (events and lease renewals fail quietly, in the log only), stops it
     * as the kubelet would (SIGTERM; it must exit within the 5 s before SIGKILL, leader election on), then
     * `helm uninstall`.
     */
    private static void stopAndUninstall(OperatorProcess operator) {
        assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
        long start = System.nanoTime();
        boolean exited = operator.stop(Duration.ofSeconds(5));
        System.out.println("operator " + (exited ? "exited" : "did not exit (killed)") + " "
                + (System.nanoTime() - start) / 1_000_000 + " ms after SIGTERM");
        assertThat(exited).as("the operator exits on SIGTERM (see its log: " + operator.log().length() + " chars)").isTrue();
        uninstall();
    }

    private static OperatorProcess startOperator() {
        Deployment deployment = get(Deployment.class, NAMESPACE, FULLNAME);
        String serviceAccount = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        return OperatorProcess.start(deployment, apiServer.serviceAccountKubeConfig(NAMESPACE, serviceAccount),
                DIR.resolve("operator"));
    }

    /** A client with the operator's identity: the chart's ServiceAccount, by its own token. */
    private static KubernetesClient operatorClient() {
        return KubeApiServer.client(apiServer.serviceAccountKubeConfig(NAMESPACE, FULLNAME));
    }

    private static void awaitReady(String ns, String name, OperatorProcess operator) {
        await(ns + "/" + name + " Ready", operator, () -> ready(get(SalesPipeline.class, ns, name)));
        SalesPipeline pipeline = get(SalesPipeline.class, ns, name);
        assertThat(pipeline.getStatus().conditions).extracting(c -> c.type).contains("SpecValid", "KafkaTopicsReady",
                "Ready");
        assertThat(pipeline.getStatus().conditions).allSatisfy(c -> assertThat(c.status)
                .as(c.type + ": " + c.message).isEqualTo(PipelineCondition.TRUE));
        assertThat(pipeline.getStatus().observedGeneration).isEqualTo(pipeline.getMetadata().getGeneration());
    }

    /** Waits with a deadline; on timeout says what the pipelines' status and the operator's log show. */
    private static void await(String what, OperatorProcess operator, BooleanSupplier condition) {
        try {
            Deadline.await(what, READY, POLL, () -> {
                operator.requireAlive();
                return condition.getAsBoolean();
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\npipelines: " + admin.resources(SalesPipeline.class)
                    .inAnyNamespace().list().getItems().stream().map(p -> p.getMetadata().getNamespace() + "/"
                            + p.getMetadata().getName() + " " + (p.getStatus() == null ? "no status"
                            : p.getStatus().conditions.stream().map(c -> c.type + "=" + c.status + " (" + c.message
                            + ")").toList())).toList() + "\noperator log:\n" + operator.logTail(), e);
        }
    }

    private static boolean ready(SalesPipeline pipeline) {
        return pipeline != null && pipeline.getStatus() != null && pipeline.getStatus().conditions != null
                && pipeline.getStatus().conditions.stream().anyMatch(c -> "Ready".equals(c.type) && c.isTrue());
    }

    /** The Kubernetes children every pipeline gets (the simulator's only when enabled), all owned by it. */
    private static void assertChildren(String ns, String name, boolean simulator) {
        String uid = get(SalesPipeline.class, ns, name).getMetadata().getUid();
        List<HasMetadata> children = List.of(
                get(ServiceAccount.class, ns, name + "-spark"), get(Role.class, ns, name + "-spark"),
                get(RoleBinding.class, ns, name + "-spark"), get(ConfigMap.class, ns, name + "-job-config"),
                get(PersistentVolumeClaim.class, ns, name + "-checkpoint"),
                get(Deployment.class, ns, name + "-streaming-job"), get(Deployment.class, ns, name + "-dashboard"),
                get(Service.class, ns, name + "-dashboard"));
        assertThat(children).doesNotContainNull().allSatisfy(child ->
                assertThat(child.getMetadata().getOwnerReferences()).singleElement()
                        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid)));
        assertThat(get(Deployment.class, ns, name + "-simulator") != null).isEqualTo(simulator);
    }

    private static void assertLeaseHeldBy(OperatorProcess operator) {
        List<Lease> leases = admin.resources(Lease.class).inNamespace(NAMESPACE).list().getItems();
        assertThat(leases).singleElement().satisfies(lease -> {
            assertThat(lease.getMetadata().getName()).isEqualTo("salespulse-operator-leader");
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(operator.podName());
        });
    }

    private static Set<String> eventReasons(String ns) {
        return admin.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> Objects.equals(e.getSource().getComponent(), "salespulse-operator"))
                .map(io.fabric8.kubernetes.api.model.Event::getReason).collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> topics() throws Exception {
        try (Admin kafka = external.kafka().admin()) {
            return kafka.listTopics().names().get();
        }
    }

    private static void assertForbidden(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
    }

    private static <T extends HasMetadata> T get(Class<T> type, String ns, String name) {
        return ns == null ? admin.resources(type).withName(name).get()
                : admin.resources(type).inNamespace(ns).withName(name).get();
    }
}
