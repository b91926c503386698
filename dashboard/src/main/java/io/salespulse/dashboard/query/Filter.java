package io.salespulse.dashboard.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The dimension values every panel is narrowed to: any combination of country, card type and category (each null
 * when not set; a {@code Filter} has at least one set, "no filter" is a null {@code Filter}).
 * <p>
 * Meaning: with only {@code country}/{@code cardType}, whole orders of that country and card type. With
 * {@code category} (alone or combined), the lines of that category in such orders: revenue and items of those lines,
 * orders = orders with at least one line in the category.
 */
public record Filter(String country, String cardType, String category) {

    /** A filter with the given values, or null when none is set. */
    public static Filter of(String country, String cardType, String category) {
        return country == null && cardType == null && category == null ? null : new Filter(country, cardType, category);
    }

    public static Filter of(Dimension dimension, String value) {
        return of(dimension == Dimension.COUNTRY ? value : null, dimension == Dimension.CARD_TYPE ? value : null,
                dimension == Dimension.CATEGORY ? value : null);
    }

    /** This filter's value for {@code dimension}, or null. */
    public String value(Dimension dimension) {
        return switch (dimension) {
            case COUNTRY -> country;
            case CARD_TYPE -> cardType;
            case CATEGORY -> category;
        };
    }

    /** The dimensions that are set, in the fixed order country, card type, category. */
    public List<Dimension> dimensions() {
        List<Dimension> out = new ArrayList<>(3);
        for (Dimension d : Dimension.values()) {
            if (value(d) != null) {
                out.add(d);
            }
        }
        return out;
    }
}
