package io.salespulse.schema.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed JSON Schema is exactly what {@link OrderEventSchema} generates from {@link OrderLimits}. After a
 * change there, regenerate it: {@code ./mvnw -pl schema test -Dtest=OrderEventSchemaFileTest -Dsalespulse.regenerate=true}.
 */
class OrderEventSchemaFileTest {

    private static final Path FILE = Path.of("src/main/resources/order-event.schema.json");

    @Test
    void theCommittedSchemaIsGeneratedFromTheLimits() throws Exception {
        if (Boolean.getBoolean("salespulse.regenerate")) {
            Files.writeString(FILE, OrderEventSchema.text());
        }
        assertThat(Files.readString(FILE))
                .as("%s is out of step with OrderLimits; regenerate it (see this test's comment)", FILE)
                .isEqualTo(OrderEventSchema.text());
    }
}
