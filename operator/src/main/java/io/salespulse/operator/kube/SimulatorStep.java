package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.PipelineStep;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import java.util.ArrayList;
import java.util.List;

/** Step 6: the optional order simulator, a one-pod Deployment publishing to the orders topic. */
public final class SimulatorStep implements PipelineStep {

    static final String COMPONENT = "simulator";
    /** The job image's user (streaming-job/Dockerfile), which the simulator shares. */
    static final long SIMULATOR_UID = 185;

    @Override
    public String conditionType() {
        return ConditionTypes.SIMULATOR;
    }

    @Override
    public StepResult reconcile(PipelineRun run) {
        if (!Boolean.TRUE.equals(run.spec().simulator.enabled)) {
            ChildApplier.deleteIfPresent(run, Deployment.class, ChildNames.simulator(run.name()));
            return StepResult.disabled("simulator not requested (spec.simulator.enabled is false)");
        }
        Deployment deployment = ChildApplier.apply(run, deployment(run.name(), run.spec()), COMPONENT);
        return DeploymentSteps.verdict(deployment, "simulator", "spec.simulator.image");
    }

    static Deployment deployment(String pipeline, SalesPipelineSpec spec) {
        var labels = ChildLabels.selector(pipeline, COMPONENT);
        String image = spec.simulator.image != null ? spec.simulator.image : spec.streamingJob.image;
        List<io.fabric8.kubernetes.api.model.EnvVar> env = new ArrayList<>();
        env.add(EnvVars.value("SALESPULSE_KAFKA_BOOTSTRAP_SERVERS", spec.kafka.bootstrapServers));
        env.add(EnvVars.value("SALESPULSE_KAFKA_TOPIC", spec.kafka.topic));
        env.addAll(EnvVars.kafkaSecurity(spec.kafka));
        return new DeploymentBuilder()
                .withNewMetadata().withName(ChildNames.simulator(pipeline)).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withSecurityContext(PodSecurity.pod(SIMULATOR_UID))
                .withImagePullSecrets(PodSecurity.pullSecrets(spec))
                .withAutomountServiceAccountToken(false)
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewContainer()
                .withName("simulator")
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withImage(image)
                .withImagePullPolicy((spec.simulator.imagePullPolicy != null ? spec.simulator.imagePullPolicy
                        : spec.streamingJob.imagePullPolicy).name())
                // The job image's entrypoint role (streaming-job/Dockerfile), with a heap that fits the limit.
                .withArgs("simulator", "--rate", String.valueOf(spec.simulator.ordersPerSecond))
                .withEnv(env)
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("320Mi"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("384Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
