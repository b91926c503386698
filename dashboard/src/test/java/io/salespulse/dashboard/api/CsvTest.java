package io.salespulse.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesAndDefusesFormulas() {
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(Csv.cell(-5)).isEqualTo("-5");
        assertThat(Csv.cell("plain")).isEqualTo("plain");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-1")).isEqualTo("'-1");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
