package io.salespulse.job;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * Which batch failures are worth retrying in the process: a store or the broker unreachable, slow or restarting.
 * Everything else (an offset gap, a second writer, a schema problem, a bug) fails at once. Executor failures reach
 * the driver as a SparkException whose cause may be lost in serialization, so the messages count as well as the types.
 */
final class TransientFailures {

    /** Exception class names (or their simple names in a task failure's message) that say "try again later". */
    private static final List<String> TRANSIENT_NAMES = List.of(
            "com.mysql.cj.jdbc.exceptions.CommunicationsException",
            "com.mysql.cj.exceptions.CJCommunicationsException",
            "com.datastax.oss.driver.api.core.AllNodesFailedException",
            "com.datastax.oss.driver.api.core.NoNodeAvailableException",
            "com.datastax.oss.driver.api.core.DriverTimeoutException",
            "com.datastax.oss.driver.api.core.connection.ClosedConnectionException",
            "com.datastax.oss.driver.api.core.connection.HeartbeatException",
            "com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException",
            "com.datastax.oss.driver.api.core.servererrors.UnavailableException",
            "com.datastax.oss.driver.api.core.servererrors.OverloadedException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NotLeaderOrFollowerException");

    private TransientFailures() {
    }

    /** The transient cause, described in one line; null when the failure is not transient. */
    static String transientCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OffsetGaps.GapException || t instanceof MysqlStore.ConcurrentWriterException) {
                return null;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || TRANSIENT_NAMES.contains(t.getClass().getName())) {
                return describe(t);
            }
            String message = String.valueOf(t.getMessage());
            for (String name : TRANSIENT_NAMES) {
                if (message.contains(name) || message.contains(name.substring(name.lastIndexOf('.') + 1) + ":")) {
                    return name.substring(name.lastIndexOf('.') + 1) + " in " + describe(t);
                }
            }
        }
        return null;
    }

    private static String describe(Throwable t) {
        String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) + "…" : message);
    }
}
