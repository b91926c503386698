package io.salespulse.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One driver session per JVM and the two raw-store inserts, as a user of the driver would keep them. */
record RawStore(CqlSession session, PreparedStatement byHour, PreparedStatement byId, UserDefinedType itemType) {

    private static final Map<String, RawStore> OPEN = new ConcurrentHashMap<>();

    static final List<String> SHARED = List.of("event_id", "event_time", "order_id", "customer_id", "country", "card_type",
            "channel", "currency", "total_amount", "items", "kafka_partition", "kafka_offset");

    static RawStore of(String contactPoint, String keyspace) {
        return OPEN.computeIfAbsent(contactPoint + "/" + keyspace, k -> {
            CqlSession session = session(contactPoint);
            UserDefinedType itemType = session.getMetadata().getKeyspace(keyspace)
                    .flatMap(ks -> ks.getUserDefinedType("order_item")).orElseThrow();
            List<String> byHour = new java.util.ArrayList<>(List.of("hour", "shard"));
            byHour.addAll(SHARED);
            return new RawStore(session, session.prepare(insert(keyspace + ".orders_by_hour", byHour)),
                    session.prepare(insert(keyspace + ".orders_by_id", SHARED)), itemType);
        });
    }

    static CqlSession session(String contactPoint) {
        int colon = contactPoint.lastIndexOf(':');
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(contactPoint.substring(0, colon), Integer.parseInt(contactPoint.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                        .build())
                .build();
    }

    private static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    }
}
