package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator itself created outside Kubernetes for this pipeline, and where: all that deletionPolicy Delete
 * may remove. Pre-existing topics, tables and keyspaces are never recorded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CreatedData {

    @JsonPropertyDescription("Kafka topics the operator created, on the cluster named by bootstrapServers.")
    public Topics kafka;

    @JsonPropertyDescription("MySQL tables and views the operator's migrations created, in the database of jdbcUrl.")
    public Tables mysql;

    @JsonPropertyDescription("The Cassandra keyspace, when the operator created it.")
    public Keyspace cassandra;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Topics {
        public String bootstrapServers;
        public List<String> topics = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Tables {
        @JsonPropertyDescription("Host part and database of spec.mysql.jdbcUrl when they were created (no parameters).")
        public String database;
        public List<String> tables = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Keyspace {
        public String contactPoints;
        public String keyspace;
    }
}
