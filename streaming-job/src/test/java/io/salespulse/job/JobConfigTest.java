package io.salespulse.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {

    @Test
    void defaultsThenFileThenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.properties");
        Files.writeString(file, "kafka.topic=from-file\njob.window=PT5M\nmysql.password=file-secret\n");
        JobConfig config = JobConfig.load(file, Map.of("SALESPULSE_KAFKA_TOPIC", "from-env", "SALESPULSE_MYSQL_PASSWORD", "s3cr3t"));
        assertThat(config.topic()).isEqualTo("from-env");
        assertThat(config.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.mysqlPassword()).isEqualTo("s3cr3t");
        assertThat(config.triggerInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sparkConf()).containsEntry("spark.master", "local[2]");
        assertThat(config.maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.deadLetterPayloadMax()).isEqualTo(2048);
        assertThat(config.mysqlConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.mysqlSocketTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.acceptGaps()).isFalse();
        assertThat(JobConfig.load(null, Map.of("SALESPULSE_JOB_ACCEPT_GAPS", "true")).acceptGaps()).isTrue();
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_JOB_ACCEPT_GAPS", "yes")))
                .hasMessage("configuration 'job.accept-gaps' must be true or false, was 'yes'");
        assertThat(config.describe()).contains("job.dead-letter-payload-max = 2048 bytes (one batch's dead letters take "
                + "at most 341 MiB on the driver)");
    }

    @Test
    void mysqlTimeoutsGoIntoTheJdbcUrlUnlessItSetsThem() {
        assertThat(MysqlStore.withTimeouts("jdbc:mysql://h/db?a=b", Duration.ofSeconds(10), Duration.ofSeconds(60)))
                .isEqualTo("jdbc:mysql://h/db?a=b&connectTimeout=10000&socketTimeout=60000");
        assertThat(MysqlStore.withTimeouts("jdbc:mysql://h/db?socketTimeout=5", Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isEqualTo("jdbc:mysql://h/db?socketTimeout=5&connectTimeout=1000");
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_MYSQL_SOCKET_TIMEOUT", "PT0S")))
                .hasMessageContaining("'mysql.socket-timeout'");
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_JOB_DEAD_LETTER_PAYLOAD_MAX", "10")))
                .hasMessage("configuration 'job.dead-letter-payload-max' must be a whole number from 64 to 1048576, was '10'");
    }

    @Test
    void describeNeverShowsSecrets() {
        JobConfig config = JobConfig.load(null, Map.of("SALESPULSE_MYSQL_PASSWORD", "s3cr3t", "SALESPULSE_CASSANDRA_PASSWORD", "c4ss"));
        assertThat(config.describe()).doesNotContain("s3cr3t").doesNotContain("c4ss").contains("mysql.password = ****");
        assertThat(config.toString()).doesNotContain("s3cr3t");
        assertThat(config.cassandra().toString()).doesNotContain("c4ss");
    }

    @Test
    void badValuesNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_JOB_WINDOW", "1 minute")))
                .hasMessage("configuration 'job.window' must be an ISO-8601 duration like PT1M, was '1 minute'");
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_KAFKA_MAX_OFFSETS_PER_TRIGGER", "-5")))
                .hasMessage("configuration 'kafka.max-offsets-per-trigger' must be a whole number > 0, was '-5'");
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_JOB_LATE_EVENTS", "drop")))
                .hasMessageContaining("'drop'");
        assertThatThrownBy(() -> JobConfig.load(null, Map.of("SALESPULSE_KAFKA_TOPIC", " ")))
                .hasMessageContaining("'kafka.topic' is required (or set SALESPULSE_KAFKA_TOPIC)");
    }
}
