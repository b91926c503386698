package io.salespulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the plain pipeline's drain watch reads Spark's Kafka source offsets. */
class KafkaOffsetsTest {

    @Test
    void sumsTheNamedTopicsPartitions() {
        String json = "{\"other\":{\"0\":999},\"bench_orders\":{\"2\":1250,\"1\":1249,\"3\":1251,\"0\":1250}}";
        assertThat(KafkaOffsets.sum(json, "bench_orders")).isEqualTo(5000);
    }

    @Test
    void aTopicNotInTheOffsetsCountsNothing() {
        assertThat(KafkaOffsets.sum("{\"other\":{\"0\":7}}", "bench_orders")).isZero();
    }
}
