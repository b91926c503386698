package io.salespulse.operator.external;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns client exceptions into condition reasons and messages that tell the user what to check. */
public final class ExternalFailures {

    private ExternalFailures() {
    }

    public static ExternalStepException kafka(Throwable e, String bootstrapServers) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return new ExternalStepException("KafkaUnreachable", "Kafka at " + bootstrapServers + " did not answer in "
                    + "time: check spec.kafka.bootstrapServers and that the brokers are up and reachable from the "
                    + "operator (" + cause.getMessage() + ")", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new ExternalStepException("KafkaAuthenticationFailed", "Kafka rejected the credentials: check the "
                    + "Secret in spec.kafka.credentialsSecretRef and spec.kafka.saslMechanism (" + cause.getMessage()
                    + ")", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new ExternalStepException("KafkaNotAuthorized", "the Kafka user may not manage the topics: grant "
                    + "it Create/Alter/Describe on them (" + cause.getMessage() + ")", cause);
        }
        if (cause instanceof InvalidReplicationFactorException) {
            return new ExternalStepException("InvalidReplicationFactor", "Kafka cannot place the replicas: lower "
                    + "spec.kafka.replicationFactor to at most the number of brokers (" + cause.getMessage() + ")",
                    cause);
        }
        return new ExternalStepException("KafkaError", "Kafka at " + bootstrapServers + " failed: " + describe(cause),
                cause);
    }

    /** The exception's class and message, and its root cause's, without a stack trace. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? first : first + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
