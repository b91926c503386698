package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariaDbVersionTest {

    @Test
    void readsTheVersionsServersWrite() {
        assertThat(MariaDbVersion.parse("10.11.19-MariaDB")).contains(new MariaDbVersion(10, 11, 19));
        assertThat(MariaDbVersion.parse("11.4.5")).contains(new MariaDbVersion(11, 4, 5));
        assertThat(MariaDbVersion.parse("MariaDB")).isEmpty();
        assertThat(MariaDbVersion.fromId(101119)).isEqualTo(new MariaDbVersion(10, 11, 19));
    }

    @Test
    void comparesReleaseSeriesNotPatchLevels() {
        MariaDbVersion embedded = new MariaDbVersion(11, 4, 5);
        assertThat(new MariaDbVersion(10, 11, 19).compareSeries(embedded)).isNegative();
        assertThat(new MariaDbVersion(11, 4, 9).compareSeries(embedded)).isZero();
        assertThat(new MariaDbVersion(11, 8, 1).compareSeries(embedded)).isPositive();
    }
}
