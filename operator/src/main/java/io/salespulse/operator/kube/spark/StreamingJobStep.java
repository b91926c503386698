package io.salespulse.operator.kube.spark;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.external.JobHeartbeats;
import io.salespulse.operator.external.TrustMaterial;
import io.salespulse.operator.kube.ChildApplier;
import io.salespulse.operator.kube.DeploymentReadiness;
import io.salespulse.operator.kube.DeploymentSteps;
import io.salespulse.operator.kube.PodTrouble;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.PipelineStep;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import java.util.List;
import java.util.Optional;

/**
 * Step 4: the streaming job as a Spark application on Kubernetes: ServiceAccount + Role + RoleBinding for the
 * driver, the job ConfigMap, the checkpoint volume and the driver Deployment. A spec change rewrites the ConfigMap,
 * whose hash in the pod template rolls the driver; the checkpoint volume stays. {@code suspend} scales the driver to
 * zero (its executors go with it) and keeps the volume for the resume.
 *
 * <p>Ready means the job runs, not that a Deployment is available: the driver pod runs and the job's heartbeat
 * ({@link JobHeartbeatVerdict}) is fresh. A pod that cannot run says why in the kubelet's words.
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
        TrustMaterial mysqlCa = run.trust(spec.mysql.tls, "spec.mysql.tls.caSecretRef");
        ConfigMap config = SparkJobConfig.configMap(name, run.namespace(), spec,
                CheckpointVolume.location(spec.streamingJob.checkpoint), mysqlCa == null ? null : mysqlCa.pkcs12());
        // The trust store's bytes differ per write (PKCS12 salts): the CA's fingerprint stands for it.
        String configHash = Hashes.sha256(config.getData().toString() + (mysqlCa == null ? "" : mysqlCa.fingerprint()))
                .substring(0, 16);
        ChildApplier.apply(run, config, SparkDriver.COMPONENT);
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
        List<Pod> pods = DriverPods.of(run);
        Optional<PodTrouble.Trouble> trouble = PodTrouble.of(pods);
        if (trouble.isPresent()) {
            return StepResult.failed(trouble.get().reason(), "the Spark driver cannot run: " + trouble.get().message()
                    + " (check spec.streamingJob.image and `kubectl logs` / `kubectl describe pod`)");
        }
        StepResult rollout = DeploymentSteps.verdict(driver, "Spark driver", "spec.streamingJob.image");
        JobHeartbeatVerdict heartbeat = new JobHeartbeatVerdict(spec.streamingJob);
        if (rollout.outcome() != StepResult.Outcome.READY) {
            run.recheckWithin(JobHeartbeatVerdict.POLL);
            return rollout;
        }
        Pod current = pods.stream().filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null);
        var beat = JobHeartbeats.read(run);
        StepResult result = heartbeat.judge(current, beat, PodTrouble.restarts(pods));
        if (result.outcome() == StepResult.Outcome.READY) {
            // The settings the running job's checkpoint pins against what the spec asks for now.
            result = CheckpointPins.judge(result, SparkJobConfig.sparkProperties(name, run.namespace(), spec),
                    beat.map(b -> b.checkpointSettings()).orElse(java.util.Map.of()));
        }
        run.recheckWithin(result.outcome() == StepResult.Outcome.READY
                || result.outcome() == StepResult.Outcome.REFUSED ? heartbeat.recheck()
                : "QueryStarting".equals(result.reason()) ? JobHeartbeatVerdict.startingPoll(current)
                : JobHeartbeatVerdict.POLL);
        return result;
    }

}
