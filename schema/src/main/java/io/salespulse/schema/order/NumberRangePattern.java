package io.salespulse.schema.order;

import java.util.ArrayList;
import java.util.List;

/**
 * A regular expression (the common subset of Java's and ECMA-262's, for JSON Schema) matching exactly the decimal
 * numbers from {@code low} to {@code high} written with as many digits as {@code high}, leading zeros included.
 */
final class NumberRangePattern {

    private NumberRangePattern() {
    }

    static String of(int low, int high) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("need 0 <= low <= high, was " + low + ".." + high);
        }
        String hi = Integer.toString(high);
        String lo = "0".repeat(hi.length() - Integer.toString(low).length()) + low;
        return "(?:" + range(lo, hi) + ")";
    }

    /** Digit strings of equal length, lo <= hi. */
    private static String range(String lo, String hi) {
        if (lo.isEmpty()) {
            return "";
        }
        if (lo.equals(hi)) {
            return lo;
        }
        int rest = lo.length() - 1;
        if (lo.equals("0".repeat(lo.length())) && hi.equals("9".repeat(hi.length()))) {
            return "\\d{" + lo.length() + "}";
        }
        char a = lo.charAt(0);
        char b = hi.charAt(0);
        if (a == b) {
            return a + group(range(lo.substring(1), hi.substring(1)));
        }
        List<String> alternatives = new ArrayList<>();
        String zeros = "0".repeat(rest);
        String nines = "9".repeat(rest);
        char from = a;
        char to = b;
        if (!lo.substring(1).equals(zeros)) {
            alternatives.add(a + group(range(lo.substring(1), nines)));
            from++;
        }
        boolean highPartial = !hi.substring(1).equals(nines);
        if (highPartial) {
            to--;
        }
        if (from <= to) {
            String digits = from == to ? String.valueOf(from) : "[" + from + "-" + to + "]";
            alternatives.add(digits + (rest == 0 ? "" : "\\d{" + rest + "}"));
        }
        if (highPartial) {
            alternatives.add(b + group(range(zeros, hi.substring(1))));
        }
        return String.join("|", alternatives);
    }

    private static String group(String pattern) {
        return pattern.contains("|") ? "(?:" + pattern + ")" : pattern;
    }
}
