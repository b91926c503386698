package io.salespulse.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The SQL settings a Structured Streaming checkpoint pins. Spark writes them into the metadata line of every offset
 * log entry ({@code <checkpoint>/offsets/<batch>}: "v1", then {@code {"batchWatermarkMs":…,"conf":{…}}}) and, when
 * a query restarts from the checkpoint, puts them back over the session's values (OffsetSeqMetadata). What the
 * newest entry holds is what the query runs with, whatever the submitted configuration says; the heartbeat reports
 * it so the operator can tell the user when a spec change cannot take effect.
 */
final class CheckpointSettings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointSettings() {
    }

    /** The pinned settings; empty when the checkpoint has no batch yet. */
    static Map<String, String> read(Configuration hadoop, String checkpointLocation) throws IOException {
        Path offsets = new Path(checkpointLocation, "offsets");
        FileSystem fs = offsets.getFileSystem(hadoop);
        if (!fs.exists(offsets)) {
            return Map.of();
        }
        long newest = -1;
        for (FileStatus f : fs.listStatus(offsets)) {
            String name = f.getPath().getName();
            if (f.isFile() && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                newest = Math.max(newest, Long.parseLong(name));
            }
        }
        if (newest < 0) {
            return Map.of();
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(new Path(offsets,
                Long.toString(newest))), StandardCharsets.UTF_8))) {
            return fromOffsetLog(in.lines().limit(2).toList());
        }
    }

    /** The {@code conf} of an offset log entry's metadata line (the second). */
    static Map<String, String> fromOffsetLog(List<String> lines) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (lines.size() < 2) {
            return out;
        }
        JsonNode conf = JSON.readTree(lines.get(1)).path("conf");
        conf.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
