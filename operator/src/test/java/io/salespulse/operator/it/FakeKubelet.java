package io.salespulse.operator.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the kubelet, which this test control plane does not have: every pod the ReplicaSet controller
 * creates is reported Running and Ready through the pods/status subresource, as a kubelet would after starting its
 * containers. The real ReplicaSet and Deployment controllers then count it available and update the Deployment's
 * status, which is what the operator's readiness gates read.
 *
 * <p>A stand-in for fast API-level tests only: no container runs, no image is checked, nothing is proven about the
 * pods themselves. Tests that need pods to really run (images, probes, Services, the Spark driver creating
 * executors) use the test kit's {@code io.salespulse.testkit.kube.RealNodeCluster}: a real kubelet on this machine.
 */
public final class FakeKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final SharedIndexInformer<Pod> informer;
    private final AtomicInteger nextIp = new AtomicInteger(10);

    public FakeKubelet(KubernetesClient client) {
        this.client = client;
        this.informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                markReady(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                markReady(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                // nothing to run
            }
        });
    }

    private void markReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || isReady(pod)) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<PodCondition> conditions = List.of("PodScheduled", "Initialized", "ContainersReady", "Ready").stream()
                .map(type -> new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
                        .build())
                .toList();
        pod.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withConditions(conditions)
                .withHostIP("127.0.0.1")
                .withPodIP("10.244.0." + (nextIp.getAndIncrement() % 250 + 2))
                .withStartTime(now)
                .addAllToContainerStatuses(pod.getSpec().getContainers().stream().map(c ->
                        new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(c.getName())
                                .withImage(c.getImage()).withImageID("fake://" + c.getImage()).withReady(true)
                                .withStarted(true).withRestartCount(0)
                                .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                                .build()).toList())
                .build());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
        } catch (KubernetesClientException e) {
            // A conflict (the pod changed meanwhile) or a deleted pod: the informer brings the new version.
        }
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        informer.close();
    }
}
