package io.salespulse.operator.external;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import io.salespulse.crds.v1alpha1.CassandraSpec;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Driver sessions for schema work: short connect timeouts, the long request timeout DDL needs. One session per
 * cluster and user is shared by all pipelines and threads (a session is thread-safe and reconnects itself; opening
 * one costs a control connection and a schema read); a rotated password or CA opens a new one.
 */
final class CassandraSessions {

    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);
    private static final SharedClients<CqlSession> SHARED = new SharedClients<>("Cassandra session",
            CqlSession::close, Duration.ofMinutes(10), java.time.Clock.systemUTC());

    private CassandraSessions() {
    }

    static final String TLS_FIELD = "spec.cassandra.tls.caSecretRef";

    /**
     * The shared session to the pipeline's cluster with its credentials and, with spec.cassandra.tls, verified TLS;
     * close the lease after use. Keyspaces are always named in the statements: the session has none of its own.
     */
    static SharedClients.Lease<CqlSession> lease(PipelineRun run) {
        CassandraSpec spec = run.spec().cassandra;
        Credentials credentials = run.credentials(spec.credentialsSecretRef, CassandraKeyspaceStep.FIELD);
        TrustMaterial ca = run.trust(spec.tls, TLS_FIELD);
        Duration timeout = run.settings().externalTimeout();
        String endpoint = Hashes.sha256(spec.contactPoints + "|" + spec.localDatacenter + "|"
                + (credentials == null ? "" : credentials.username()));
        String secret = Hashes.sha256((credentials == null ? "" : credentials.password()) + "|"
                + (ca == null ? "" : ca.fingerprint()) + "|" + timeout);
        return SHARED.lease(endpoint, secret, () -> open(spec, credentials, ca, timeout));
    }

    static void closeAll() {
        SHARED.closeAll();
    }

    static DriverConfigLoader config(Duration timeout) {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, DDL_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, DDL_TIMEOUT)
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                // No client-side schema: the steps read system_schema themselves. With it, opening a session reads
                // every keyspace, and each DDL waits for a debounced (1 s) refresh after the schema agreement.
                .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
                .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
                .build();
    }

    static CqlSession open(CassandraSpec spec, Credentials credentials, TrustMaterial ca, Duration timeout) {
        CqlSessionBuilder builder = CqlSession.builder().withConfigLoader(config(timeout))
                .withLocalDatacenter(spec.localDatacenter);
        for (String point : spec.contactPoints.split(",")) {
            int colon = point.lastIndexOf(':');
            builder.addContactPoint(InetSocketAddress.createUnresolved(point.substring(0, colon).strip(),
                    Integer.parseInt(point.substring(colon + 1).strip())));
        }
        if (ca != null) {
            // Only the given CA is trusted, and each node's certificate must name the host it was reached by.
            builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(ca.sslContext(), null, true));
        }
        if (credentials != null) {
            builder.withAuthCredentials(credentials.username(), credentials.password());
        }
        try {
            return builder.build();
        } catch (DriverException e) {
            throw failure(e, spec);
        }
    }

    static ExternalStepException failure(DriverException e, CassandraSpec spec) {
        if (e instanceof AllNodesFailedException all && all.getAllErrors().values().stream().flatMap(java.util.List::stream)
                .anyMatch(t -> t instanceof AuthenticationException)) {
            return new ExternalStepException("CassandraAuthenticationFailed", "Cassandra rejected the credentials: "
                    + "check the Secret in spec.cassandra.credentialsSecretRef", e);
        }
        if (e instanceof AllNodesFailedException) {
            return new ExternalStepException("CassandraUnreachable", "cannot connect to Cassandra at "
                    + spec.contactPoints + " (datacenter " + spec.localDatacenter + "): check spec.cassandra."
                    + "contactPoints and localDatacenter and that the nodes are up (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
        if (e instanceof UnauthorizedException) {
            return new ExternalStepException("CassandraNotAuthorized", "the Cassandra user may not create the "
                    + "keyspace or tables: grant it CREATE/ALTER (" + e.getMessage() + ")", e);
        }
        return new ExternalStepException("CassandraError", "Cassandra failed: " + ExternalFailures.describe(e), e);
    }
}
