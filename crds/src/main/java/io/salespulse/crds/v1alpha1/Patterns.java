package io.salespulse.crds.v1alpha1;

/**
 * The regular expressions the API server enforces on spec fields. Kubernetes evaluates them with Go's RE2: no
 * look-arounds or back-references.
 */
final class Patterns {

    static final String HOST_PORT_LIST = "^[A-Za-z0-9._-]+:[0-9]{1,5}(,[A-Za-z0-9._-]+:[0-9]{1,5})*$";
    static final String KAFKA_TOPIC = "^[a-zA-Z0-9._-]{1,249}$";
    /** Plain HOST[:PORT] list (no driver properties in the host part), database, simple key=value parameters. */
    static final String JDBC_MYSQL_URL = "^jdbc:(mysql|mariadb)://[A-Za-z0-9.:\\[\\],-]+/[A-Za-z0-9_$-]+"
            + "([?][A-Za-z]+=[A-Za-z0-9_.:/+-]*(&[A-Za-z]+=[A-Za-z0-9_.:/+-]*)*)?$";
    static final String CASSANDRA_CONSISTENCY = "^(AUTO|ANY|ONE|TWO|THREE|QUORUM|ALL|LOCAL_ONE|LOCAL_QUORUM|EACH_QUORUM)$";
    static final String CASSANDRA_KEYSPACE = "^[a-zA-Z][a-zA-Z0-9_]{0,47}$";
    static final String CASSANDRA_REPLICATION = "^(SimpleStrategy:[1-9][0-9]*|NetworkTopologyStrategy:[A-Za-z0-9_.-]+="
            + "[1-9][0-9]*(,[A-Za-z0-9_.-]+=[1-9][0-9]*)*)$";
    /** ISO-8601 day-time duration (PT5S, PT1M, P7D); the operator also rejects an empty one such as "PT". */
    static final String ISO_DURATION = "^P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$";
    /** Spark's memory notation: 512m, 2g. */
    static final String SPARK_MEMORY = "^[1-9][0-9]*[kmgt]$";
    static final String QUANTITY = "^[0-9]+([.][0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    /** A CPU quantity: whole or fractional cores (0.5, 2) or millicores (250m). */
    static final String CPU = "^([0-9]+([.][0-9]+)?|[1-9][0-9]*m)$";
    static final String IMAGE = "^[^\\s]+$";
    static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
    static final String DNS_HOST = "^(\\*[.])?[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

    private Patterns() {
    }
}
