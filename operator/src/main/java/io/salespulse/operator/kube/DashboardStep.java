package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.salespulse.crds.v1alpha1.DashboardSpec;
import io.salespulse.operator.external.ExternalStepException;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.PipelineStep;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import java.util.List;

/** Step 5: the dashboard Deployment, its Service and, when the spec asks, its Ingress. */
public final class DashboardStep implements PipelineStep {

    @Override
    public String conditionType() {
        return ConditionTypes.DASHBOARD;
    }

    @Override
    public StepResult reconcile(PipelineRun run) {
        String name = run.name();
        DashboardSpec spec = run.spec().dashboard;
        try {
            // Pods would sit in CreateContainerConfigError without these; say so here instead.
            run.secrets().requireKeys(run.namespace(), spec.authSecretRef.name,
                    List.of(spec.authSecretRef.usersKey, spec.authSecretRef.sessionKeyKey),
                    "spec.dashboard.authSecretRef");
        } catch (ExternalStepException e) {
            return StepResult.failed(e.reason(), e.getMessage());
        }
        Deployment deployment = ChildApplier.apply(run, DashboardResources.deployment(name, run.spec()),
                DashboardResources.COMPONENT);
        ChildApplier.apply(run, DashboardResources.service(name), DashboardResources.COMPONENT);
        if (spec.ingress != null) {
            ChildApplier.apply(run, DashboardResources.ingress(name, spec.ingress), DashboardResources.COMPONENT);
        } else {
            ChildApplier.deleteIfPresent(run, Ingress.class, ChildNames.dashboard(name));
        }
        run.dashboardUrl(DashboardResources.url(name, run.namespace(), spec));
        return DeploymentSteps.verdict(deployment, "dashboard", "spec.dashboard.image");
    }
}
