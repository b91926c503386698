package io.salespulse.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionListTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    @Test
    void lastTransitionTimeChangesOnlyWhenStatusChanges() {
        ConditionList first = new ConditionList(List.of(), 1, T0);
        first.set(ConditionTypes.SCHEMA, "False", "MysqlUnreachable", "down");
        List<PipelineCondition> before = first.toList();

        ConditionList sameStatus = new ConditionList(before, 2, T1);
        sameStatus.set(ConditionTypes.SCHEMA, "False", "MigrationFailed", "other message");
        assertThat(sameStatus.get(ConditionTypes.SCHEMA).orElseThrow().lastTransitionTime).isEqualTo(T0.toString());
        assertThat(sameStatus.get(ConditionTypes.SCHEMA).orElseThrow().observedGeneration).isEqualTo(2);

        ConditionList flipped = new ConditionList(before, 2, T1);
        flipped.set(ConditionTypes.SCHEMA, "True", "Migrated", "ok");
        assertThat(flipped.get(ConditionTypes.SCHEMA).orElseThrow().lastTransitionTime).isEqualTo(T1.toString());
    }

    @Test
    void stepsWaitingBehindAGateKeepTheirStatusOrAreUnknown() {
        ConditionList previous = new ConditionList(List.of(), 1, T0);
        previous.set(ConditionTypes.DASHBOARD, "True", "Available", "ok");
        ConditionList next = new ConditionList(previous.toList(), 2, T1);
        next.keepOrUnknown(ConditionTypes.DASHBOARD, "WaitingForSchemaReady", "waits");
        next.keepOrUnknown(ConditionTypes.SIMULATOR, "WaitingForSchemaReady", "waits");
        assertThat(next.get(ConditionTypes.DASHBOARD).orElseThrow().status).isEqualTo("True");
        assertThat(next.get(ConditionTypes.DASHBOARD).orElseThrow().lastTransitionTime).isEqualTo(T0.toString());
        assertThat(next.get(ConditionTypes.SIMULATOR).orElseThrow().status).isEqualTo("Unknown");
    }

    @Test
    void readyAndPhaseFollowTheSteps() {
        ConditionList all = new ConditionList(List.of(), 1, T0);
        ConditionTypes.STEPS.forEach(t -> all.set(t, "True", "Ok", "fine"));
        SalesPipelineStatus status = new SalesPipelineStatus();
        PipelineStatusComposer.finish(all, status, false, false);
        assertThat(status.condition(ConditionTypes.READY).orElseThrow().status).isEqualTo("True");
        assertThat(status.phase).isEqualTo(SalesPipelineStatus.Phase.Running);
        assertThat(status.conditions).extracting(c -> c.type).endsWith(ConditionTypes.READY);

        ConditionList failing = new ConditionList(status.conditions, 2, T1);
        ConditionTypes.STEPS.forEach(t -> failing.set(t, "True", "Ok", "fine"));
        failing.set(ConditionTypes.KEYSPACE, "False", "CassandraUnreachable", "check contactPoints");
        PipelineStatusComposer.finish(failing, status, true, false);
        PipelineCondition ready = status.condition(ConditionTypes.READY).orElseThrow();
        assertThat(ready.status).isEqualTo("False");
        assertThat(ready.reason).isEqualTo("CassandraUnreachable");
        assertThat(ready.message).startsWith("KeyspaceReady: check contactPoints");
        assertThat(ready.lastTransitionTime).isEqualTo(T1.toString());
        assertThat(status.phase).isEqualTo(SalesPipelineStatus.Phase.Failed);
    }
}
