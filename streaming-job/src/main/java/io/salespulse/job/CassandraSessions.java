package io.salespulse.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One shared CqlSession per executor JVM and settings: sessions are expensive, tasks are many and short. */
final class CassandraSessions {

    private static final Map<JobConfig.CassandraSettings, CqlSession> SESSIONS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SESSIONS.values().forEach(CqlSession::close), "cassandra-sessions-close"));
    }

    private CassandraSessions() {
    }

    static CqlSession get(JobConfig.CassandraSettings settings) {
        return SESSIONS.computeIfAbsent(settings, CassandraSessions::open);
    }

    static CqlSession open(JobConfig.CassandraSettings settings) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withInt(DefaultDriverOption.CONNECTION_MAX_REQUESTS, 2048)
                // A restarted node is found again within seconds, not the driver's default minute.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofSeconds(1))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(4))
                // The raw-order writes: LOCAL_QUORUM once the local datacenter keeps >= 3 replicas (WriteConsistency).
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.writeConsistencyLevel())
                .build();
        CqlSessionBuilder builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter(settings.localDatacenter());
        for (String contact : settings.contactPoints().split(",")) {
            builder.addContactPoint(address(contact.strip()));
        }
        if (!settings.sslCa().isEmpty()) {
            // Only the configured CA is trusted, and every node's certificate must name its host.
            builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(CaTrust.sslContext(settings.sslCa()), null,
                    true));
        }
        if (!settings.user().isEmpty()) {
            builder.withAuthCredentials(settings.user(), settings.password());
        }
        return builder.build();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(hostPort, 9042);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
