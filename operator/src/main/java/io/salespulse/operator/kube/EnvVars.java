package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.salespulse.crds.v1alpha1.KafkaSpec;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import java.util.ArrayList;
import java.util.List;

/** Environment variables of the pipeline's containers. Secrets only ever as secretKeyRef, never as values. */
public final class EnvVars {

    private EnvVars() {
    }

    public static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    public static EnvVar fieldRef(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath)
                .endFieldRef().endValueFrom().build();
    }

    public static EnvVar secretKey(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    /** A variable from a Secret key that may be absent (then the variable is not set). */
    public static EnvVar optionalSecretKey(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey(key).withOptional(true).endSecretKeyRef().endValueFrom().build();
    }

    /** User and password variables from {@code ref}; none when there is no reference. */
    public static List<EnvVar> credentials(String userVar, String passwordVar, SecretCredentialsRef ref) {
        if (ref == null) {
            return List.of();
        }
        return List.of(secretKey(userVar, ref.name, ref.usernameKey), secretKey(passwordVar, ref.name, ref.passwordKey));
    }

    /** Kafka client security for the job and the simulator (SALESPULSE_KAFKA_SECURITY_PROTOCOL etc.). */
    public static List<EnvVar> kafkaSecurity(KafkaSpec kafka) {
        List<EnvVar> env = new ArrayList<>();
        if (kafka.securityProtocol != KafkaSpec.SecurityProtocol.PLAINTEXT) {
            env.add(value("SALESPULSE_KAFKA_SECURITY_PROTOCOL", kafka.securityProtocol.name()));
        }
        if (kafka.securityProtocol.usesSasl()) {
            env.add(value("SALESPULSE_KAFKA_SASL_MECHANISM", kafka.saslMechanism.kafkaName()));
            env.addAll(credentials("SALESPULSE_KAFKA_SASL_USERNAME", "SALESPULSE_KAFKA_SASL_PASSWORD",
                    kafka.credentialsSecretRef));
        }
        if (kafka.securityProtocol.usesTls() && kafka.tls != null) {
            env.add(secretKey("SALESPULSE_KAFKA_SSL_CA", kafka.tls.caSecretRef.name, kafka.tls.caSecretRef.key));
        }
        return env;
    }
}
