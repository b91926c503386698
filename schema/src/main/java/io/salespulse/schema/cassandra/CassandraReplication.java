package io.salespulse.schema.cassandra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A keyspace replication setting, written as {@code SimpleStrategy:1} or
 * {@code NetworkTopologyStrategy:dc1=3,dc2=3} in configuration.
 */
public record CassandraReplication(String strategy, Map<String, Integer> factors) implements java.io.Serializable {

    public static CassandraReplication parse(String text) {
        String[] parts = text.trim().split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("cassandra replication '" + text
                    + "' must look like SimpleStrategy:1 or NetworkTopologyStrategy:dc1=3,dc2=3");
        }
        Map<String, Integer> factors = new LinkedHashMap<>();
        switch (parts[0]) {
            case "SimpleStrategy" -> factors.put("replication_factor", factor(text, parts[1]));
            case "NetworkTopologyStrategy" -> {
                for (String dc : parts[1].split(",")) {
                    String[] kv = dc.split("=", 2);
                    if (kv.length != 2 || kv[0].isBlank()) {
                        throw new IllegalArgumentException("cassandra replication '" + text
                                + "': expected datacenter=factor, got '" + dc + "'");
                    }
                    factors.put(kv[0].trim(), factor(text, kv[1]));
                }
            }
            default -> throw new IllegalArgumentException("cassandra replication strategy '" + parts[0]
                    + "' is not SimpleStrategy or NetworkTopologyStrategy");
        }
        return new CassandraReplication(parts[0], Map.copyOf(factors));
    }

    private static int factor(String text, String value) {
        try {
            int factor = Integer.parseInt(value.trim());
            if (factor < 1) {
                throw new NumberFormatException();
            }
            return factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cassandra replication '" + text + "': factor '" + value
                    + "' must be a whole number >= 1");
        }
    }

    /** The CQL map literal for {@code WITH replication = ...}. */
    public String toCql() {
        String entries = factors.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "'" + e.getKey() + "': " + e.getValue())
                .collect(Collectors.joining(", "));
        return "{'class': '" + strategy + "', " + entries + "}";
    }
}
