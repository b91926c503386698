package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The MySQL/MariaDB database of the aggregates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MysqlSpec {

    @Required
    @Pattern(Patterns.JDBC_MYSQL_URL)
    @JsonPropertyDescription("JDBC URL with the database name, e.g. jdbc:mysql://mysql.db.svc:3306/salespulse. The "
            + "database must exist; the operator creates the tables (Flyway). Only HOST[:PORT] hosts and the "
            + "parameters connectTimeout, socketTimeout, sslMode, allowPublicKeyRetrieval, tcpKeepAlive, "
            + "useCompression, characterEncoding and connectionTimeZone are accepted; local infile is always off.")
    public String jdbcUrl;

    @Required
    @JsonPropertyDescription("Secret with the MySQL user and password (keys username/password unless set otherwise). "
            + "The user needs DDL rights on the database for the migrations.")
    public SecretCredentialsRef credentialsSecretRef;

    @JsonPropertyDescription("Verified TLS: with a CA the connections use sslMode=VERIFY_IDENTITY (certificate chain "
            + "and host name checked). Without it the URL's sslMode applies (default PREFERRED: encrypted if the "
            + "server offers it, not verified).")
    public TlsSpec tls;
}
