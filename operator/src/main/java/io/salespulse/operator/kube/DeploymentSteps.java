package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.operator.reconcile.StepResult;

/** The step result of a child Deployment's rollout. */
public final class DeploymentSteps {

    private DeploymentSteps() {
    }

    public static StepResult verdict(Deployment deployment, String what, String imageField) {
        String where = "Deployment " + deployment.getMetadata().getName();
        DeploymentReadiness.Verdict verdict = DeploymentReadiness.of(deployment);
        return switch (verdict.state()) {
            case AVAILABLE -> StepResult.ready("Available", what + " available (" + where + ": " + verdict.detail()
                    + ")");
            case ROLLING_OUT -> StepResult.progressing("RollingOut", "waiting for the " + what + " pods (" + where
                    + ": " + verdict.detail() + ")");
            case STUCK -> StepResult.failed("NotAvailable", where + " cannot run its pods (" + verdict.detail()
                    + "): check " + imageField + " and `kubectl describe` of its pods");
        };
    }
}
