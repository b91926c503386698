package io.salespulse.local;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.salespulse.schema.mysql.MysqlSchema;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Services the user brings ({@code --mysql-url}, {@code --kafka}, {@code --cassandra}) instead of local ones: parsed
 * and checked before anything starts, each failure naming the setting. Credentials come from the environment
 * (the same variables the streaming job reads), never from the command line, and are never printed.
 */
final class ExistingServices {

    static final String MYSQL_USER = "SALESPULSE_MYSQL_USER";
    static final String MYSQL_PASSWORD = "SALESPULSE_MYSQL_PASSWORD";
    static final String CASSANDRA_USER = "SALESPULSE_CASSANDRA_USER";
    static final String CASSANDRA_PASSWORD = "SALESPULSE_CASSANDRA_PASSWORD";
    static final String CASSANDRA_DATACENTER = "SALESPULSE_CASSANDRA_LOCAL_DATACENTER";
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(20);

    /** What the pipeline needs to reach MySQL: the URL as given, and the user and password. */
    record MysqlAccess(String url, String user, String password) {
        String jdbcUrl() {
            return MysqlSchema.withDriverDefaults(url);
        }
    }

    record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private ExistingServices() {
    }

    /** The MySQL of {@code --mysql-url}, with its credentials from the environment, checked by logging in. */
    static MysqlAccess mysql(String url, Map<String, String> env) {
        String setting = "--mysql-url=" + url;
        if (!url.startsWith("jdbc:mysql://")) {
            throw new IllegalArgumentException(setting + ": expected jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        if (url.toLowerCase().contains("password=")) {
            throw new IllegalArgumentException("--mysql-url: do not put the password in the URL (it would show in the process list);"
                    + " set " + MYSQL_PASSWORD + " instead");
        }
        String user = env.get(MYSQL_USER);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(setting + ": set " + MYSQL_USER + " (and " + MYSQL_PASSWORD + ") in the environment");
        }
        MysqlAccess access = new MysqlAccess(url, user, env.getOrDefault(MYSQL_PASSWORD, ""));
        HostPort where = mysqlHostPort(url);
        reachable(setting, where);
        DriverManager.setLoginTimeout((int) ANSWER.toSeconds());
        try (Connection c = DriverManager.getConnection(access.jdbcUrl(), access.user(), access.password())) {
            c.isValid((int) ANSWER.toSeconds());
        } catch (SQLException e) {
            throw new IllegalStateException(setting + ": " + where + " answers but logging in as " + MYSQL_USER + "=" + user
                    + " failed: " + firstLine(e.getMessage()), e);
        }
        return access;
    }

    static HostPort mysqlHostPort(String url) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("--mysql-url=" + url + ": expected jdbc:mysql://HOST[:PORT]/DATABASE");
        }
        return new HostPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 3306);
    }

    /** The Kafka of {@code --kafka} (PLAINTEXT listeners), checked by asking it for its brokers. */
    static String kafka(String bootstrap) {
        String setting = "--kafka=" + bootstrap;
        List<HostPort> brokers = hostPorts(setting, bootstrap, 9092);
        reachable(setting, brokers.get(0));
        try (Admin admin = KafkaNode.admin(bootstrap)) {
            int nodes = admin.describeCluster().nodes().get(ANSWER.toSeconds(), TimeUnit.SECONDS).size();
            if (nodes == 0) {
                throw new IllegalStateException(setting + ": the cluster reports no brokers");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(setting + ": " + brokers.get(0) + " accepts connections but no Kafka broker answered within "
                    + ANSWER.toSeconds() + " s (" + firstLine(String.valueOf(e.getCause() == null ? e : e.getCause())) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(setting + ": interrupted", e);
        }
        return bootstrap;
    }

    /** The Cassandra of {@code --cassandra}, credentials and datacenter from the environment, checked with a query. */
    static String cassandra(String contactPoint, Map<String, String> env) {
        String setting = "--cassandra=" + contactPoint;
        List<HostPort> points = hostPorts(setting, contactPoint, 9042);
        reachable(setting, points.get(0));
        var builder = CqlSession.builder()
                .withLocalDatacenter(env.getOrDefault(CASSANDRA_DATACENTER, CassandraNode.DATACENTER))
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, ANSWER)
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, ANSWER).build());
        points.forEach(p -> builder.addContactPoint(new InetSocketAddress(p.host(), p.port())));
        String user = env.get(CASSANDRA_USER);
        if (user != null && !user.isBlank()) {
            builder.withAuthCredentials(user, env.getOrDefault(CASSANDRA_PASSWORD, ""));
        }
        try (CqlSession session = builder.build()) {
            session.execute("SELECT release_version FROM system.local");
        } catch (RuntimeException e) {
            throw new IllegalStateException(setting + ": " + points.get(0) + " accepts connections but no Cassandra answered"
                    + (user == null ? "" : " as " + CASSANDRA_USER + "=" + user) + ": " + firstLine(e.getMessage()), e);
        }
        return points.stream().map(HostPort::toString).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    /** "host:port[,host:port]" (a bare host takes {@code defaultPort}; IPv6 in brackets). */
    static List<HostPort> hostPorts(String setting, String value, int defaultPort) {
        List<HostPort> result = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            int colon = p.lastIndexOf(':');
            boolean hasPort = colon > 0 && !p.endsWith("]") && (p.indexOf(':') == colon || p.startsWith("["));
            String host = hasPort ? p.substring(0, colon) : p;
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            int port;
            try {
                port = hasPort ? Integer.parseInt(p.substring(colon + 1)) : defaultPort;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting + ": '" + p + "' is not HOST:PORT");
            }
            if (host.isBlank() || port <= 0 || port > 65535) {
                throw new IllegalArgumentException(setting + ": '" + p + "' is not HOST:PORT");
            }
            result.add(new HostPort(host, port));
        }
        return result;
    }

    /** A TCP connection within a few seconds, or an error that names the setting and what happened. */
    static void reachable(String setting, HostPort where) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(where.host(), where.port()), (int) CONNECT.toMillis());
        } catch (IOException e) {
            throw new IllegalStateException(setting + ": cannot connect to " + where + " (" + firstLine(String.valueOf(e.getMessage())) + ")", e);
        }
    }

    private static String firstLine(String text) {
        String s = text == null ? "" : text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
