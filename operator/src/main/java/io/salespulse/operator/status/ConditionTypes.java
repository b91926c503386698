package io.salespulse.operator.status;

import java.util.List;

/** The condition types a SalesPipeline reports, in reconcile order, then Ready, then DataFlowing. */
public final class ConditionTypes {

    public static final String SPEC_VALID = "SpecValid";
    public static final String KAFKA_TOPICS = "KafkaTopicsReady";
    public static final String SCHEMA = "SchemaReady";
    public static final String KEYSPACE = "KeyspaceReady";
    public static final String STREAMING_JOB = "StreamingJobReady";
    public static final String DASHBOARD = "DashboardReady";
    public static final String SIMULATOR = "SimulatorReady";
    public static final String READY = "Ready";
    /** The data plane (orders flow or nothing waits); reported after Ready and not part of it. */
    public static final String DATA_FLOWING = "DataFlowing";

    public static final List<String> STEPS = List.of(KAFKA_TOPICS, SCHEMA, KEYSPACE, STREAMING_JOB, DASHBOARD, SIMULATOR);

    private ConditionTypes() {
    }
}
