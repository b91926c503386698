package io.salespulse.operator.external;

import io.salespulse.crds.v1alpha1.KafkaSpec;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Kafka AdminClients for a pipeline's cluster, with short timeouts so a dead broker cannot stall a reconcile. One
 * Admin per cluster and user is shared by all pipelines and threads (an Admin is thread-safe and reconnects itself);
 * a rotated password or CA opens a new one.
 */
public final class KafkaAdmins {

    private static final SharedClients<Admin> SHARED = new SharedClients<>("Kafka Admin",
            admin -> admin.close(Duration.ofSeconds(5)), Duration.ofMinutes(10), java.time.Clock.systemUTC());

    private KafkaAdmins() {
    }

    static final String TLS_FIELD = "spec.kafka.tls.caSecretRef";
    static final String CREDENTIALS_FIELD = "spec.kafka.credentialsSecretRef";

    /** The shared AdminClient for the pipeline's cluster with its credentials and CA; close the lease after use. */
    public static SharedClients.Lease<Admin> lease(PipelineRun run) {
        KafkaSpec kafka = run.spec().kafka;
        Credentials credentials = run.credentials(kafka.credentialsSecretRef, CREDENTIALS_FIELD);
        Properties p = properties(kafka, credentials, run.trust(kafka.tls, TLS_FIELD), run.settings().externalTimeout());
        String endpoint = Hashes.sha256(kafka.bootstrapServers + "|" + kafka.securityProtocol + "|"
                + (credentials == null ? "" : credentials.username()));
        return SHARED.lease(endpoint, Hashes.sha256(new java.util.TreeMap<>(p).toString()), () -> Admin.create(p));
    }

    /** Closes the shared clients (operator stop). */
    public static void closeAll() {
        SHARED.closeAll();
    }

    static Properties properties(KafkaSpec kafka, Credentials credentials, TrustMaterial ca, Duration timeout) {
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
        if (kafka.securityProtocol.usesTls() && ca != null) {
            // Kafka reads a PEM trust store in place; host name verification stays on (Kafka's default "https").
            p.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            p.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, ca.pem());
        }
        return p;
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
