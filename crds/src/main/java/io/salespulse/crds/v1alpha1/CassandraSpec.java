package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Cassandra cluster of the raw orders. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CassandraSpec {

    @Required
    @Pattern(Patterns.HOST_PORT_LIST)
    @JsonPropertyDescription("Contact points as host:port[,host:port...] (native protocol port, usually 9042).")
    public String contactPoints;

    @Default("datacenter1")
    @JsonPropertyDescription("The local datacenter the driver routes to (default datacenter1).")
    public String localDatacenter = "datacenter1";

    @Default("salespulse")
    @Pattern(Patterns.CASSANDRA_KEYSPACE)
    @JsonPropertyDescription("Keyspace of the raw-order tables (default salespulse); created if missing.")
    public String keyspace = "salespulse";

    @Default("SimpleStrategy:1")
    @Pattern(Patterns.CASSANDRA_REPLICATION)
    @JsonPropertyDescription("Keyspace replication: SimpleStrategy:N or NetworkTopologyStrategy:dc1=N[,dc2=M...] "
            + "(default SimpleStrategy:1). A change is applied with ALTER KEYSPACE; run a repair afterwards.")
    public String replication = "SimpleStrategy:1";

    @JsonPropertyDescription("Optional Secret with the Cassandra user and password (PasswordAuthenticator).")
    public SecretCredentialsRef credentialsSecretRef;
}
