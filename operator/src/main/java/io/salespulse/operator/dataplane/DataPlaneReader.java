package io.salespulse.operator.dataplane;

import io.fabric8.kubernetes.api.model.Pod;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.MysqlSpec;
import io.salespulse.operator.external.Credentials;
import io.salespulse.operator.external.ExternalFailures;
import io.salespulse.operator.external.ExternalStepException;
import io.salespulse.operator.external.KafkaAdmins;
import io.salespulse.operator.external.MysqlConnections;
import io.salespulse.operator.external.MysqlDatabases;
import io.salespulse.operator.external.MysqlSchemaStep;
import io.salespulse.operator.kube.spark.DriverPods;
import io.salespulse.operator.reconcile.PipelineRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a pipeline's data plane: the job's progress store in MySQL (stream_progress: next offset and newest event
 * time per partition; stream_batches: one row per committed batch with its counts) and the orders topic's end
 * offsets in Kafka. Every query uses an index (primary key of stream_progress, committed_at of stream_batches).
 */
public final class DataPlaneReader {

    /** The last batch and the newest event time, formatted by the database (the session is UTC). */
    private static final String LAST_BATCH = """
            SELECT DATE_FORMAT(MAX(committed_at), '%Y-%m-%dT%H:%i:%s.%fZ'),
                   TIMESTAMPDIFF(MICROSECOND, MAX(committed_at), CURRENT_TIMESTAMP(3))
              FROM stream_batches
            """;
    private static final String PROGRESS = """
            SELECT kafka_partition, next_offset, DATE_FORMAT(max_event_time, '%Y-%m-%dT%H:%i:%s.%fZ')
              FROM stream_progress WHERE topic = ? ORDER BY kafka_partition
            """;
    private static final String LAST_HOUR = """
            SELECT COALESCE(SUM(CASE WHEN committed_at >= CURRENT_TIMESTAMP(3) - INTERVAL 1 MINUTE
                                     THEN valid_orders ELSE 0 END), 0),
                   COALESCE(SUM(dead_letters), 0), COALESCE(SUM(late_events), 0)
              FROM stream_batches WHERE committed_at >= CURRENT_TIMESTAMP(3) - INTERVAL 1 HOUR
            """;

    private DataPlaneReader() {
    }

    /** Reads it all; fails (reason ProgressUnreadable) only when MySQL cannot be read. */
    public static DataPlaneSample read(PipelineRun run) {
        Progress progress = progress(run);
        Long waiting = null;
        String kafkaProblem = null;
        try {
            waiting = recordsWaiting(run, progress.nextOffsets());
        } catch (ExternalStepException e) {
            kafkaProblem = e.getMessage();
        }
        return new DataPlaneSample(progress.lastBatchTime(), progress.lastBatchAge(), progress.newestEventTime(),
                waiting, kafkaProblem, progress.ordersLastMinute() / 60.0, progress.deadLetters(),
                progress.lateEvents(), driverRestarts(run));
    }

    private record Progress(String lastBatchTime, Duration lastBatchAge, String newestEventTime,
                            Map<Integer, Long> nextOffsets, long ordersLastMinute, long deadLetters,
                            long lateEvents) {
    }

    private static Progress progress(PipelineRun run) {
        MysqlSpec mysql = run.spec().mysql;
        Credentials credentials = run.credentials(mysql.credentialsSecretRef, MysqlSchemaStep.FIELD);
        try {
            return MysqlConnections.read(run, credentials, c -> progress(c, run.spec().kafka.topic));
        } catch (SQLException e) {
            if (MysqlDatabases.credentialsRejected(e)) {
                throw MysqlDatabases.rejected(e, credentials.username(), "the job's progress");
            }
            throw new ExternalStepException("ProgressUnreadable", "cannot read the job's progress (stream_progress, "
                    + "stream_batches) from MySQL at " + MysqlDatabases.location(mysql) + ": " + e.getMessage(), e);
        }
    }

    private static Progress progress(Connection c, String topic) throws SQLException {
        String lastBatchTime;
        Duration lastBatchAge;
        try (PreparedStatement st = c.prepareStatement(LAST_BATCH); ResultSet rs = st.executeQuery()) {
            rs.next();
            lastBatchTime = rs.getString(1);
            long us = rs.getLong(2);
            lastBatchAge = rs.wasNull() ? null : Duration.ofNanos(Math.max(0, us) * 1000);
        }
        Map<Integer, Long> next = new HashMap<>();
        String newest = null;
        try (PreparedStatement st = c.prepareStatement(PROGRESS)) {
            st.setString(1, topic);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    next.put(rs.getInt(1), rs.getLong(2));
                    String t = rs.getString(3);
                    // Same fixed-width format throughout: the string order is the time order.
                    if (t != null && (newest == null || t.compareTo(newest) > 0)) {
                        newest = t;
                    }
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(LAST_HOUR); ResultSet rs = st.executeQuery()) {
            rs.next();
            return new Progress(lastBatchTime, lastBatchAge, newest, next, rs.getLong(1), rs.getLong(2),
                    rs.getLong(3));
        }
    }

    /** End offsets minus the job's next offsets; a partition the job has not applied yet counts from its start. */
    private static long recordsWaiting(PipelineRun run, Map<Integer, Long> nextOffsets) {
        KafkaSpec kafka = run.spec().kafka;
        long timeout = run.settings().externalTimeout().toMillis();
        try (var lease = KafkaAdmins.lease(run)) {
            Admin admin = lease.client();
            TopicDescription topic = admin.describeTopics(java.util.List.of(kafka.topic)).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS).get(kafka.topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topic.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(kafka.topic, p.partition());
                latest.put(tp, OffsetSpec.latest());
                if (!nextOffsets.containsKey(p.partition())) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                    : admin.listOffsets(earliest).all().get(timeout, TimeUnit.MILLISECONDS);
            long waiting = 0;
            for (var end : ends.entrySet()) {
                Long from = nextOffsets.get(end.getKey().partition());
                long start = from != null ? from : starts.get(end.getKey()).offset();
                waiting += Math.max(0, end.getValue().offset() - start);
            }
            return waiting;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw ExternalFailures.kafka(e, kafka.bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalStepException("Interrupted", "operator is stopping");
        }
    }

    private static int driverRestarts(PipelineRun run) {
        return DriverPods.of(run).stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                .mapToInt(DataPlaneReader::restarts).sum();
    }

    private static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream()
                .mapToInt(c -> Objects.requireNonNullElse(c.getRestartCount(), 0)).sum();
    }
}
