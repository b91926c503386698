package io.salespulse.schema.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind of row in the fact table. The ORDER grain holds whole orders per combination of every order-level
 * dimension; each line dimension has its own grain holding, per combination of the order-level dimensions and its
 * value, the lines with that value (orders = orders with at least one such line). Any filter on order dimensions,
 * and on the line dimension a grain is {@link Dimension#within() within}, is a WHERE on one grain's rows.
 *
 * @param name the value of the fact table's {@code grain} column
 * @param line the line dimension, empty for the ORDER grain
 */
public record Grain(String name, Optional<Dimension> line) {

    public static final String ORDER = "order";

    /** Every grain, ORDER first, in the catalogue's order. */
    public static List<Grain> all() {
        List<Grain> grains = new ArrayList<>();
        grains.add(new Grain(ORDER, Optional.empty()));
        Catalogue.at(Level.LINE).forEach(d -> grains.add(new Grain(d.name(), Optional.of(d))));
        return List.copyOf(grains);
    }

    public static Grain named(String name) {
        return all().stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no grain named " + name));
    }

    public boolean isOrder() {
        return line.isEmpty();
    }

    /** The dimensions whose key this grain's rows carry (the others are '' in the fact table). */
    public List<Dimension> dimensions() {
        List<Dimension> dims = new ArrayList<>(Catalogue.at(Level.ORDER));
        line.ifPresent(d -> {
            d.within().ifPresent(w -> dims.add(Catalogue.named(w)));
            dims.add(d);
        });
        return List.copyOf(dims);
    }

    /** The grain of rows broken down by {@code dimension}: ORDER for an order dimension, its own for a line one. */
    public static Grain of(Dimension dimension) {
        return dimension.level() == Level.ORDER ? named(ORDER) : named(dimension.name());
    }
}
