package io.salespulse.operator.external;

import io.salespulse.operator.reconcile.Hashes;
import io.salespulse.operator.reconcile.PipelineRun;
import io.salespulse.operator.reconcile.PipelineStep;
import io.salespulse.operator.reconcile.StepResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step that changes a system outside Kubernetes. It runs when its inputs changed, after a failure, or when the
 * last success is older than the recheck interval; failures become a FAILED result with the user-facing message.
 */
abstract class ExternalStep implements PipelineStep {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalStep.class);

    @Override
    public final StepResult reconcile(PipelineRun run) {
        String fingerprint;
        try {
            fingerprint = Hashes.sha256(inputs(run));
        } catch (ExternalStepException e) {
            return StepResult.failed(e.reason(), e.getMessage());
        }
        Optional<StepResult> recent = remembersSuccess()
                ? run.recentSuccess().lookup(run.uid(), conditionType(), fingerprint) : Optional.empty();
        if (recent.isPresent()) {
            return recent.get();
        }
        StepResult result;
        long start = System.nanoTime();
        try {
            result = apply(run);
        } catch (ExternalStepException e) {
            result = StepResult.failed(e.reason(), e.getMessage());
        }
        // When the step did work (not a remembered success) and it failed or was slow: what it cost, in the log.
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (result.outcome() != StepResult.Outcome.READY || ms >= 1000) {
            LOG.info("{} of {}/{}: {} in {} ms", conditionType(), run.namespace(), run.name(), result.reason(), ms);
        }
        run.recentSuccess().remember(run.uid(), conditionType(), fingerprint, result);
        return result;
    }

    /** Whether a success may be reused until the inputs change or the recheck interval passes. */
    protected boolean remembersSuccess() {
        return true;
    }

    /** Everything the outcome depends on (spec fields, Secret versions), as text; read credentials here. */
    protected abstract String inputs(PipelineRun run);

    /** Does the work; throws {@link ExternalStepException} with a message for the user on failure. */
    protected abstract StepResult apply(PipelineRun run);
}
