package io.salespulse.dashboard.query;

import io.salespulse.schema.catalogue.Catalogue;

/**
 * The dashboard's filters and breakdown panels: the {@link Catalogue}'s dimensions marked filterable and shown as a
 * breakdown. Parameter, label and column come from the catalogue, never from a request.
 */
public enum Dimension {
    COUNTRY(Catalogue.COUNTRY),
    CARD_TYPE(Catalogue.CARD_TYPE),
    CATEGORY(Catalogue.CATEGORY);

    private final io.salespulse.schema.catalogue.Dimension catalogued;

    Dimension(io.salespulse.schema.catalogue.Dimension catalogued) {
        this.catalogued = catalogued;
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

    public io.salespulse.schema.catalogue.Dimension catalogued() {
        return catalogued;
    }

    /** How URLs name it: the catalogue name with '-' ({@code card-type}), as in /api/v1/by-card-type. */
    public String slug() {
        return catalogued.name().replace('_', '-');
    }

    /** By slug, catalogue name or query parameter ({@code card-type}, {@code card_type}, {@code cardType}). */
    public static java.util.Optional<Dimension> lookup(String name) {
        for (Dimension d : values()) {
            if (d.slug().equals(name) || d.catalogued.name().equals(name) || d.parameter().equals(name)) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }
}
