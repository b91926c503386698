package io.salespulse.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTroubleTest {

    @Test
    void imageMissingLocallyIsNamedWithTheImage() {
        Pod pod = new PodBuilder().withNewMetadata().withName("shop-job-1").endMetadata().withNewStatus()
                .addNewContainerStatus().withName("driver").withImage("salespulse/streaming-job:missing")
                .withRestartCount(0).withNewState().withNewWaiting().withReason("ErrImageNeverPull")
                .withMessage("Container image \"salespulse/streaming-job:missing\" is not present with pull policy of Never")
                .endWaiting().endState().endContainerStatus().endStatus().build();
        var trouble = PodTrouble.of(List.of(pod)).orElseThrow();
        assertThat(trouble.reason()).isEqualTo("ErrImageNeverPull");
        assertThat(trouble.message()).contains("salespulse/streaming-job:missing", "shop-job-1");
    }

    @Test
    void crashLoopCarriesTheLastExitAndRestarts() {
        Pod pod = new PodBuilder().withNewMetadata().withName("shop-job-1").endMetadata().withNewStatus()
                .addNewContainerStatus().withName("driver").withImage("img").withRestartCount(3)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated()
                .endLastState().endContainerStatus().endStatus().build();
        assertThat(PodTrouble.of(List.of(pod)).orElseThrow().message()).contains("CrashLoopBackOff", "OOMKilled");
        assertThat(PodTrouble.restarts(List.of(pod))).contains("restarted 3 times", "OOMKilled", "137");
    }

    @Test
    void runningPodsHaveNoTrouble() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus()
                .addNewContainerStatus().withName("c").withRestartCount(0).withNewState().withNewRunning().endRunning()
                .endState().endContainerStatus().endStatus().build();
        assertThat(PodTrouble.of(List.of(pod))).isEmpty();
        assertThat(PodTrouble.restarts(List.of(pod))).isEmpty();
    }
}
