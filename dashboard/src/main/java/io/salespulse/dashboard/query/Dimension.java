package io.salespulse.dashboard.query;

import io.salespulse.schema.catalogue.Catalogue;
import io.salespulse.schema.catalogue.Level;
import io.salespulse.schema.catalogue.Values;
import java.util.List;
import java.util.Optional;

/**
 * A dimension the dashboard filters or breaks down by: the {@link Catalogue}'s dimensions marked filterable or shown
 * as a breakdown, in catalogue order. Parameter, label, column and accepted values come from the catalogue, never
 * from a request; nothing here is spelled out per dimension (the constants only name the panels whose older URLs,
 * such as /api/v1/by-country, are kept).
 */
public record Dimension(io.salespulse.schema.catalogue.Dimension catalogued) {

    private static final List<Dimension> ALL = Catalogue.all().stream()
            .filter(d -> d.filterable() || d.breakdown()).map(Dimension::new).toList();

    public static final Dimension COUNTRY = of(Catalogue.COUNTRY);
    public static final Dimension CARD_TYPE = of(Catalogue.CARD_TYPE);
    public static final Dimension CATEGORY = of(Catalogue.CATEGORY);

    private static Dimension of(io.salespulse.schema.catalogue.Dimension catalogued) {
        return ALL.stream().filter(d -> d.catalogued == catalogued).findFirst()
                .orElseThrow(() -> new IllegalStateException(catalogued.name() + " is neither a filter nor a breakdown"));
    }

    /** Every filter and breakdown dimension, in catalogue order. */
    public static List<Dimension> all() {
        return ALL;
    }

    public static List<Dimension> filters() {
        return ALL.stream().filter(d -> d.catalogued.filterable()).toList();
    }

    public static List<Dimension> breakdowns() {
        return ALL.stream().filter(d -> d.catalogued.breakdown()).toList();
    }

    /** The query parameter (and JSON name) that filters by this dimension. */
    public String parameter() {
        return catalogued.parameter();
    }

    public String label() {
        return catalogued.label();
    }

    /** Its key column in the fact table. */
    public String column() {
        return catalogued.key().name();
    }

    public Values values() {
        return catalogued.values();
    }

    /** Whether filtering by it narrows every panel to order lines (see {@link Filter}). */
    public boolean lineLevel() {
        return catalogued.level() == Level.LINE;
    }

    /** How URLs name it: the catalogue name with '-' ({@code card-type}), as in /api/v1/by-card-type. */
    public String slug() {
        return catalogued.name().replace('_', '-');
    }

    /** The snapshot's JSON field for its breakdown: {@code byCardType}. */
    public String snapshotField() {
        return "by" + Character.toUpperCase(parameter().charAt(0)) + parameter().substring(1);
    }

    /** The filter options' JSON field: the parameter in the plural ({@code countries}, {@code cardTypes}). */
    public String optionsField() {
        String p = parameter();
        return p.endsWith("y") ? p.substring(0, p.length() - 1) + "ies" : p + "s";
    }

    /** By slug, catalogue name or query parameter ({@code card-type}, {@code card_type}, {@code cardType}). */
    public static Optional<Dimension> lookup(String name) {
        return ALL.stream().filter(d -> d.slug().equals(name) || d.catalogued.name().equals(name)
                || d.parameter().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return catalogued.name();
    }
}
