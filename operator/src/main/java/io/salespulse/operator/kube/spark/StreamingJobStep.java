package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.kube.ChildApplier;
import io.salespulse.operator.kube.DeploymentReadiness;
import io.salespulse.operator.kube.DeploymentSteps;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.PipelineStep;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;

/**
 * Step 4: the streaming job as a Spark application on Kubernetes: ServiceAccount + Role + RoleBinding for the
 * driver, the job ConfigMap, the checkpoint volume, the headless driver Service and the driver Deployment. A spec
 * change rewrites the ConfigMap, whose hash in the pod template rolls the driver; the checkpoint volume stays.
 * {@code suspend} scales the driver to zero (its executors go with it) and keeps the volume for the resume.
 */
public final class StreamingJobStep implements PipelineStep {

    @Override
    public String conditionType() {
        return ConditionTypes.STREAMING_JOB;
    }

    @Override
    public StepResult reconcile(PipelineRun run) {
        String name = run.name();
        SalesPipelineSpec spec = run.spec();
        ChildApplier.apply(run, SparkRbac.serviceAccount(name), SparkDriver.COMPONENT);
        ChildApplier.apply(run, SparkRbac.role(name), SparkDriver.COMPONENT);
        ChildApplier.apply(run, SparkRbac.roleBinding(name, run.namespace()), SparkDriver.COMPONENT);
        if (CheckpointVolume.usesVolume(spec.streamingJob.checkpoint)) {
            ChildApplier.createIfMissing(run, CheckpointVolume.claim(name, spec.streamingJob.checkpoint),
                    SparkDriver.COMPONENT);
        }
        ConfigMap config = SparkJobConfig.configMap(name, run.namespace(), spec,
                CheckpointVolume.location(spec.streamingJob.checkpoint));
        String configHash = Hashes.sha256(config.getData().toString()).substring(0, 16);
        ChildApplier.apply(run, config, SparkDriver.COMPONENT);
        ChildApplier.apply(run, SparkDriver.headlessService(name), SparkDriver.COMPONENT);
        Deployment driver = ChildApplier.apply(run, SparkDriver.deployment(name, spec, configHash),
                SparkDriver.COMPONENT);

        String where = "Deployment " + driver.getMetadata().getName();
        DeploymentReadiness.Verdict verdict = DeploymentReadiness.of(driver);
        if (Boolean.TRUE.equals(spec.suspend)) {
            return verdict.state() == DeploymentReadiness.State.AVAILABLE
                    ? StepResult.suspended("spec.suspend is true: the driver is stopped; its checkpoint is kept and "
                    + "the job resumes from it when suspend is set to false")
                    : StepResult.progressing("Suspending", "stopping the driver (" + where + ": " + verdict.detail()
                    + ")");
        }
        return DeploymentSteps.verdict(driver, "Spark driver", "spec.streamingJob.image");
    }
}
