package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** The Kafka cluster and the topics the operator keeps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSpec {

    @Required
    @Pattern(Patterns.HOST_PORT_LIST)
    @JsonPropertyDescription("Kafka bootstrap servers as host:port[,host:port...], reachable from the operator and "
            + "from the pipeline's pods.")
    public String bootstrapServers;

    @Default("orders")
    @Pattern(Patterns.KAFKA_TOPIC)
    @JsonPropertyDescription("The topic the orders are published to (default orders).")
    public String topic = "orders";

    @Pattern(Patterns.KAFKA_TOPIC)
    @JsonPropertyDescription("The dead-letter topic that also receives rejected records (default: the topic name + "
            + "'-dead-letters').")
    public String deadLetterTopic;

    @Default("4")
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Partitions of both topics (default 4). Raising it adds partitions; Kafka cannot lower "
            + "it, so a lower value is refused and reported in the KafkaTopicsReady condition.")
    public Integer partitions = 4;

    @Default("1")
    @Min(1)
    @Max(32)
    @JsonPropertyDescription("Replication factor of both topics when they are created (default 1; use 3 in "
            + "production). Not changed on existing topics.")
    public Integer replicationFactor = 1;

    @Default("P7D")
    @Pattern(Patterns.ISO_DURATION)
    @JsonPropertyDescription("How long Kafka keeps records, ISO-8601 (default P7D = 7 days); sets retention.ms.")
    public String retention = "P7D";

    @JsonPropertyDescription("Further topic configs set on both topics (e.g. min.insync.replicas: \"2\").")
    public Map<String, String> topicConfig;

    @Default("PLAINTEXT")
    @JsonPropertyDescription("How clients talk to the brokers (default PLAINTEXT). SASL_PLAINTEXT and SASL_SSL use "
            + "credentialsSecretRef.")
    public SecurityProtocol securityProtocol = SecurityProtocol.PLAINTEXT;

    @Default("SCRAM-SHA-512")
    @JsonPropertyDescription("SASL mechanism when securityProtocol is SASL_* (default SCRAM-SHA-512).")
    public SaslMechanism saslMechanism = SaslMechanism.SCRAM_SHA_512;

    @JsonPropertyDescription("Optional Secret with the SASL user name and password; required when securityProtocol is "
            + "SASL_PLAINTEXT or SASL_SSL.")
    public SecretCredentialsRef credentialsSecretRef;

    @JsonPropertyDescription("The CA (PEM) the brokers' certificates are checked against when securityProtocol is SSL "
            + "or SASL_SSL; without it the JVM's default trust store is used, so a private CA needs this.")
    public TlsSpec tls;

    /** Kafka's security.protocol values. */
    public enum SecurityProtocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        public boolean usesSasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        public boolean usesTls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** Kafka's sasl.mechanism values the operator supports. */
    public enum SaslMechanism {
        @JsonProperty("PLAIN")
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        @JsonProperty("SCRAM-SHA-256")
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        @JsonProperty("SCRAM-SHA-512")
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        SaslMechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return kafkaName;
        }

        public String loginModule() {
            return loginModule;
        }
    }
}
