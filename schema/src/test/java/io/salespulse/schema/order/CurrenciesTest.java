package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CurrenciesTest {

    @Test
    void convertsToTheReportingCurrencyRoundedToTheCent() {
        assertThat(Currencies.toReporting(new BigDecimal("10.00"), "USD")).isEqualByComparingTo("10.00");
        assertThat(Currencies.toReporting(new BigDecimal("10.00"), "EUR")).isEqualByComparingTo("10.80");
        assertThat(Currencies.toReporting(new BigDecimal("1999.00"), "JPY")).isEqualByComparingTo("13.39");
        assertThat(Currencies.toReporting(new BigDecimal("0.01"), "SEK")).isEqualByComparingTo("0.00");
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThat(Currencies.isSupported("XYZ")).isFalse();
        assertThatThrownBy(() -> Currencies.toReporting(BigDecimal.ONE, "XYZ")).hasMessageContaining("'XYZ'");
    }
}
