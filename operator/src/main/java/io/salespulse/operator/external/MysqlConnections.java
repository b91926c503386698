package io.salespulse.operator.external;

import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator's own MySQL reads (the job's heartbeat and progress, the tables around a migration) share one
 * connection per database and user, used by one read at a time: a connection per read cost a TLS handshake and a
 * login on both sides, several per pipeline and reconcile. A connection is opened again after {@link #MAX_AGE}, so
 * a password changed in MySQL alone is noticed within it, and at once when the Secret changes (another key).
 */
public final class MysqlConnections {

    static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final SharedClients<Shared> SHARED = new SharedClients<>("MySQL connection", Shared::close,
            Duration.ofMinutes(2), Clock.systemUTC());

    private MysqlConnections() {
    }

    /** A read on an open connection. */
    public interface Read<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code read} on the shared connection to the pipeline's database, with the operator's timeouts. */
    public static <T> T read(PipelineRun run, Credentials credentials, Read<T> read) throws SQLException {
        long timeout = run.settings().externalTimeout().toMillis();
        // The parsed and rebuilt URL (allowed parameters only, no local infile, verified TLS when configured).
        String url = MysqlDatabases.operatorUrl(run) + "&connectTimeout=" + timeout + "&socketTimeout=" + timeout;
        try (var lease = SHARED.lease(Hashes.sha256(url + "|" + credentials.username()),
                Hashes.sha256(credentials.password()), () -> new Shared(url, credentials))) {
            return lease.client().read(read);
        }
    }

    static void closeAll() {
        SHARED.closeAll();
    }

    /** One connection, opened on first use and again when too old or broken. */
    static final class Shared {
        private final String url;
        private final Credentials credentials;
        private Connection connection;
        private Instant opened;

        Shared(String url, Credentials credentials) {
            this.url = url;
            this.credentials = credentials;
        }

        synchronized <T> T read(Read<T> read) throws SQLException {
            boolean reused = connection != null && opened.plus(MAX_AGE).isAfter(Instant.now());
            if (!reused) {
                open();
            }
            try {
                return read.apply(connection);
            } catch (SQLException e) {
                close();
                // A kept connection the server has dropped (restart, idle timeout): once more on a new one.
                if (reused && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    open();
                    try {
                        return read.apply(connection);
                    } catch (SQLException again) {
                        close();
                        throw again;
                    }
                }
                throw e;
            }
        }

        private void open() throws SQLException {
            close();
            connection = DriverManager.getConnection(url, credentials.username(), credentials.password());
            opened = Instant.now();
        }

        synchronized void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // already broken
                }
                connection = null;
            }
        }
    }
}
