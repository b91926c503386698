package io.salespulse.operator.reconcile;

import io.salespulse.crds.v1alpha1.CreatedData;
import java.util.Collection;
import java.util.Objects;

/**
 * Keeps status.created: what this pipeline itself created outside Kubernetes, and where. Only a creation the
 * operator performed is recorded (never a topic, table or keyspace that was there before), and a record for one
 * place is not mixed with another: when the spec is pointed elsewhere, what is created there is left unrecorded,
 * so deletionPolicy Delete can only ever err towards keeping data. The external steps record concurrently.
 */
public final class CreatedRecord {

    private final CreatedData data;

    CreatedRecord(CreatedData previous) {
        this.data = copy(previous);
    }

    public synchronized CreatedData data() {
        return data;
    }

    public synchronized void topic(String bootstrapServers, String topic) {
        if (data.kafka == null || data.kafka.topics.isEmpty()) {
            data.kafka = new CreatedData.Topics();
            data.kafka.bootstrapServers = bootstrapServers;
        }
        if (data.kafka.bootstrapServers.equals(bootstrapServers) && !data.kafka.topics.contains(topic)) {
            data.kafka.topics.add(topic);
        }
    }

    public synchronized void tables(String database, Collection<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        if (data.mysql == null || data.mysql.tables.isEmpty()) {
            data.mysql = new CreatedData.Tables();
            data.mysql.database = database;
        }
        if (data.mysql.database.equals(database)) {
            tables.stream().filter(t -> !data.mysql.tables.contains(t)).sorted().forEach(data.mysql.tables::add);
        }
    }

    public synchronized void keyspace(String contactPoints, String keyspace) {
        if (data.cassandra == null) {
            data.cassandra = new CreatedData.Keyspace();
            data.cassandra.contactPoints = contactPoints;
            data.cassandra.keyspace = keyspace;
        }
    }

    /** Everything either record holds (each kept only where it was created, as {@link #topic} and the rest do). */
    public static CreatedData union(CreatedData a, CreatedData b) {
        CreatedRecord r = new CreatedRecord(a);
        if (b != null) {
            if (b.kafka != null && b.kafka.topics != null) {
                b.kafka.topics.forEach(t -> r.topic(b.kafka.bootstrapServers, t));
            }
            if (b.mysql != null && b.mysql.tables != null) {
                r.tables(b.mysql.database, b.mysql.tables);
            }
            if (b.cassandra != null) {
                r.keyspace(b.cassandra.contactPoints, b.cassandra.keyspace);
            }
        }
        return r.data();
    }

    /** Whether nothing is recorded (a pipeline from before the record existed, or one that found everything). */
    public static boolean isEmpty(CreatedData d) {
        return d == null || ((d.kafka == null || d.kafka.topics.isEmpty())
                && (d.mysql == null || d.mysql.tables.isEmpty()) && d.cassandra == null);
    }

    private static CreatedData copy(CreatedData d) {
        CreatedData c = new CreatedData();
        if (d == null) {
            return c;
        }
        if (d.kafka != null) {
            c.kafka = new CreatedData.Topics();
            c.kafka.bootstrapServers = d.kafka.bootstrapServers;
            c.kafka.topics.addAll(Objects.requireNonNullElse(d.kafka.topics, java.util.List.of()));
        }
        if (d.mysql != null) {
            c.mysql = new CreatedData.Tables();
            c.mysql.database = d.mysql.database;
            c.mysql.tables.addAll(Objects.requireNonNullElse(d.mysql.tables, java.util.List.of()));
        }
        if (d.cassandra != null) {
            c.cassandra = new CreatedData.Keyspace();
            c.cassandra.contactPoints = d.cassandra.contactPoints;
            c.cassandra.keyspace = d.cassandra.keyspace;
        }
        return c;
    }
}
