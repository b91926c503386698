package io.salespulse.operator.kube.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.operator.reconcile.StepResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointPinsTest {

    private static final StepResult RUNNING = StepResult.ready("Running", "query runs in pod shop-1");
    private static final String PROVIDER = "spark.sql.streaming.stateStore.providerClass";

    @Test
    void sameValuesOrNothingPinnedYetLeaveTheResultAlone() {
        assertThat(CheckpointPins.judge(RUNNING, Map.of("spark.sql.shuffle.partitions", "4"),
                Map.of("spark.sql.shuffle.partitions", "4", PROVIDER, "a.B"))).isSameAs(RUNNING);
        assertThat(CheckpointPins.judge(RUNNING, Map.of("spark.sql.shuffle.partitions", "4"), Map.of()))
                .isSameAs(RUNNING);
    }

    @Test
    void moreShufflePartitionsApplyToTheBatchesAndAreSaidSo() {
        StepResult r = CheckpointPins.judge(RUNNING, Map.of("spark.sql.shuffle.partitions", "6"),
                Map.of("spark.sql.shuffle.partitions", "4"));
        assertThat(r.outcome()).isEqualTo(StepResult.Outcome.READY);
        assertThat(r.reason()).isEqualTo("Running");
        assertThat(r.message()).isEqualTo("query runs in pod shop-1; spark.sql.shuffle.partitions 6 applies to the "
                + "batches (the checkpoint keeps 4 only as stateful operators' state partitions, which this job does "
                + "not use)");
    }

    @Test
    void aSettingTheCheckpointOverridesIsRefusedNamingBothValues() {
        StepResult r = CheckpointPins.judge(RUNNING, Map.of(PROVIDER, "my.RocksDbProvider",
                "spark.sql.shuffle.partitions", "6"), Map.of(PROVIDER, "default.Provider",
                "spark.sql.shuffle.partitions", "4"));
        assertThat(r.outcome()).isEqualTo(StepResult.Outcome.REFUSED);
        assertThat(r.conditionStatus()).isEqualTo("False");
        assertThat(r.opensGate()).isTrue();
        assertThat(r.reason()).isEqualTo("SettingPinnedByCheckpoint");
        assertThat(r.message()).contains(PROVIDER + ": the checkpoint pins 'default.Provider', the spec asks for "
                + "'my.RocksDbProvider'", "spark.sql.shuffle.partitions 6 applies to the batches");
    }
}
