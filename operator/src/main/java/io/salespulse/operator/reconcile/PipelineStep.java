package io.salespulse.operator.reconcile;

/** One named step of the reconcile, owning one part of the pipeline and reporting it as one condition. */
public interface PipelineStep {

    /** The condition this step reports (see ConditionTypes). */
    String conditionType();

    /** Makes this step's part exist as the spec says, and says how it is. Exceptions count as FAILED. */
    StepResult reconcile(PipelineRun run);
}
