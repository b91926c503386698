package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.crds.v1alpha1.TlsSpec;
import io.salespulse.operator.spec.SpecValidatorTest;
import io.salespulse.testkit.kube.RestrictedPodStandard;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard and simulator pods meet the restricted Pod Security Standard and carry the pull secrets. */
class ChildPodSecurityTest {

    static SalesPipelineSpec spec() {
        SalesPipelineSpec spec = SpecValidatorTest.valid().getSpec();
        spec.simulator.enabled = true;
        spec.imagePullSecrets = List.of(new LocalObjectReference("regcred"));
        return spec;
    }

    @Test
    void dashboardPodIsRestrictedWithAReadOnlyRoot() {
        PodSpec pod = DashboardResources.deployment("shop", spec()).getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodStandard.violations(pod)).isEmpty();
        assertThat(RestrictedPodStandard.writableRootFilesystems(pod)).isEmpty();
        assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
        assertThat(pod.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp");
    }

    @Test
    void simulatorPodIsRestrictedWithAReadOnlyRoot() {
        PodSpec pod = SimulatorStep.deployment("shop", spec()).getSpec().getTemplate().getSpec();
        assertThat(RestrictedPodStandard.violations(pod)).isEmpty();
        assertThat(RestrictedPodStandard.writableRootFilesystems(pod)).isEmpty();
        assertThat(pod.getImagePullSecrets()).extracting(LocalObjectReference::getName).containsExactly("regcred");
    }

    @Test
    void theStandardCatchesWhatTheOldDashboardPodLacked() {
        PodSpec old = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .addNewContainer().withName("dashboard").withImage("d:1").endContainer().build();
        assertThat(RestrictedPodStandard.violations(old)).containsExactly(
                "container dashboard: allowPrivilegeEscalation must be false",
                "container dashboard: seccompProfile.type must be RuntimeDefault or Localhost (container or pod)",
                "container dashboard: capabilities.drop must contain ALL");
        assertThat(RestrictedPodStandard.writableRootFilesystems(old)).containsExactly("dashboard");
    }

    @Test
    void dashboardConnectsWithTheRebuiltUrlAndVerifiedTlsWhenACaIsGiven() {
        SalesPipelineSpec spec = spec();
        spec.mysql.tls = new TlsSpec();
        spec.mysql.tls.caSecretRef = new TlsSpec.CaSecretRef("mysql-ca");
        var container = DashboardResources.deployment("shop", spec).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        String url = container.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_JDBC_URL"))
                .findFirst().orElseThrow().getValue();
        assertThat(url).contains("sslMode=VERIFY_IDENTITY", "allowLoadLocalInfile=false",
                "trustCertificateKeyStoreUrl=file:/etc/salespulse/mysql-trust/mysql-ca.p12");
    }
}
