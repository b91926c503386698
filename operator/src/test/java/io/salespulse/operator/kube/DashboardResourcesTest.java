package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's children: health and metrics off the public port, its own database user, https settings. */
class DashboardResourcesTest {

    private static SalesPipelineSpec spec() {
        SalesPipelineSpec spec = new SalesPipelineSpec();
        spec.mysql = new MysqlSpec();
        spec.mysql.jdbcUrl = "jdbc:mysql://mysql:3306/sales";
        spec.mysql.credentialsSecretRef = new SecretCredentialsRef("job-db");
        spec.dashboard = new DashboardSpec();
        spec.dashboard.image = "salespulse/dashboard:dev";
        spec.dashboard.authSecretRef = new DashboardSpec.DashboardAuthSecretRef("dash-auth");
        return spec;
    }

    private static Container container(SalesPipelineSpec spec) {
        return DashboardResources.deployment("shop", spec).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Optional<EnvVar> env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    @Test
    void probesAndMetricsUseTheManagementPortWhichTheIngressDoesNotRouteTo() {
        SalesPipelineSpec spec = spec();
        Container c = container(spec);
        for (var probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(c.getPorts()).anyMatch(p -> p.getName().equals("management") && p.getContainerPort() == 9000);
        assertThat(env(c, "QUARKUS_MANAGEMENT_PORT")).hasValueSatisfying(e -> assertThat(e.getValue()).isEqualTo("9000"));
        assertThat(DashboardResources.deployment("shop", spec).getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", "9000");
        assertThat(DashboardResources.service("shop").getSpec().getPorts()).extracting(p -> p.getName())
                .containsExactly("http", "management");
        DashboardSpec.IngressSpec ingress = new DashboardSpec.IngressSpec();
        ingress.host = "sales.example.com";
        assertThat(DashboardResources.ingress("shop", ingress).getSpec().getRules().get(0).getHttp().getPaths())
                .allSatisfy(p -> assertThat(p.getBackend().getService().getPort().getName()).isEqualTo("http"));
    }

    @Test
    void theDashboardUsesItsOwnDatabaseUserWhenGiven() {
        SalesPipelineSpec spec = spec();
        assertThat(env(container(spec), "QUARKUS_DATASOURCE_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef()
                .getName()).isEqualTo("job-db");
        spec.dashboard.databaseCredentialsSecretRef = new SecretCredentialsRef("dashboard-db");
        Container c = container(spec);
        assertThat(env(c, "QUARKUS_DATASOURCE_USERNAME").orElseThrow().getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("dashboard-db");
        assertThat(env(c, "QUARKUS_DATASOURCE_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("dashboard-db");
    }

    @Test
    void tlsOnTheIngressMakesCookiesSecureAndTokensComeFromTheAuthSecret() {
        SalesPipelineSpec spec = spec();
        assertThat(env(container(spec), "SALESPULSE_DASHBOARD_PUBLIC_URL")).isEmpty();
        spec.dashboard.ingress = new DashboardSpec.IngressSpec();
        spec.dashboard.ingress.host = "sales.example.com";
        spec.dashboard.ingress.tlsSecretName = "sales-tls";
        spec.dashboard.trustedProxies = List.of("10.0.0.0/8");
        Container c = container(spec);
        assertThat(env(c, "SALESPULSE_DASHBOARD_PUBLIC_URL").orElseThrow().getValue()).isEqualTo("https://sales.example.com/");
        assertThat(env(c, "QUARKUS_REST_CSRF_COOKIE_FORCE_SECURE").orElseThrow().getValue()).isEqualTo("true");
        assertThat(env(c, "SALESPULSE_DASHBOARD_SIGN_IN_TRUSTED_PROXIES").orElseThrow().getValue()).isEqualTo("10.0.0.0/8");
        var tokens = env(c, "SALESPULSE_DASHBOARD_API_TOKENS").orElseThrow().getValueFrom().getSecretKeyRef();
        assertThat(tokens.getName()).isEqualTo("dash-auth");
        assertThat(tokens.getKey()).isEqualTo("api-tokens");
        assertThat(tokens.getOptional()).isTrue();
    }
}
