package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's verdict arithmetic and table, on given figures (nothing is timed here). */
class SideBySideTest {

    @Test
    void sinkLimitIsTheSlowerSinkInOrdersPerSecondWithRowsPerOrderAccountedFor() {
        // 40,000 rows/s at 2 rows per order = 20,000 orders/s, slower than Kafka's 280,000.
        SideBySide v = new SideBySide(3000, 12000, 40000, 2, 280000);
        assertThat(v.cassandraOrders()).isEqualTo(20000);
        assertThat(v.sinkLimit()).isEqualTo(20000);
        assertThat(v.sinkBound()).isEqualTo("Cassandra");
        assertThat(v.vsPlain()).isEqualTo(4.0);
        assertThat(v.vsSinkLimit()).isEqualTo(0.6);
        assertThat(v.meetsPlainTarget()).isTrue();
        assertThat(v.meetsSinkTarget()).isFalse();
    }

    @Test
    void kafkaBoundsTheSinkLimitWhenItIsTheSlower() {
        SideBySide v = new SideBySide(3000, 7000, 40000, 2, 10000);
        assertThat(v.sinkLimit()).isEqualTo(10000);
        assertThat(v.sinkBound()).isEqualTo("Kafka");
        assertThat(v.meetsSinkTarget()).isTrue();
    }

    @Test
    void targetsAreInclusive() {
        SideBySide v = new SideBySide(2000, 5000, 2 * 5000 / 0.7, 2, 1e9);
        assertThat(v.vsPlain()).isEqualTo(2.5);
        assertThat(v.meetsPlainTarget()).isTrue();
        assertThat(v.vsSinkLimit()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void tableNamesEveryContenderAndEveryRatioAgainstItsTarget() {
        SideBySide v = new SideBySide(3000, 5100, 40000, 2, 280000);
        assertThat(String.join("\n", v.table()))
                .contains("| plain Spark pipeline (3 queries: 2 windowed aggregations → MySQL, raw inserts → Cassandra) | 3000 |")
                .contains("| SalesPulse as shipped | 5100 |")
                .contains("| bare Cassandra writes, same rows and driver (40000 rows/s ÷ 2 rows per order) | 20000 |")
                .contains("| Kafka consumer-perf on the order topic | 280000 |")
                .contains("| sink limit (the slower of the two: Cassandra) | 20000 |")
                .contains("| **SalesPulse / plain** (target ≥ 2.5) | **1.70** not met |")
                .contains("| **SalesPulse / sink limit** (target ≥ 0.7) | **0.26** not met |");
    }

    @Test
    void aRunWithoutThePlainPipelineSaysSoInsteadOfARatio() {
        SideBySide v = new SideBySide(Double.NaN, 5100, 40000, 2, 280000);
        assertThat(v.plainRan()).isFalse();
        assertThat(String.join("\n", v.table()))
                .contains("raw inserts → Cassandra) | not run |")
                .contains("| **SalesPulse / plain** (target ≥ 2.5) | not measured |")
                .doesNotContain("NaN");
    }
}
