package io.salespulse.dashboard.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.salespulse.dashboard.query.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the catalogue's filters on every operation that takes the view parameters ({@link ViewParams}: those with
 * {@code range}), so a dimension added to the catalogue shows up in the OpenAPI document without an edit here.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CatalogueParameters implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::addFilters));
    }

    private void addFilters(Operation operation) {
        List<Parameter> parameters = operation.getParameters();
        if (parameters == null || parameters.stream().noneMatch(p -> "range".equals(p.getName()))) {
            return;
        }
        List<Parameter> added = new ArrayList<>(parameters);
        for (Dimension d : Dimension.filters()) {
            if (parameters.stream().noneMatch(p -> d.parameter().equals(p.getName()))) {
                added.add(parameter(d));
            }
        }
        operation.setParameters(added);
    }

    static Parameter parameter(Dimension d) {
        String what = d.label().toLowerCase(Locale.ROOT);
        String description = d.lineLevel()
                ? "Only the order lines with this " + what + ", on every panel (combines with the other filters): revenue "
                        + "and items are those lines', orders are the orders with at least one line in the " + what
                        + " (so average order value is its revenue per such order)."
                : "Only orders with this " + what + ". Applies to every panel; combines with the other filters.";
        Schema schema = OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
        d.values().known().ifPresent(values -> schema.enumeration(new ArrayList<>(values)));
        return OASFactory.createParameter().name(d.parameter()).in(Parameter.In.QUERY).description(description)
                .schema(schema);
    }
}
