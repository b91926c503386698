package io.salespulse.helm;

import static io.salespulse.helm.ChartUnderTest.FULLNAME;
import static io.salespulse.helm.ChartUnderTest.NAMESPACE;
import static io.salespulse.helm.ChartUnderTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import io.salespulse.operator.OperatorSettings;
import io.salespulse.operator.metrics.ReconcileMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * `helm template` with the default values and with each documented option set; every rendered object is parsed
 * strictly into its fabric8 model (see {@link StrictModels}) before the assertions look at it.
 */
class ChartTemplateTest {

    @Test
    void defaultValuesInstallTheCrdTheOperatorAndClusterWideRbac() {
        Rendered r = render("");

        assertThat(r.kindsAndNames()).containsExactlyInAnyOrder(
                "ServiceAccount/salespulse-operator@salespulse-system",
                "CustomResourceDefinition/salespipelines.salespulse.io",
                "ClusterRole/salespulse-operator",
                "ClusterRoleBinding/salespulse-operator",
                "Role/salespulse-operator-leader-election@salespulse-system",
                "RoleBinding/salespulse-operator-leader-election@salespulse-system",
                "Service/salespulse-operator-metrics@salespulse-system",
                "Deployment/salespulse-operator@salespulse-system");
        assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "Helm")
                .containsEntry("app.kubernetes.io/instance", ChartUnderTest.RELEASE)
                .containsEntry("app.kubernetes.io/version", ChartFiles.appVersion()));

        Deployment deployment = r.one(Deployment.class, FULLNAME);
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(operator.getImage()).isEqualTo("registry.example.com/salespulse/operator:"
                + ChartFiles.appVersion());
        assertThat(operator.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(pod.getServiceAccountName()).isEqualTo(r.only(ServiceAccount.class).getMetadata().getName());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(operator.getResources().getLimits()).containsKey("memory");
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/readyz");

        // The environment is what the operator reads: all namespaces, leader election on.
        OperatorSettings settings = OperatorSettings.fromEnv(env(operator, NAMESPACE));
        assertThat(settings.namespaces()).isEmpty();
        assertThat(settings.leaderElection()).isTrue();
        assertThat(settings.leaseNamespace()).isEqualTo(NAMESPACE);
        assertThat(settings).isEqualTo(OperatorSettings.fromEnv(Map.of(
                OperatorSettings.PREFIX + "LEADER_ELECTION", "true", "POD_NAMESPACE", NAMESPACE)));

        ClusterRoleBinding binding = r.only(ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(r.only(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(pod.getServiceAccountName());
            assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
        });
        assertThat(rulesAsStrings(r.only(ClusterRole.class).getRules())).contains(
                "salespulse.io/salespipelines:get,list,watch,patch,update",
                "salespulse.io/salespipelines/status:get,patch,update",
                "/secrets:get",
                "apps/deployments:get,list,watch,create,patch,update,delete");
        assertThat(rulesAsStrings(r.one(Role.class, FULLNAME + "-leader-election").getRules()))
                .containsExactly("coordination.k8s.io/leases:get,create,update,patch");

        Service service = r.only(Service.class);
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http-metrics");
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
        });

        // The CRD is the generated one, plus the chart's labels and the keep policy.
        CustomResourceDefinition crd = r.only(CustomResourceDefinition.class);
        assertThat(crd.getSpec()).isEqualTo(ChartFiles.generatedCrd().getSpec());
        assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    }

    @Test
    void watchNamespacesGivesARolePerNamespaceAndNothingClusterWide() {
        Rendered cluster = render("");
        Rendered r = render("""
                watchNamespaces: [team-a, team-b]
                """);

        assertThat(r.all(ClusterRole.class)).isEmpty();
        assertThat(r.all(ClusterRoleBinding.class)).isEmpty();
        List<PolicyRule> clusterRules = cluster.only(ClusterRole.class).getRules();
        for (String ns : List.of("team-a", "team-b")) {
            Role role = r.all(Role.class).stream().filter(x -> ns.equals(x.getMetadata().getNamespace()))
                    .findFirst().orElseThrow();
            assertThat(role.getMetadata().getName()).isEqualTo(FULLNAME);
            assertThat(role.getRules()).isEqualTo(clusterRules);
            RoleBinding binding = r.all(RoleBinding.class).stream()
                    .filter(x -> ns.equals(x.getMetadata().getNamespace())).findFirst().orElseThrow();
            assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
            assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME);
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo(FULLNAME);
                assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
            });
        }
        // The Lease stays in the operator's own namespace.
        assertThat(r.one(Role.class, FULLNAME + "-leader-election").getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(r.all(Role.class)).hasSize(3);

        OperatorSettings settings = OperatorSettings.fromEnv(env(operatorContainer(r), NAMESPACE));
        assertThat(settings.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    }

    @Test
    void everyOperatorSettingReachesTheOperatorUnderTheNameItReads() {
        Rendered r = render("""
                leaderElection:
                  enabled: false
                operator:
                  httpPort: 9090
                  reconcileThreads: 3
                  externalTimeout: PT7S
                  minRetryInterval: PT1S
                  maxRetryInterval: PT1M
                  externalRecheckInterval: PT10M
                  dataPlaneRefreshInterval: PT30S
                  extraEnv:
                    - name: EXTRA
                      value: "1"
                """);
        Container operator = operatorContainer(r);
        OperatorSettings settings = OperatorSettings.fromEnv(env(operator, NAMESPACE));
        assertThat(settings).isEqualTo(new OperatorSettings(Set.of(), false, NAMESPACE, FULLNAME + "-leader", 9090, Duration.ofSeconds(7),
                Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10), 3, Duration.ofSeconds(30)));
        assertThat(env(operator, NAMESPACE)).containsEntry("EXTRA", "1");
        assertThat(operator.getPorts().get(0).getContainerPort()).isEqualTo(9090);
        // Without leader election: no Lease rights, and never two operators at once during a rollout.
        assertThat(r.one(Deployment.class, FULLNAME).getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(r.all(Role.class)).isEmpty();
    }

    @Test
    void prometheusRuleIsOffByDefaultAndAlertsOnMetricsTheOperatorServes() {
        assertThat(render("").all(PrometheusRule.class)).isEmpty();
        PrometheusRule rule = render("""
                metrics:
                  prometheusRule:
                    enabled: true
                    labels:
                      release: kube-prometheus-stack
                    deadLettersPerHour: 250
                """).only(PrometheusRule.class);
        assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        var rules = rule.getSpec().getGroups().get(0).getRules();
        assertThat(rules).extracting(r -> r.getAlert()).containsExactly("SalesPipelineStalled",
                "SalesPipelineDeadLetterSpike");
        assertThat(rules.get(1).getExpr().getStrVal()).endsWith("> 250");
        // Every series an alert reads is one the operator registers.
        ReconcileMetrics metrics = new ReconcileMetrics();
        Set<String> served = new java.util.HashSet<>();
        metrics.registry().scrape().forEach(m -> served.add(m.getMetadata().getPrometheusName()));
        rules.forEach(r -> java.util.regex.Pattern.compile("salespulse_[a-z_]+").matcher(r.getExpr().getStrVal())
                .results().forEach(m -> assertThat(served).contains(m.group())));
    }

    @Test
    void serviceMonitorScrapesTheMetricsService() {
        Rendered r = render("""
                metrics:
                  serviceMonitor:
                    enabled: true
                    labels:
                      release: kube-prometheus-stack
                    interval: 15s
                """);
        ServiceMonitor monitor = r.only(ServiceMonitor.class);
        Service service = r.only(Service.class);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly(NAMESPACE);
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getPort()).isEqualTo(service.getSpec().getPorts().get(0).getName());
            assertThat(e.getPath()).isEqualTo("/metrics");
            assertThat(e.getInterval()).isEqualTo("15s");
        });

        assertThatThrownBy(() -> render("""
                metrics:
                  service:
                    enabled: false
                  serviceMonitor:
                    enabled: true
                """)).hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
    }

    @Test
    void examplePipelineIsAPostInstallHookWithAValidSpec() {
        assertThat(render("").all(SalesPipeline.class)).as("off by default").isEmpty();

        Rendered r = ChartUnderTest.renderWithHooks("""
                examplePipeline:
                  enabled: true
                """);
        SalesPipeline example = r.only(SalesPipeline.class);
        assertThat(example.getMetadata().getName()).isEqualTo("demo");
        assertThat(example.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(example.getMetadata().getAnnotations()).containsEntry(ChartUnderTest.HOOK_SEEN, "post-install");
        assertThat(example.getSpec().streamingJob.image).isEqualTo("registry.example.com/salespulse/streaming-job:"
                + ChartFiles.appVersion());
        assertThat(example.getSpec().dashboard.image).isEqualTo("registry.example.com/salespulse/dashboard:"
                + ChartFiles.appVersion());
        assertThat(example.getSpec().mysql.credentialsSecretRef.name).isEqualTo("salespulse-mysql");
        assertThat(example.getSpec().simulator.enabled).isTrue();
        assertThat(io.salespulse.operator.spec.SpecValidator.problems(example)).isEmpty();

        Rendered elsewhere = ChartUnderTest.renderWithHooks("""
                watchNamespaces: [shop]
                examplePipeline:
                  enabled: true
                  name: demo
                  namespace: shop
                """);
        assertThat(elsewhere.only(SalesPipeline.class).getMetadata().getNamespace()).isEqualTo("shop");

        assertThatThrownBy(() -> render("""
                watchNamespaces: [team-a]
                examplePipeline:
                  enabled: true
                """)).hasMessageContaining("examplePipeline.namespace \"salespulse-system\" is not in watchNamespaces");
    }

    @Test
    void notesTellTheNextCommands() {
        String notes = ChartUnderTest.installOutput("");
        assertThat(notes).contains("watching all namespaces",
                "kubectl -n salespulse-system rollout status deployment/salespulse-operator",
                "kubectl -n salespulse-system create secret generic salespulse-mysql",
                "kubectl -n salespulse-system apply -f salespipeline-minimal.yaml",
                "kubectl -n salespulse-system wait --for=condition=Ready salespipeline/demo",
                "kubectl -n salespulse-system port-forward service/demo-dashboard 8080:80",
                "helm uninstall` removes the operator; it keeps the CRD");

        String example = ChartUnderTest.installOutput("""
                watchNamespaces: [shop]
                examplePipeline:
                  enabled: true
                  name: demo
                  namespace: shop
                """);
        assertThat(example).contains("watching namespaces: shop", "example pipeline \"demo\" was created",
                "kubectl -n shop wait --for=condition=Ready salespipeline/demo",
                "kubectl -n shop port-forward service/demo-dashboard 8080:80")
                .doesNotContain("apply -f");
    }

    @Test
    void severalReplicasNeedLeaderElectionAndGetADisruptionBudget() {
        Rendered r = render("""
                replicas: 3
                """);
        assertThat(r.one(Deployment.class, FULLNAME).getSpec().getReplicas()).isEqualTo(3);
        // Kubernetes 1.20 (Helm's default for templates, and the tests' API server) has policy/v1beta1 only; the
        // chart renders policy/v1 where the cluster serves it. Both have the same spec.
        PodDisruptionBudget pdb = r.objects().stream().filter(o -> o.getKind().equals("PodDisruptionBudget"))
                .map(o -> StrictModels.SERIALIZATION.convertValue(o, PodDisruptionBudget.class))
                .reduce((a, b) -> {
                    throw new AssertionError("two PodDisruptionBudgets");
                }).orElseThrow();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(r.one(Deployment.class, FULLNAME).getSpec().getSelector().getMatchLabels());

        assertThatThrownBy(() -> render("""
                replicas: 2
                leaderElection:
                  enabled: false
                """)).hasMessageContaining("replicas is 2 but leaderElection.enabled is false");
    }

    @Test
    void podPlacementImageAndIdentityOptionsPassThrough() {
        Rendered r = render("""
                fullnameOverride: sp-op
                image:
                  registry: registry.example.com
                  repository: platform/salespulse-operator
                  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                  pullPolicy: Always
                imagePullSecrets:
                  - name: registry-credentials
                serviceAccount:
                  create: false
                  name: existing-operator-account
                nodeSelector:
                  kubernetes.io/os: linux
                tolerations:
                  - key: dedicated
                    operator: Equal
                    value: platform
                    effect: NoSchedule
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                        - matchExpressions:
                            - key: node-role
                              operator: In
                              values: [platform]
                priorityClassName: platform-critical
                podAnnotations:
                  example.com/team: platform
                resources:
                  limits:
                    memory: 1Gi
                crds:
                  install: false
                metrics:
                  service:
                    enabled: false
                """);
        assertThat(r.kindsAndNames()).containsExactlyInAnyOrder("ClusterRole/sp-op", "ClusterRoleBinding/sp-op",
                "Role/sp-op-leader-election@salespulse-system",
                "RoleBinding/sp-op-leader-election@salespulse-system", "Deployment/sp-op@salespulse-system");
        var pod = r.only(Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example.com/platform/"
                + "salespulse-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getContainers().get(0).getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
        assertThat(pod.getImagePullSecrets()).singleElement().satisfies(s ->
                assertThat(s.getName()).isEqualTo("registry-credentials"));
        assertThat(pod.getServiceAccountName()).isEqualTo("existing-operator-account");
        assertThat(r.only(ClusterRoleBinding.class).getSubjects().get(0).getName())
                .isEqualTo("existing-operator-account");
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
        assertThat(pod.getPriorityClassName()).isEqualTo("platform-critical");
        assertThat(r.only(Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("example.com/team", "platform");

        Rendered noRbac = render("""
                rbac:
                  create: false
                crds:
                  keep: false
                """);
        assertThat(noRbac.all(ClusterRole.class)).isEmpty();
        assertThat(noRbac.all(Role.class)).isEmpty();
        assertThat(noRbac.only(CustomResourceDefinition.class).getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void valuesSchemaRejectsBadValuesNamingTheField() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("replicas: two\n", "at '/replicas': got string, want integer");
        bad.put("replica: 2\n", "additional properties 'replica' not allowed");
        bad.put("watchNamespaces: team-a\n", "at '/watchNamespaces': got string, want array");
        bad.put("watchNamespaces: [Team_A]\n", "at '/watchNamespaces/0': 'Team_A' does not match pattern");
        bad.put("image:\n  pullPolicy: Sometimes\n", "at '/image/pullPolicy': value must be one of 'IfNotPresent'");
        bad.put("operator:\n  externalTimeout: 10s\n", "at '/operator/externalTimeout': '10s' does not match");
        bad.put("operator:\n  reconcileThreads: 0\n", "at '/operator/reconcileThreads': minimum");
        bad.put("resources:\n  limits:\n    memory: lots\n", "at '/resources/limits/memory': 'lots' does not match");
        bad.put("leaderElection:\n  enabled: \"yes\"\n", "at '/leaderElection/enabled': got string, want boolean");
        bad.put("examplePipeline:\n  name: a-pipeline-name-that-is-longer-than-forty-chars\n",
                "at '/examplePipeline/name': maxLength");
        bad.put("examplePipeline:\n  spec:\n    mysql: null\n", "at '/examplePipeline/spec': missing property 'mysql'");
        bad.forEach((values, expected) -> assertThatThrownBy(() -> ChartUnderTest.template(values))
                .as(values)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(expected));
    }

    /** The operator container's environment as the operator process would see it (fieldRefs resolved). */
    private static Map<String, String> env(Container container, String podNamespace) {
        return OperatorProcess.containerEnv(container, podNamespace, "salespulse-operator-0");
    }

    private static Container operatorContainer(Rendered r) {
        return r.one(Deployment.class, FULLNAME).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static List<String> rulesAsStrings(List<PolicyRule> rules) {
        return rules.stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group -> rule.getResources()
                .stream().map(res -> group + "/" + res + ":" + String.join(",", rule.getVerbs())))).toList();
    }
}
