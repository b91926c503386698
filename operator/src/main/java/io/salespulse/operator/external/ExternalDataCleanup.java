package io.salespulse.operator.external;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.salespulse.crds.v1alpha1.SalesPipelineSpec;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.schema.cassandra.CassandraSchema;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.flywaydb.core.api.FlywayException;

/**
 * What deletionPolicy: Delete removes when the SalesPipeline is deleted: both topics, every table of the MySQL
 * database (Flyway clean: the database is the pipeline's own) and the Cassandra keyspace. Each part is idempotent,
 * so a retry after a partial failure finishes the job.
 */
public final class ExternalDataCleanup {

    public void deleteAll(PipelineRun run) {
        deleteTopics(run);
        cleanMysql(run);
        dropKeyspace(run);
    }

    private void deleteTopics(PipelineRun run) {
        SalesPipelineSpec spec = run.spec();
        try (Admin admin = KafkaAdmins.open(run)) {
            Set<String> present = admin.listTopics().names().get();
            List<String> ours = List.of(spec.kafka.topic, spec.kafka.deadLetterTopic).stream()
                    .filter(present::contains).toList();
            if (!ours.isEmpty()) {
                admin.deleteTopics(ours).all().get();
            }
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            throw ExternalFailures.kafka(e, spec.kafka.bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalStepException("Interrupted", "operator is stopping");
        }
    }

    private void cleanMysql(PipelineRun run) {
        SalesPipelineSpec spec = run.spec();
        Credentials credentials = run.credentials(spec.mysql.credentialsSecretRef, MysqlSchemaStep.FIELD);
        try {
            MysqlDatabases.flyway(MysqlDatabases.operatorUrl(run), credentials, run.settings().externalTimeout(), true).clean();
        } catch (FlywayException e) {
            throw MysqlDatabases.failure(e, spec.mysql.jdbcUrl, credentials.username());
        }
    }

    private void dropKeyspace(PipelineRun run) {
        SalesPipelineSpec spec = run.spec();
        CassandraSchema.requireValidKeyspace(spec.cassandra.keyspace);
        try (CqlSession session = CassandraSessions.open(run)) {
            session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + spec.cassandra.keyspace)
                    .setTimeout(Duration.ofSeconds(30)));
        } catch (DriverException e) {
            throw CassandraSessions.failure(e, spec.cassandra);
        }
    }
}
