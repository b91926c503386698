package io.salespulse.job;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a Spark row by column name against its schema: fields left unset are null, and a name the schema does not
 * have fails at once instead of shifting every later value by one.
 */
final class NamedRow {

    private final StructType schema;
    private final Object[] values;

    NamedRow(StructType schema) {
        this.schema = schema;
        this.values = new Object[schema.size()];
    }

    NamedRow set(String column, Object value) {
        values[schema.fieldIndex(column)] = value;
        return this;
    }

    Row build() {
        return new GenericRowWithSchema(values, schema);
    }
}
