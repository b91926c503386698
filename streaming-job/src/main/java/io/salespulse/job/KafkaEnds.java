package io.salespulse.job;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topic's end offsets as the Kafka source writes offsets ({"topic":{"0":120}}), for the heartbeat. Its own admin
 * client on the heartbeat thread; a broker that does not answer within seconds gives null (the row keeps the last).
 */
final class KafkaEnds {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEnds.class);

    private final String topic;
    private final Map<String, Object> props = new HashMap<>();
    private Admin admin;

    KafkaEnds(JobConfig config) {
        this.topic = config.topic();
        props.putAll(config.kafkaSecurity().clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "salespulse-heartbeat");
    }

    synchronized String json() {
        try {
            if (admin == null) {
                admin = Admin.create(props);
            }
            TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new TreeMap<>();
            admin.listOffsets(request).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            StringBuilder out = new StringBuilder("{\"").append(topic).append("\":{");
            ends.forEach((p, o) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",").append('"').append(p)
                    .append("\":").append(o));
            return out.append("}}").toString();
        } catch (Exception e) {
            LOG.debug("topic end offsets unavailable for the heartbeat: {}", e.toString());
            return null;
        }
    }
}
