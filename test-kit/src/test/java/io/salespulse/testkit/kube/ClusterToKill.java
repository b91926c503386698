package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.concurrent.TimeUnit;

/**
 * Run in its own JVM by {@link RealNodeClusterIT}: starts a cluster with one running pod, prints {@value #READY} and
 * waits to be killed with SIGKILL, leaving everything behind for the next start to clean up.
 */
public final class ClusterToKill {

    static final String READY = "CLUSTER-TO-KILL-READY";

    private ClusterToKill() {
    }

    public static void main(String[] args) throws Exception {
        RealNodeCluster cluster = RealNodeCluster.start();
        String image = cluster.busyboxImage();
        cluster.client().pods().inNamespace("default").resource(new PodBuilder()
                .withNewMetadata().withName("left-behind").endMetadata()
                .withNewSpec().addToContainers(new ContainerBuilder().withName("main").withImage(image)
                        .withImagePullPolicy("Never").withCommand("sleep", "3600").build())
                .endSpec().build()).create();
        cluster.client().pods().inNamespace("default").withName("left-behind").waitUntilReady(120, TimeUnit.SECONDS);
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
}
