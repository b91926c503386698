package io.salespulse.schema.catalogue;

import io.salespulse.schema.order.Countries;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values a dimension takes: what a filter on it accepts (and how it is written canonically), and what the
 * filter list offers. Readers outside the contract (the dashboard's URLs) go through {@link #check}; the contract
 * itself is checked by the order parser.
 */
public sealed interface Values {

    /**
     * The canonical form of a value a person typed.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    String check(String value);

    /** Every value, for a closed set; empty when the values are whatever the data holds. */
    Optional<List<String>> known();

    /** What a person reads for a value. */
    default String label(String value) {
        return value;
    }

    /** A closed set (card types, channels), matched ignoring case. */
    record Closed(List<String> values) implements Values {
        public Closed {
            values = List.copyOf(values);
        }

        @Override
        public String check(String value) {
            return values.stream().filter(v -> v.equalsIgnoreCase(value)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", values)));
        }

        @Override
        public Optional<List<String>> known() {
            return Optional.of(values);
        }
    }

    /** ISO 3166-1 alpha-2 codes, upper case; labelled with the country's English name. */
    record CountryCodes() implements Values {
        @Override
        public String check(String value) {
            String code = value.toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}") || !Countries.isKnown(code)) {
                throw new IllegalArgumentException("'" + value
                        + "' is not an ISO 3166-1 alpha-2 country code (such as US, DE, JP)");
            }
            return code;
        }

        @Override
        public Optional<List<String>> known() {
            return Optional.empty();
        }

        @Override
        public String label(String value) {
            return value + " · " + new Locale("", value).getDisplayCountry(Locale.ENGLISH);
        }
    }

    /** Free text from the contract, at most {@code maxLength} characters. */
    record Text(int maxLength) implements Values {
        @Override
        public String check(String value) {
            if (value.codePointCount(0, value.length()) > maxLength || value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("must be at most " + maxLength + " printable characters");
            }
            return value;
        }

        @Override
        public Optional<List<String>> known() {
            return Optional.empty();
        }
    }
}
