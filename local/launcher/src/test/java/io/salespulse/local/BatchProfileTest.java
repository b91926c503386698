package io.salespulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchProfileTest {

    @Test
    void readsTheFullBatchesOfTheJobsLogAndScalesTheAggregationTo50kRecords(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("job.log");
        String prefix = "2026-11-30T14:27:03.826Z INFO  [stream execution thread] BatchProcessor - ";
        Files.writeString(log, String.join("\n",
                prefix + "batch 0 committed in 9000 ms: 20000 records, 19000 new orders, 1 duplicates, 0 dead letters, 0 late "
                        + "[parse 3000, dedup 50, cassandra+aggregate 5000, mysql 900 ms] (in tasks: Cassandra waits 800 ms, fold 700 ms; driver combine 100 ms)",
                prefix + "batch 1 committed in 8000 ms: 50000 records, 49000 new orders, 500 duplicates, 250 dead letters, 500 late "
                        + "[parse 2000, dedup 40, cassandra+aggregate 5000, mysql 950 ms] (in tasks: Cassandra waits 1200 ms, fold 600 ms; driver combine 150 ms)",
                "some other line",
                prefix + "batch 2 committed in 7000 ms: 46000 records, 45000 new orders, 460 duplicates, 230 dead letters, 460 late "
                        + "[parse 1800, dedup 30, cassandra+aggregate 4200, mysql 970 ms] (in tasks: Cassandra waits 1000 ms, fold 500 ms; driver combine 120 ms)"));

        BatchProfile profile = BatchProfile.read(log, 50_000);

        assertThat(profile.batches()).extracting(BatchProfile.Batch::id).containsExactly(1L, 2L);
        assertThat(profile.batches().get(0).phases()).containsEntry("cassandra+aggregate", 5000L).containsEntry("mysql", 950L);
        assertThat(profile.batches().get(0).aggregationPer50k()).isEqualTo(750.0);
        assertThat(profile.table()).contains("| phase `parse` | 1800–2000 ms |",
                "| **aggregation per 50,000 records** (target ≤ 1000 ms) | 674–750 ms |");
    }
}
