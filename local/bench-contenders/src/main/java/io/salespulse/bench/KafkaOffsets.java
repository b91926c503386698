package io.salespulse.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Spark's Kafka source offsets JSON ({@code {"topic":{"0":12,"1":34}}}). */
final class KafkaOffsets {

    private static final Pattern PARTITION = Pattern.compile("\"\\d+\"\\s*:\\s*(-?\\d+)");

    private KafkaOffsets() {
    }

    /** The sum of the topic's next offsets over its partitions. */
    static long sum(String json, String topic) {
        int at = json.indexOf("\"" + topic + "\"");
        if (at < 0) {
            return 0;
        }
        int open = json.indexOf('{', at);
        int close = json.indexOf('}', open);
        Matcher m = PARTITION.matcher(json.substring(open, close + 1));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
