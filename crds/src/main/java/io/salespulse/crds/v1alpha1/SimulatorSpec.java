package io.salespulse.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** The optional order simulator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SimulatorSpec {

    @Default("false")
    @JsonPropertyDescription("Run the simulator (default false).")
    public Boolean enabled = false;

    @Default("20")
    @Min(1)
    @Max(100000)
    @JsonPropertyDescription("Orders per second it publishes (default 20).")
    public Integer ordersPerSecond = 20;

    @Pattern(Patterns.IMAGE)
    @JsonPropertyDescription("Container image (default: streamingJob.image, which also contains the simulator).")
    public String image;

    @JsonPropertyDescription("Image pull policy of the simulator pod (default: streamingJob.imagePullPolicy).")
    public StreamingJobSpec.PullPolicy imagePullPolicy;
}
