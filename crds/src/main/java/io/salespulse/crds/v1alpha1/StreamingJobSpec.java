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

/** The Spark Structured Streaming job: a driver Deployment that starts its executors on Kubernetes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamingJobSpec {

    @Required
    @Pattern(Patterns.IMAGE)
    @JsonPropertyDescription("Container image of the streaming job (streaming-job/Dockerfile), used for the driver and "
            + "the executors.")
    public String image;

    @Default("IfNotPresent")
    @JsonPropertyDescription("Image pull policy of the driver and executors (default IfNotPresent).")
    public PullPolicy imagePullPolicy = PullPolicy.IfNotPresent;

    @Default("2")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Number of Spark executors (default 2).")
    public Integer executors = 2;

    @Default("1")
    @Min(1)
    @Max(32)
    @JsonPropertyDescription("CPU cores per executor (default 1).")
    public Integer executorCores = 1;

    @Pattern(Patterns.CPU)
    @JsonPropertyDescription("CPU the scheduler reserves per executor pod, e.g. 500m or 0.5 (default: executorCores). "
            + "Distinct from executorCores, the task slots Spark runs: a small node can run executors on less.")
    public String executorCpuRequest;

    @Default("1g")
    @Pattern(Patterns.SPARK_MEMORY)
    @JsonPropertyDescription("Heap per executor in Spark notation, e.g. 1g or 512m (default 1g); the pod gets Spark's "
            + "memory overhead on top.")
    public String executorMemory = "1g";

    @Default("1")
    @Min(1)
    @Max(32)
    @JsonPropertyDescription("CPU cores of the driver (default 1).")
    public Integer driverCores = 1;

    @Pattern(Patterns.CPU)
    @JsonPropertyDescription("CPU the scheduler reserves for the driver pod, e.g. 500m or 0.5 (default: driverCores).")
    public String driverCpuRequest;

    @Default("1g")
    @Pattern(Patterns.SPARK_MEMORY)
    @JsonPropertyDescription("Heap of the driver in Spark notation (default 1g); the pod's memory limit adds Spark's "
            + "overhead (10 %, at least 384m).")
    public String driverMemory = "1g";

    @Default("PT5S")
    @Pattern(Patterns.ISO_DURATION)
    @JsonPropertyDescription("Micro-batch trigger interval, ISO-8601 (default PT5S).")
    public String triggerInterval = "PT5S";

    @Default("PT2M")
    @Pattern(Patterns.ISO_DURATION)
    @JsonPropertyDescription("How long records may wait with no micro-batch committing before the DataFlowing "
            + "condition turns False (Stalled), ISO-8601 (default PT2M).")
    public String freshnessSlo = "PT2M";

    @Default("PT1M")
    @Pattern(Patterns.ISO_DURATION)
    @JsonPropertyDescription("Event-time aggregation window, ISO-8601 (default PT1M). Fixed for the life of a database.")
    public String window = "PT1M";

    @Default("PT2M")
    @Pattern(Patterns.ISO_DURATION)
    @JsonPropertyDescription("How far behind the newest event time of its partition an event may be before it counts "
            + "as late, ISO-8601 (default PT2M).")
    public String allowedLateness = "PT2M";

    @Default("APPLY")
    @JsonPropertyDescription("APPLY adds late events to their own (older) window; RECORD_ONLY only records them in "
            + "late_events (default APPLY).")
    public LateEvents lateEvents = LateEvents.APPLY;

    @Default("earliest")
    @JsonPropertyDescription("Where a brand-new checkpoint starts reading: earliest or latest (default earliest). "
            + "Offsets already counted in MySQL are always skipped.")
    public StartingOffsets startingOffsets = StartingOffsets.EARLIEST;

    @Default("50000")
    @Min(1)
    @JsonPropertyDescription("Upper bound of records per micro-batch while catching up (default 50000).")
    public Long maxOffsetsPerTrigger = 50000L;

    @JsonPropertyDescription("Where the job keeps its Spark checkpoint (default: a PersistentVolumeClaim the operator "
            + "creates). It survives restarts, spec changes and suspend/resume.")
    public CheckpointSpec checkpoint;

    @JsonPropertyDescription("Further Spark settings (keys start with spark.). The operator owns spark.master, "
            + "spark.submit.deployMode, spark.driver.*, spark.executor.instances/cores/memory and "
            + "spark.kubernetes.*; setting those here is refused.")
    public Map<String, String> sparkConf;

    /** Kubernetes image pull policies. */
    public enum PullPolicy {
        Always, IfNotPresent, Never
    }

    /** The job's job.late-events values. */
    public enum LateEvents {
        APPLY, RECORD_ONLY
    }

    /** The job's kafka.starting-offsets values. */
    public enum StartingOffsets {
        @JsonProperty("earliest")
        EARLIEST,
        @JsonProperty("latest")
        LATEST;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
