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
