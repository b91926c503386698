package io.salespulse.schema.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.schema.order.OrderLimits;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void contractTextColumnsAreAsWideAsTheContractAllows() {
        assertThat(Catalogue.CATEGORY.key().sqlType()).startsWith("VARCHAR(" + OrderLimits.Text.CATEGORY.maxLength() + ")");
        assertThat(Catalogue.PRODUCT.key().sqlType()).startsWith("VARCHAR(" + OrderLimits.Text.PRODUCT_ID.maxLength() + ")");
        assertThat(Catalogue.PRODUCT.attributes()).extracting(Column::name).containsExactly("product_name");
    }

    @Test
    void namesParametersAndColumnsAreUnique() {
        List<Dimension> all = Catalogue.all();
        assertThat(new HashSet<>(all.stream().map(Dimension::name).toList())).hasSize(all.size());
        assertThat(new HashSet<>(all.stream().map(Dimension::parameter).toList())).hasSize(all.size());
        assertThat(new HashSet<>(FactTable.dimensionColumns())).hasSize(FactTable.dimensionColumns().size());
        assertThat(Catalogue.lookup("cardType")).contains(Catalogue.CARD_TYPE);
        assertThat(Catalogue.lookup("card_type")).contains(Catalogue.CARD_TYPE);
        assertThat(Catalogue.lookup("nope")).isEmpty();
    }

    @Test
    void grainsCarryTheOrderDimensionsAndTheirLineDimension() {
        assertThat(Grain.all()).extracting(Grain::name).containsExactly("order", "category", "product");
        assertThat(Grain.named("order").dimensions()).containsExactlyElementsOf(Catalogue.at(Level.ORDER));
        assertThat(Grain.named("product").dimensions()).endsWith(Catalogue.CATEGORY, Catalogue.PRODUCT);
        assertThat(Grain.of(Catalogue.COUNTRY).isOrder()).isTrue();
        assertThat(Grain.of(Catalogue.CATEGORY).name()).isEqualTo("category");
        // Every dimension a line dimension lives within is itself a line dimension of the catalogue.
        Catalogue.at(Level.LINE).forEach(d -> d.within().ifPresent(w -> assertThat(Catalogue.named(w).level()).isEqualTo(Level.LINE)));
    }

    @Test
    void theUpsertAddsMeasuresAndFillsEveryColumn() {
        String sql = FactTable.upsertSql();
        int columns = 2 + FactTable.dimensionColumns().size() + 3;
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(columns);
        assertThat(sql).startsWith("INSERT INTO sales_fact (window_start, grain, country, card_type, channel, category, product_id, "
                + "product_name, revenue, orders, items)").contains("revenue = revenue + VALUES(revenue)");
    }
}
