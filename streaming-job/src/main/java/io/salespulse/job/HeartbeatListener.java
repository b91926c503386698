package io.salespulse.job;

import io.salespulse.schema.mysql.JobHeartbeat;
import io.salespulse.schema.mysql.MysqlSchema;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the job's heartbeat ({@link JobHeartbeat}) on every query event Spark posts: started, progress (after each
 * micro-batch), idle (every {@code spark.sql.streaming.noDataProgressEventInterval} without input) and terminated —
 * and, every {@link #PULSE}, while the query is active: a long batch (the first one on a cold, busy node took minutes)
 * posts no event until it ends, and must not look like a dead job. Whether batches complete is told by
 * {@code last_batch_id}/{@code last_batch_at}. Writes run on Spark's listener thread and one timer thread, so a slow
 * or absent MySQL delays heartbeats, never batches; a failed write is logged and the next one tries again.
 */
final class HeartbeatListener extends StreamingQueryListener {

    static final java.time.Duration PULSE = java.time.Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);
    /** Short timeouts: a heartbeat that cannot be written in time is better skipped than queued. */
    private static final String TIMEOUTS = "&connectTimeout=5000&socketTimeout=10000";

    private final String url;
    private final String user;
    private final String password;
    private final String queryName;
    private final String driver;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, java.util.UUID> queryOfRun = new ConcurrentHashMap<>();
    private volatile boolean warned;
    private final KafkaEnds kafkaEnds;
    private final String checkpointLocation;
    private final org.apache.hadoop.conf.Configuration hadoop;
    /** What the checkpoint pins, per run: read once it holds a batch (they cannot change while the query runs). */
    private final Map<String, Map<String, String>> pinned = new ConcurrentHashMap<>();

    HeartbeatListener(JobConfig config, String queryName, org.apache.spark.sql.SparkSession spark) {
        this.url = MysqlSchema.withDriverDefaults(config.mysqlUrl()) + TIMEOUTS;
        this.user = config.mysqlUser();
        this.password = config.mysqlPassword();
        this.queryName = queryName;
        this.driver = driverName();
        this.kafkaEnds = new KafkaEnds(config);
        this.checkpointLocation = config.checkpointLocation();
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "salespulse-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> pulse(spark), PULSE.toMillis(), PULSE.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The query is active (a batch may be running for a long time): say so. */
    private void pulse(org.apache.spark.sql.SparkSession spark) {
        queryOfRun.forEach((run, id) -> {
            try {
                var query = spark.streams().get(id);
                if (query != null && query.isActive() && run.equals(query.runId().toString())) {
                    // The newest offsets in Kafka now: readers compare them with the committed ones to tell an
                    // idle job (nothing waits) from a stalled one (input waits, no batch commits).
                    write(new JobHeartbeat.Progress(id.toString(), run, JobHeartbeat.State.RUNNING, driver,
                            started(run), null, false, kafkaEnds.json(), null, null));
                }
            } catch (RuntimeException e) {
                LOG.debug("heartbeat pulse skipped: {}", e.toString());
            }
        });
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        if (!queryName.equals(event.name())) {
            return;
        }
        Instant started = Instant.parse(event.timestamp());
        startedAt.put(event.runId().toString(), started);
        queryOfRun.put(event.runId().toString(), event.id());
        write(new JobHeartbeat.Progress(event.id().toString(), event.runId().toString(), JobHeartbeat.State.RUNNING,
                driver, started, null, false, null, null, null, checkpointSettings(event.runId().toString())));
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        if (!queryName.equals(p.name())) {
            return;
        }
        SourceProgress[] sources = p.sources();
        String latest = sources.length == 0 ? null : sources[0].latestOffset();
        String committed = sources.length == 0 ? null : sources[0].endOffset();
        write(new JobHeartbeat.Progress(p.id().toString(), p.runId().toString(), JobHeartbeat.State.RUNNING, driver,
                started(p.runId().toString()), p.batchId(), p.numInputRows() > 0, latest, committed, null,
                checkpointSettings(p.runId().toString())));
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        String run = event.runId().toString();
        if (!startedAt.containsKey(run)) {
            return; // another query of this session
        }
        write(new JobHeartbeat.Progress(event.id().toString(), run, JobHeartbeat.State.RUNNING, driver, started(run),
                null, false, null, null, null));
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        String run = event.runId().toString();
        if (!startedAt.containsKey(run)) {
            return;
        }
        queryOfRun.remove(run);
        boolean failed = event.exception().isDefined();
        write(new JobHeartbeat.Progress(event.id().toString(), run,
                failed ? JobHeartbeat.State.FAILED : JobHeartbeat.State.STOPPED, driver, started(run), null, false,
                null, null, failed ? event.exception().get() : "stopped"));
    }

    /**
     * The settings this run's checkpoint pins, read from its offset log until found (a fresh checkpoint has none
     * before its first batch); null while unknown, which keeps what the heartbeat row holds for this run.
     */
    private Map<String, String> checkpointSettings(String runId) {
        Map<String, String> known = pinned.get(runId);
        if (known != null) {
            return known;
        }
        try {
            Map<String, String> read = CheckpointSettings.read(hadoop, checkpointLocation);
            if (read.isEmpty()) {
                return null;
            }
            pinned.put(runId, read);
            LOG.info("the checkpoint pins {}", read);
            return read;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("checkpoint settings not read: {}", e.toString());
            return null;
        }
    }

    private Instant started(String runId) {
        return startedAt.getOrDefault(runId, Instant.now());
    }

    private void write(JobHeartbeat.Progress progress) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            JobHeartbeat.write(c, queryName, progress);
            if (warned) {
                LOG.info("heartbeat written again");
                warned = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!warned) {
                LOG.warn("could not write the job heartbeat to MySQL (retried on the next query event): {}",
                        e.getMessage());
                warned = true;
            }
        }
    }

    private static String driverName() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
