package io.salespulse.local;

import io.salespulse.local.ExistingServices.MysqlAccess;
import io.salespulse.schema.mysql.DashboardGrants;
import io.salespulse.schema.mysql.MysqlSchema;
import io.salespulse.simulator.Anomalies;
import io.salespulse.simulator.OrderGenerator;
import io.salespulse.simulator.OrderPublisher;
import io.salespulse.simulator.RatePlan;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * The whole pipeline on this machine: Kafka, MariaDB (embedded) and Cassandra (started in parallel, each unless the
 * user brings their own), the streaming job, and the simulator. Everything started is stopped, newest first, by
 * {@link #close()} (Ctrl-C runs it).
 */
final class LocalPipeline implements AutoCloseable {

    private final LocalSettings settings;
    private final PrintStream out;
    private final Map<String, String> env;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private MariaDbNode mariadb;
    private MysqlAccess mysql;
    private JobSupervisor job;
    private DashboardProcess dashboard;
    private Thread simulator;
    private volatile boolean stopping;
    private Duration trigger = Duration.ofSeconds(5);

    LocalPipeline(LocalSettings settings, PrintStream out, Map<String, String> env) {
        this.settings = settings;
        this.out = out;
        this.env = env;
    }

    void start(double ordersPerSecond, Duration triggerInterval, boolean withSimulator, boolean withDashboard) throws Exception {
        this.trigger = triggerInterval;
        Files.createDirectories(settings.dir("logs"));
        out.printf("SalesPulse local run, data in %s%n", settings.dataDir.toAbsolutePath());
        // The user's own services first: a wrong address fails in seconds, before anything is started.
        if (settings.mysqlUrl != null) {
            mysql = ExistingServices.mysql(settings.mysqlUrl, env);
            out.printf("  %-14s using %s (yours, as %s)%n", "MySQL", settings.mysqlUrl, mysql.user());
        }
        if (settings.kafka != null) {
            ExistingServices.kafka(settings.kafka);
            out.printf("  %-14s using %s (yours)%n", "Kafka", settings.kafka);
        }
        if (settings.cassandra != null) {
            ExistingServices.cassandra(settings.cassandra, env);
            out.printf("  %-14s using %s (yours)%n", "Cassandra", settings.cassandra);
        }
        CompletableFuture<CassandraNode> cassandra = settings.cassandra != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> timed("Cassandra", () -> CassandraNode.start(settings.dir("cassandra"),
                        settings.cassandraPort, settings.cassandraPort + 1, "512m"), "127.0.0.1:" + settings.cassandraPort));
        CompletableFuture<MariaDbNode> database = mysql != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> timed("MariaDB " + EmbeddedMariaDb.version().series(),
                        () -> MariaDbNode.start(settings.dir("mariadb"), settings.mysqlPort), "127.0.0.1:" + settings.mysqlPort));
        try {
            if (settings.kafka == null) {
                register(timed("Kafka", () -> KafkaNode.start(settings.dir("kafka"), settings.kafkaPort, settings.kafkaPort + 1),
                        settings.kafkaBootstrapServers()));
            }
            KafkaNode.createTopics(settings.kafkaBootstrapServers(), 4, settings.topic);
            if (mysql == null) {
                mariadb = register(database.join());
                mariadb.createDatabase(LocalSettings.DATABASE);
                mysql = new MysqlAccess(mariadb.jdbcUrl(LocalSettings.DATABASE), mariadb.appUser(), mariadb.appPassword());
            }
            MysqlSchema.migrate(mysql.jdbcUrl(), mysql.user(), mysql.password());
            if (withDashboard) {
                MysqlAccess dashboardDb = dashboardDatabaseUser();
                dashboard = register(timed("dashboard", () -> DashboardProcess.start(settings.projectHome(), settings.dir("dashboard"),
                        settings.dashboardPort, dashboardDb.jdbcUrl(), dashboardDb.user(), dashboardDb.password()),
                        "127.0.0.1:" + settings.dashboardPort));
            }
            CassandraNode node = cassandra.join();
            if (node != null) {
                register(node);
            }
        } catch (RuntimeException e) {
            // Whatever did come up must still be stopped.
            database.thenAccept(n -> {
                if (n != null) {
                    register(n);
                }
            });
            cassandra.thenAccept(n -> {
                if (n != null) {
                    register(n);
                }
            });
            throw e;
        }
        StreamingJobProcess.Settings jobSettings = new StreamingJobProcess.Settings(settings.kafkaBootstrapServers(),
                settings.topic, mysql.url(), mysql.user(), mysql.password(), settings.cassandraContactPoint(),
                LocalSettings.KEYSPACE, settings.dir("checkpoint"), triggerInterval, 50_000, Duration.ofMinutes(2), "1g");
        // Supervised like the driver pod in Kubernetes: restarted from its checkpoint when it exits.
        job = register(new JobSupervisor(() -> StreamingJobProcess.start(jobSettings,
                settings.dir("logs").resolve("streaming-job.log"), Map.of()), RestartPolicy.standard(), out));
        out.printf("  %-14s started (pid %d, restarted if it exits), log %s%n", "streaming job", job.current().pid(),
                job.current().log());
        if (withSimulator) {
            simulator = new Thread(() -> simulate(ordersPerSecond), "simulator");
            simulator.setDaemon(true);
            simulator.start();
            out.printf("  %-14s publishing %.0f orders/s to topic %s%n", "simulator", ordersPerSecond, settings.topic);
        }
    }

    private void simulate(double ordersPerSecond) {
        Anomalies anomalies = new Anomalies(0.01, 0.01, 0.005, Duration.ofMinutes(3), Duration.ofMinutes(10));
        try (OrderPublisher publisher = new OrderPublisher(settings.kafkaBootstrapServers(), settings.topic)) {
            publisher.run(new OrderGenerator(System.nanoTime(), anomalies), RatePlan.steady(ordersPerSecond), 0, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("simulator stopped: " + e.getMessage());
        }
    }

    private <T> T timed(String what, Supplier<T> start, String where) {
        long begin = System.nanoTime();
        T started = start.get();
        out.printf("  %-14s up on %s (%.1f s)%n", what, where, (System.nanoTime() - begin) / 1e9);
        return started;
    }

    private synchronized <T extends AutoCloseable> T register(T resource) {
        started.push(resource);
        return resource;
    }

    /** A status reader; the caller closes it (it holds a Kafka admin client). */
    PipelineStatus status() {
        Admin admin = KafkaNode.admin(settings.kafkaBootstrapServers());
        register(admin);
        return new PipelineStatus(admin, settings.topic, mysql.jdbcUrl(), mysql.user(), mysql.password(), trigger);
    }

    /** Whether the job runs or will be restarted: false once the supervisor gave up. */
    boolean jobAlive() {
        return job != null && job.running();
    }

    Path jobLog() {
        return job.current().log();
    }

    /** The supervisor's part of the status line ("restarts 2, last: …"), empty before any restart. */
    String jobRestarts() {
        return job == null ? "" : job.status();
    }

    /** Why the supervisor stopped restarting the job, or null. */
    String jobGaveUp() {
        return job == null ? null : job.gaveUp();
    }

    void printWhereToLook() {
        out.printf("%nWhere to look:%n");
        if (dashboard != null) {
            out.printf("  Dashboard: %s   login: %s / password: $(cat %s)%n", dashboard.url(), DashboardProcess.DEMO_USER,
                    DashboardProcess.demoPasswordFile(settings.dir("dashboard")));
        }
        if (mariadb != null) {
            // The embedded server's own client: nothing else needs to be installed to look inside.
            out.printf("  SQL:   %s --skip-ssl -h127.0.0.1 -P%d -u%s -p\"$(cat %s)\" %s%n", EmbeddedMariaDb.binaries().client(),
                    settings.mysqlPort, mariadb.appUser(), MariaDbNode.passwordFile(settings.dir("mariadb")), LocalSettings.DATABASE);
        } else {
            out.printf("  SQL:   your MySQL, %s (as %s)%n", mysql.url(), mysql.user());
        }
        out.printf("         SELECT * FROM v_sales_by_country ORDER BY revenue DESC;%n");
        out.printf("         SELECT * FROM v_sales_by_card_type ORDER BY revenue DESC;%n");
        out.printf("         SELECT * FROM v_sales_per_minute ORDER BY window_start DESC LIMIT 10;%n");
        out.printf("         SELECT reason_code, COUNT(*) FROM dead_letters GROUP BY reason_code;%n");
        out.printf("  Status: ./salespulse status   (a line every 5 s follows here too)%n");
        out.printf("  Stop:   Ctrl-C stops everything; ./salespulse run again reuses %s%n%n", settings.dataDir);
    }

    boolean isStopping() {
        return stopping;
    }

    @Override
    public synchronized void close() {
        stopping = true;
        if (simulator != null) {
            simulator.interrupt();
        }
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                out.println("while stopping " + resource.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /**
     * On the embedded MariaDB the dashboard gets its own user (reads the aggregates, writes only its sign-out table);
     * on the user's own MySQL it shares the given user, as the launcher has no administrator account there.
     */
    private MysqlAccess dashboardDatabaseUser() {
        if (mariadb == null) {
            return mysql;
        }
        String password = mariadb.userPassword(DashboardGrants.DEFAULT_USER);
        mariadb.executeAsAdmin(DashboardGrants.sql(LocalSettings.DATABASE, DashboardGrants.DEFAULT_USER, password));
        return new MysqlAccess(mariadb.jdbcUrl(LocalSettings.DATABASE), DashboardGrants.DEFAULT_USER, password);
    }
}
