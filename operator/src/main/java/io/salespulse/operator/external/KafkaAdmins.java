package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.KafkaSpec;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;

/** Kafka AdminClients for a pipeline's cluster, with short timeouts so a dead broker cannot stall a reconcile. */
public final class KafkaAdmins {

    private KafkaAdmins() {
    }

    public static Admin open(KafkaSpec kafka, Credentials credentials, Duration timeout) {
        return Admin.create(properties(kafka, credentials, timeout));
    }

    static Properties properties(KafkaSpec kafka, Credentials credentials, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "salespulse-operator");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 5000));
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, kafka.securityProtocol.name());
        if (kafka.securityProtocol.usesSasl() && credentials != null) {
            p.put(SaslConfigs.SASL_MECHANISM, kafka.saslMechanism.kafkaName());
            p.put(SaslConfigs.SASL_JAAS_CONFIG, kafka.saslMechanism.loginModule() + " required username=\""
                    + jaasEscape(credentials.username()) + "\" password=\"" + jaasEscape(credentials.password()) + "\";");
        }
        return p;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
