package io.salespulse.operator.kube.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.salespulse.crds.v1alpha1.StreamingJobSpec;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.schema.mysql.JobHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobHeartbeatVerdictTest {

    private final JobHeartbeatVerdict verdict = new JobHeartbeatVerdict(new StreamingJobSpec());

    @Test
    void freshHeartbeatOfTheRunningDriverIsReadyEvenWithoutAnyBatch() {
        StepResult r = verdict.judge(pod("shop-job-1", Duration.ofSeconds(30)),
                beat("shop-job-1", JobHeartbeat.State.RUNNING, Duration.ofSeconds(4)), "");
        assertThat(r.outcome()).isEqualTo(StepResult.Outcome.READY);
        assertThat(r.message()).contains("no batch yet");
    }

    @Test
    void aYoungDriverIsLookedAtAgainSoonerThanAnOldOne() {
        assertThat(JobHeartbeatVerdict.startingPoll(pod("shop-job-1", Duration.ZERO))).isEqualTo(Duration.ofSeconds(1));
        assertThat(JobHeartbeatVerdict.startingPoll(pod("shop-job-1", Duration.ofSeconds(12))))
                .isBetween(Duration.ofSeconds(3), Duration.ofMillis(3500));
        assertThat(JobHeartbeatVerdict.startingPoll(pod("shop-job-1", Duration.ofMinutes(2))))
                .isEqualTo(JobHeartbeatVerdict.POLL);
    }

    @Test
    void heartbeatOfAPreviousDriverIsNotThisDriversHeartbeat() {
        StepResult r = verdict.judge(pod("shop-job-2", Duration.ofSeconds(30)),
                beat("shop-job-1", JobHeartbeat.State.RUNNING, Duration.ofSeconds(4)), "");
        assertThat(r.outcome()).isEqualTo(StepResult.Outcome.PROGRESSING);
        assertThat(r.reason()).isEqualTo("QueryStarting");
    }

    @Test
    void staleHeartbeatIsReportedWithItsAge() {
        StepResult r = verdict.judge(pod("shop-job-1", Duration.ofMinutes(10)),
                beat("shop-job-1", JobHeartbeat.State.RUNNING, Duration.ofMinutes(3)), "");
        assertThat(r.outcome()).isEqualTo(StepResult.Outcome.FAILED);
        assertThat(r.reason()).isEqualTo("HeartbeatStale");
        assertThat(r.message()).contains("180 s ago", "allowed 60 s");
    }

    @Test
    void driverThatNeverReportsFailsAfterTheStartupGrace() {
        StepResult r = verdict.judge(pod("shop-job-1", Duration.ofMinutes(6)), Optional.empty(), "");
        assertThat(r.reason()).isEqualTo("NoHeartbeat");
        assertThat(verdict.judge(pod("shop-job-1", Duration.ofMinutes(1)), Optional.empty(), "").reason())
                .isEqualTo("QueryStarting");
    }

    @Test
    void failedQueryCarriesItsMessage() {
        StepResult r = verdict.judge(pod("shop-job-1", Duration.ofMinutes(1)),
                beat("shop-job-1", JobHeartbeat.State.FAILED, Duration.ofSeconds(1)), "");
        assertThat(r.reason()).isEqualTo("QueryFailed");
        assertThat(r.message()).contains("boom");
    }

    @Test
    void slowTriggersWidenTheAllowedAge() {
        StreamingJobSpec job = new StreamingJobSpec();
        job.triggerInterval = "PT2M";
        assertThat(new JobHeartbeatVerdict(job).maxAge()).isEqualTo(Duration.ofMinutes(6));
    }

    private static Pod pod(String name, Duration running) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().withPhase("Running")
                .withStartTime(Instant.now().minus(running).toString()).endStatus().build();
    }

    private static Optional<JobHeartbeat.Beat> beat(String driver, JobHeartbeat.State state, Duration age) {
        return Optional.of(new JobHeartbeat.Beat("salespulse-orders", "q", "r", state, driver, Instant.now(), age,
                null, null, null, null, state == JobHeartbeat.State.FAILED ? "boom" : null, java.util.Map.of()));
    }
}
