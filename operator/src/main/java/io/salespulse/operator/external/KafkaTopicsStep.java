package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.operator.reconcile.CreatedRecord;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.StepResult;
import io.salespulse.operator.status.ConditionTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Step 1: the orders topic and its dead-letter topic. Creates them with the spec's partitions, replication and
 * configs; raises partitions when the spec raises them; never lowers them (Kafka cannot) but reports it; keeps the
 * configs in line. Never deletes a topic (that is {@link ExternalDataCleanup}'s job under deletionPolicy Delete).
 */
public final class KafkaTopicsStep extends ExternalStep {

    @Override
    public String conditionType() {
        return ConditionTypes.KAFKA_TOPICS;
    }

    /** Always checked: a few metadata calls, and it reports the partitions the topic really has in the status. */
    @Override
    protected boolean remembersSuccess() {
        return false;
    }

    @Override
    protected String inputs(PipelineRun run) {
        KafkaSpec k = run.spec().kafka;
        Credentials c = run.credentials(k.credentialsSecretRef, KafkaAdmins.CREDENTIALS_FIELD);
        TrustMaterial ca = run.trust(k.tls, KafkaAdmins.TLS_FIELD);
        return String.join("|", k.bootstrapServers, k.topic, k.deadLetterTopic, String.valueOf(k.partitions),
                String.valueOf(k.replicationFactor), k.retention, String.valueOf(new TreeMap<>(topicConfigs(k))),
                k.securityProtocol.name(), k.saslMechanism.name(), c == null ? "" : c.secretVersion(), ca == null ? "" : ca.fingerprint());
    }

    @Override
    protected StepResult apply(PipelineRun run) {
        KafkaSpec kafka = run.spec().kafka;
        List<String> topics = List.of(kafka.topic, kafka.deadLetterTopic);
        try (var lease = KafkaAdmins.lease(run)) {
            Admin admin = lease.client();
            Map<String, TopicDescription> existing = describe(admin, topics);
            createMissing(admin, kafka, topics.stream().filter(t -> !existing.containsKey(t)).toList(),
                    run.created());
            List<String> refused = new ArrayList<>();
            raisePartitions(admin, kafka, existing, refused);
            alignConfigs(admin, kafka, existing.keySet());
            int partitions = existing.containsKey(kafka.topic)
                    ? Math.max(existing.get(kafka.topic).partitions().size(), kafka.partitions) : kafka.partitions;
            run.topicPartitions(partitions);
            if (!refused.isEmpty()) {
                return StepResult.refused("PartitionDecreaseRefused", String.join("; ", refused)
                        + ". Kafka cannot remove partitions: set spec.kafka.partitions back to at least that many "
                        + "(the topics keep working with their current partitions)");
            }
            return StepResult.ready("TopicsReady", "topics " + kafka.topic + " and " + kafka.deadLetterTopic + " have "
                    + partitions + " partitions");
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            throw ExternalFailures.kafka(e, kafka.bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalStepException("Interrupted", "operator is stopping");
        }
    }

    /**
     * The topics that exist, described. Asks for these topics only: listing every topic of the cluster on each
     * reconcile costs the broker and the operator in proportion to all topics, e.g. 100 topics for 50 pipelines.
     */
    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<String, TopicDescription> existing = new TreeMap<>();
        for (var topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                existing.put(topic.getKey(), topic.getValue().get());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return existing;
    }

    private static void createMissing(Admin admin, KafkaSpec kafka, List<String> missing, CreatedRecord created)
            throws ExecutionException, InterruptedException {
        if (missing.isEmpty()) {
            return;
        }
        List<NewTopic> topics = missing.stream()
                .map(t -> new NewTopic(t, kafka.partitions, kafka.replicationFactor.shortValue())
                        .configs(topicConfigs(kafka, t)))
                .toList();
        admin.createTopics(topics).all().get();
        // Only now are they ours: deletionPolicy Delete may remove these, never a topic that was there before.
        missing.forEach(t -> created.topic(kafka.bootstrapServers, t));
    }

    private static void raisePartitions(Admin admin, KafkaSpec kafka, Map<String, TopicDescription> existing,
                                        List<String> refused) throws ExecutionException, InterruptedException {
        Map<String, NewPartitions> raise = new TreeMap<>();
        existing.forEach((topic, description) -> {
            int actual = description.partitions().size();
            if (actual < kafka.partitions) {
                raise.put(topic, NewPartitions.increaseTo(kafka.partitions));
            } else if (actual > kafka.partitions) {
                refused.add("topic " + topic + " has " + actual + " partitions, spec.kafka.partitions asks for "
                        + kafka.partitions);
            }
        });
        if (!raise.isEmpty()) {
            admin.createPartitions(raise).all().get();
        }
    }

    /** Sets the configs the spec names where the topic differs; leaves every other config alone. */
    private static void alignConfigs(Admin admin, KafkaSpec kafka, Set<String> topics)
            throws ExecutionException, InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> actual = admin.describeConfigs(resources).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new TreeMap<>(
                java.util.Comparator.comparing(ConfigResource::name));
        actual.forEach((resource, config) -> {
            Map<String, String> wanted = topicConfigs(kafka, resource.name());
            List<AlterConfigOp> ops = wanted.entrySet().stream()
                    .filter(e -> {
                        ConfigEntry entry = config.get(e.getKey());
                        return entry == null || !e.getValue().equals(entry.value());
                    })
                    .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                    .collect(Collectors.toList());
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
    }

    static Map<String, String> topicConfigs(KafkaSpec kafka) {
        Map<String, String> configs = new TreeMap<>();
        if (kafka.topicConfig != null) {
            configs.putAll(kafka.topicConfig);
        }
        configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.parse(kafka.retention).toMillis()));
        return configs;
    }

    /**
     * The configs of one topic. The orders topic has the broker stamp each record (LogAppendTime): the streaming job
     * bounds event times by that clock (job.max-future-skew), which a producer's CreateTime cannot be trusted for.
     * spec.kafka.topicConfig may still say otherwise; the job then falls back to its own clock.
     */
    static Map<String, String> topicConfigs(KafkaSpec kafka, String topic) {
        Map<String, String> configs = new TreeMap<>();
        if (topic.equals(kafka.topic)) {
            configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        }
        configs.putAll(topicConfigs(kafka));
        return configs;
    }
}
