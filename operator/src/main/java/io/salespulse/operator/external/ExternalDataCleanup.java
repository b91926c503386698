package io.salespulse.operator.external;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.salespulse.crds.v1alpha1.CreatedData;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.schema.cassandra.CassandraSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;

/**
 * What deletionPolicy: Delete removes when the SalesPipeline is deleted: only what status.created says the operator
 * created — those topics, those tables (never a Flyway clean of the whole database, never a table the migrations did
 * not create) and the keyspace if it created it — and only where it created them: a part whose spec now points
 * elsewhere is left alone. Each part is idempotent, so a retry after a partial failure finishes the job.
 */
public final class ExternalDataCleanup {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    /** Removes what {@code created} lists; returns one line per part for the Event. */
    public List<String> deleteCreated(PipelineRun run, CreatedData created) {
        List<String> done = new ArrayList<>();
        SalesPipelineSpec spec = run.spec();
        if (created.kafka != null && !created.kafka.topics.isEmpty()) {
            done.add(created.kafka.bootstrapServers.equals(spec.kafka.bootstrapServers)
                    ? deleteTopics(run, created.kafka.topics)
                    : "topics " + created.kafka.topics + " kept: spec.kafka.bootstrapServers no longer names the "
                    + "cluster they were created on (" + created.kafka.bootstrapServers + ")");
        }
        if (created.mysql != null && !created.mysql.tables.isEmpty()) {
            done.add(created.mysql.database.equals(MysqlDatabases.location(spec.mysql))
                    ? dropTables(run, created.mysql.tables)
                    : "tables " + created.mysql.tables + " kept: spec.mysql.jdbcUrl no longer names the database "
                    + "they were created in (" + created.mysql.database + ")");
        }
        if (created.cassandra != null) {
            done.add(created.cassandra.contactPoints.equals(spec.cassandra.contactPoints)
                    ? dropKeyspace(run, created.cassandra.keyspace)
                    : "keyspace " + created.cassandra.keyspace + " kept: spec.cassandra.contactPoints no longer "
                    + "names the cluster it was created on (" + created.cassandra.contactPoints + ")");
        }
        return done;
    }

    private String deleteTopics(PipelineRun run, List<String> topics) {
        try (var lease = KafkaAdmins.lease(run)) {
            Admin admin = lease.client();
            Set<String> present = admin.listTopics().names().get();
            List<String> ours = topics.stream().filter(present::contains).toList();
            if (!ours.isEmpty()) {
                admin.deleteTopics(ours).all().get();
            }
            return "topics " + ours + " deleted";
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            throw ExternalFailures.kafka(e, run.spec().kafka.bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalStepException("Interrupted", "operator is stopping");
        }
    }

    private String dropTables(PipelineRun run, List<String> tables) {
        Credentials credentials = run.credentials(run.spec().mysql.credentialsSecretRef, MysqlSchemaStep.FIELD);
        long timeout = run.settings().externalTimeout().toMillis();
        String url = MysqlDatabases.operatorUrl(run) + "&connectTimeout=" + timeout + "&socketTimeout=" + timeout;
        try (Connection c = DriverManager.getConnection(url, credentials.username(), credentials.password());
             Statement s = c.createStatement()) {
            for (String table : tables) {
                if (!TABLE.matcher(table).matches()) {
                    throw new ExternalStepException("InvalidRecord", "status.created.mysql.tables holds '" + table
                            + "', which is not a table name: nothing is dropped");
                }
            }
            Set<String> views = views(c);
            // The recorded tables may reference each other; other tables keep their own constraints. Views first:
            // they read the tables.
            s.execute("SET SESSION foreign_key_checks = 0");
            for (String view : tables.stream().filter(views::contains).toList()) {
                s.execute("DROP VIEW IF EXISTS `" + view + "`");
            }
            for (String table : tables.stream().filter(t -> !views.contains(t)).toList()) {
                s.execute("DROP TABLE IF EXISTS `" + table + "`");
            }
            return "tables and views " + tables + " dropped";
        } catch (SQLException e) {
            throw new ExternalStepException("MysqlCleanupFailed", "dropping the pipeline's tables in "
                    + MysqlDatabases.location(run.spec().mysql) + " failed: " + e.getMessage(), e);
        }
    }

    private static Set<String> views(Connection c) throws SQLException {
        Set<String> views = new java.util.HashSet<>();
        try (var rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_type = 'VIEW'")) {
            while (rs.next()) {
                views.add(rs.getString(1));
            }
        }
        return views;
    }

    private String dropKeyspace(PipelineRun run, String keyspace) {
        CassandraSchema.requireValidKeyspace(keyspace);
        try (var lease = CassandraSessions.lease(run)) {
            CqlSession session = lease.client();
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + keyspace)
                    .setTimeout(Duration.ofSeconds(30)));
            return "keyspace " + keyspace + " dropped";
        } catch (DriverException e) {
            throw CassandraSessions.failure(e, run.spec().cassandra);
        }
    }
}
