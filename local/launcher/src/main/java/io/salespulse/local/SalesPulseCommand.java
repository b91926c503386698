package io.salespulse.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./salespulse run | status}: the local developer's entry point. */
@Command(name = "salespulse", mixinStandardHelpOptions = true,
        subcommands = {SalesPulseCommand.Run.class, SalesPulseCommand.Status.class, BenchmarkCommand.class,
                io.salespulse.simulator.SimulatorCommand.class},
        description = "Runs the SalesPulse pipeline on this machine.")
public final class SalesPulseCommand {

    public static void main(String[] args) {
        System.exit(new CommandLine(new SalesPulseCommand()).execute(args));
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Starts Kafka, MariaDB (embedded), Cassandra, the streaming job and the simulator (or uses your own Kafka,"
                    + " MySQL, Cassandra: --kafka, --mysql-url, --cassandra); Ctrl-C stops all.")
    static final class Run implements Callable<Integer> {
        @Mixin
        LocalSettings settings;

        @Option(names = "--rate", defaultValue = "20", description = "Simulated orders per second (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--no-simulator", description = "Do not publish simulated orders (bring your own producer).")
        boolean noSimulator;

        @Option(names = "--no-dashboard", description = "Do not start the dashboard.")
        boolean noDashboard;

        @Option(names = "--trigger", defaultValue = "PT5S", description = "Micro-batch trigger interval (default: ${DEFAULT-VALUE}).")
        Duration trigger;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            LocalPipeline pipeline = new LocalPipeline(settings, out, System.getenv());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.println("\nstopping ...");
                pipeline.close();
                out.println("stopped; data kept in " + settings.dataDir.toAbsolutePath());
            }, "shutdown"));
            try {
                pipeline.start(rate, trigger, !noSimulator, !noDashboard);
            } catch (RuntimeException e) {
                out.println("could not start: " + e.getMessage());
                pipeline.close();
                return 1;
            }
            pipeline.printWhereToLook();
            PipelineStatus status = pipeline.status();
            PipelineStatus.Snapshot previous = null;
            while (pipeline.jobAlive() && !pipeline.isStopping()) {
                try {
                    PipelineStatus.Snapshot now = status.sample();
                    String restarts = pipeline.jobRestarts();
                    out.println(now.line(previous) + (restarts.isEmpty() ? "" : " | " + restarts));
                    previous = now;
                } catch (SQLException | RuntimeException e) {
                    String restarts = pipeline.jobRestarts();
                    out.println("status unavailable: " + e.getMessage() + (restarts.isEmpty() ? "" : " | " + restarts));
                }
                Thread.sleep(5000);
            }
            if (pipeline.isStopping()) {
                return 0;
            }
            out.println("stopping: " + pipeline.jobGaveUp() + "; see " + pipeline.jobLog());
            return 2;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Prints the running local pipeline's status.")
    static final class Status implements Callable<Integer> {
        @Mixin
        LocalSettings settings;

        @Option(names = "--watch", description = "Print a line every 5 seconds until interrupted.")
        boolean watch;

        @Option(names = "--trigger", defaultValue = "PT5S", description = "The job's trigger interval, for the heartbeat's "
                + "age bound (default: ${DEFAULT-VALUE}).")
        Duration trigger;

        @Override
        public Integer call() throws Exception {
            ExistingServices.MysqlAccess mysql = settings.mysqlUrl != null
                    ? new ExistingServices.MysqlAccess(settings.mysqlUrl, System.getenv(ExistingServices.MYSQL_USER),
                            System.getenv().getOrDefault(ExistingServices.MYSQL_PASSWORD, ""))
                    : new ExistingServices.MysqlAccess("jdbc:mysql://127.0.0.1:" + settings.mysqlPort + "/" + LocalSettings.DATABASE,
                            MariaDbNode.APP_USER, Files.readString(MariaDbNode.passwordFile(settings.dir("mariadb"))).strip());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
                PipelineStatus status = new PipelineStatus(admin, settings.topic, mysql.jdbcUrl(), mysql.user(),
                        mysql.password(), trigger);
                PipelineStatus.Snapshot previous = null;
                do {
                    PipelineStatus.Snapshot now = status.sample();
                    System.out.println(now.line(previous));
                    previous = now;
                    if (watch) {
                        Thread.sleep(5000);
                    }
                } while (watch);
            }
            return 0;
        }
    }
}
