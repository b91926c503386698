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

    @Default("AUTO")
    @Pattern(Patterns.CASSANDRA_CONSISTENCY)
    @JsonPropertyDescription("Consistency level of the job's raw-order writes. AUTO (default) is LOCAL_QUORUM when "
            + "the local datacenter keeps 3 or more replicas, else LOCAL_ONE; or a level such as LOCAL_QUORUM, "
            + "EACH_QUORUM, QUORUM, LOCAL_ONE.")
    public String writeConsistency = "AUTO";

    @JsonPropertyDescription("Optional Secret with the Cassandra user and password (PasswordAuthenticator).")
    public SecretCredentialsRef credentialsSecretRef;

    @JsonPropertyDescription("TLS to the native protocol port, verified against this CA with host name checking.")
    public TlsSpec tls;
}
