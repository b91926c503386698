package io.salespulse.schema.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The raw-order store's schema ({@code cassandra/raw-orders.cql}) and how rows map to partitions. Creating it is
 * idempotent (IF NOT EXISTS everywhere), so the job, the launcher and the operator may all call {@link #apply}.
 */
public final class CassandraSchema {

    /** Partitions per hour in orders_by_hour: bounds partition size at high order rates. */
    public static final int SHARDS = 8;

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

    private CassandraSchema() {
    }

    public static int shardOf(java.util.UUID eventId) {
        return Math.floorMod(eventId.hashCode(), SHARDS);
    }

    public static void apply(CqlSession session, String keyspace, CassandraReplication replication) {
        requireValidKeyspace(keyspace);
        execute(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication.toCql());
        for (String statement : statements(keyspace)) {
            execute(session, statement);
        }
    }

    public static void requireValidKeyspace(String keyspace) {
        if (keyspace == null || !KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("cassandra keyspace '" + keyspace
                    + "' must start with a letter and contain only letters, digits and '_' (max 48)");
        }
    }

    static List<String> statements(String keyspace) {
        String script;
        try (InputStream in = CassandraSchema.class.getResourceAsStream("/cassandra/raw-orders.cql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.replace("${keyspace}", keyspace))
                .toList();
    }

    private static void execute(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
    }
}
