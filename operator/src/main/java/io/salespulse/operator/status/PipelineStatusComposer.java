package io.salespulse.operator.status;

import io.salespulse.crds.v1alpha1.PipelineCondition;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus;
import io.salespulse.crds.v1alpha1.SalesPipelineStatus.Phase;
import java.util.Optional;

/** Derives the Ready condition and the phase from the step conditions. */
public final class PipelineStatusComposer {

    private PipelineStatusComposer() {
    }

    /**
     * @param failed    some step failed (or the spec is invalid): needs a fix or a recovering dependency
     * @param suspended spec.suspend is set
     */
    public static void finish(ConditionList conditions, SalesPipelineStatus status, boolean failed, boolean suspended) {
        Optional<PipelineCondition> firstNotTrue = conditions.toList().stream()
                .filter(c -> !ConditionTypes.READY.equals(c.type))
                // Whether orders flow right now is reported beside Ready, not in it: a stall is the data's state,
                // and StreamingJobReady already turns False when the job itself stops reporting.
                .filter(c -> !ConditionTypes.DATA_FLOWING.equals(c.type))
                .filter(c -> !c.isTrue())
                .findFirst();
        if (firstNotTrue.isEmpty()) {
            conditions.set(ConditionTypes.READY, PipelineCondition.TRUE, "PipelineReady", "every step is ready"
                    + (status.dashboardUrl == null ? "" : "; dashboard at " + status.dashboardUrl));
        } else {
            PipelineCondition c = firstNotTrue.get();
            conditions.set(ConditionTypes.READY, PipelineCondition.FALSE, c.reason, c.type + ": " + c.message);
        }
        status.conditions = conditions.toList();
        if (failed) {
            status.phase = Phase.Failed;
        } else if (suspended) {
            status.phase = Phase.Suspended;
        } else if (firstNotTrue.isEmpty()) {
            status.phase = Phase.Running;
        } else {
            status.phase = Phase.Provisioning;
        }
    }
}
