package io.salespulse.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.salespulse.crds.v1alpha1.CreatedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedRecordTest {

    @Test
    void recordsOnlyWhereTheFirstCreationHappenedAndKeepsThePrevious() {
        CreatedRecord first = new CreatedRecord(null);
        assertThat(CreatedRecord.isEmpty(first.data())).isTrue();
        first.topic("k1:9092", "orders-dead-letters");
        first.tables("db:3306/sales", List.of("sales_minute", "flyway_schema_history"));
        first.keyspace("c1:9042", "sales");

        CreatedRecord next = new CreatedRecord(first.data());
        // The spec was pointed at another cluster and database: what is created there is not recorded.
        next.topic("k2:9092", "orders");
        next.tables("other:3306/sales", List.of("dead_letters"));
        next.keyspace("c2:9042", "sales2");
        next.tables("db:3306/sales", List.of("late_events"));
        CreatedData d = next.data();
        assertThat(d.kafka.bootstrapServers).isEqualTo("k1:9092");
        assertThat(d.kafka.topics).containsExactly("orders-dead-letters");
        assertThat(d.mysql.database).isEqualTo("db:3306/sales");
        assertThat(d.mysql.tables).containsExactly("flyway_schema_history", "sales_minute", "late_events");
        assertThat(d.cassandra.contactPoints).isEqualTo("c1:9042");
        assertThat(d.cassandra.keyspace).isEqualTo("sales");
        assertThat(CreatedRecord.isEmpty(d)).isFalse();
        assertThat(first.data().mysql.tables).as("the previous record is not changed").hasSize(2);
    }

    @Test
    void aStaleStatusDoesNotLoseWhatWasWritten() {
        CreatedRecord written = new CreatedRecord(null);
        written.topic("k1:9092", "orders-dead-letters");
        written.tables("db:3306/sales", List.of("sales_minute"));
        written.keyspace("c1:9042", "sales");

        // The informer's copy from before that patch: nothing recorded yet.
        CreatedData merged = CreatedRecord.union(null, written.data());
        assertThat(merged.kafka.topics).containsExactly("orders-dead-letters");
        assertThat(merged.mysql.tables).containsExactly("sales_minute");
        assertThat(merged.cassandra.keyspace).isEqualTo("sales");

        CreatedRecord fresher = new CreatedRecord(written.data());
        fresher.tables("db:3306/sales", List.of("late_events"));
        assertThat(CreatedRecord.union(fresher.data(), written.data()).mysql.tables)
                .containsExactly("sales_minute", "late_events");
    }
}
