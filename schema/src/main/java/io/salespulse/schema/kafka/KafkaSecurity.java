package io.salespulse.schema.kafka;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kafka client security settings shared by the job and the simulator, from the same environment the operator sets
 * (SALESPULSE_KAFKA_SECURITY_PROTOCOL, _SASL_MECHANISM, _SASL_USERNAME, _SASL_PASSWORD, _SSL_CA: a PEM CA). Turns them into Kafka client
 * properties; the password only ever goes into {@code sasl.jaas.config}, never into a log.
 */
public record KafkaSecurity(String protocol, String mechanism, String username, String password, String sslCa) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    public KafkaSecurity(String protocol, String mechanism, String username, String password) {
        this(protocol, mechanism, username, password, null);
    }

    public KafkaSecurity {
        sslCa = sslCa == null || sslCa.isBlank() ? null : sslCa;
        protocol = protocol == null || protocol.isBlank() ? "PLAINTEXT" : protocol.strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("kafka security protocol '" + protocol + "' must be one of " + PROTOCOLS);
        }
        if (isSasl(protocol)) {
            mechanism = mechanism == null || mechanism.isBlank() ? "SCRAM-SHA-512" : mechanism.strip().toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("kafka SASL mechanism '" + mechanism + "' must be one of " + MECHANISMS);
            }
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("kafka security protocol " + protocol
                        + " needs a SASL user name and password (SALESPULSE_KAFKA_SASL_USERNAME / _PASSWORD)");
            }
        }
    }

    /** From SALESPULSE_KAFKA_* environment variables; PLAINTEXT when none is set. */
    public static KafkaSecurity fromEnvironment(Map<String, String> env) {
        return new KafkaSecurity(env.get("SALESPULSE_KAFKA_SECURITY_PROTOCOL"), env.get("SALESPULSE_KAFKA_SASL_MECHANISM"),
                env.get("SALESPULSE_KAFKA_SASL_USERNAME"), env.get("SALESPULSE_KAFKA_SASL_PASSWORD"),
                env.get("SALESPULSE_KAFKA_SSL_CA"));
    }

    private static boolean isSasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    /** Kafka client properties (security.protocol, sasl.mechanism, sasl.jaas.config); empty for PLAINTEXT. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return props;
        }
        props.put("security.protocol", protocol);
        if (sslCa != null && protocol.endsWith("SSL")) {
            // A private CA (PEM, from the operator's spec.kafka.tls); host names stay verified (Kafka's default).
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.certificates", sslCa);
        }
        if (isSasl(protocol)) {
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", module + " required username=\"" + escape(username) + "\" password=\""
                    + escape(password) + "\";");
        }
        return props;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (isSasl(protocol) ? ", " + mechanism + ", user " + username : "") + "]";
    }
}
