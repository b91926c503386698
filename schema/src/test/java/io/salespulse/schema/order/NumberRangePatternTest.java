package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberRangePatternTest {

    @ParameterizedTest
    @CsvSource({"2000, 2099", "1970, 2100", "1999, 2001", "0, 9999", "1234, 5678", "2026, 2026", "5, 73", "100, 999"})
    void matchesExactlyTheNumbersInRange(int low, int high) {
        Pattern pattern = Pattern.compile("^" + NumberRangePattern.of(low, high) + "$");
        int width = Integer.toString(high).length();
        for (int n = 0; n < Math.pow(10, width); n++) {
            String text = String.format("%0" + width + "d", n);
            assertThat(pattern.matcher(text).matches()).as("%s in %d..%d", text, low, high).isEqualTo(n >= low && n <= high);
        }
    }
}
