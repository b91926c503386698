package io.salespulse.operator.status;

import io.salespulse.crds.v1alpha1.PipelineCondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conditions of one status being rebuilt. Setting a condition keeps its lastTransitionTime unless its status
 * changes, as the Kubernetes API conventions require (so `kubectl wait` and alerting see real transitions only).
 */
public final class ConditionList {

    private final Map<String, PipelineCondition> previous = new LinkedHashMap<>();
    private final Map<String, PipelineCondition> current = new LinkedHashMap<>();
    private final long generation;
    private final Instant now;

    public ConditionList(List<PipelineCondition> previousConditions, long generation, Instant now) {
        if (previousConditions != null) {
            previousConditions.forEach(c -> previous.put(c.type, c));
        }
        this.generation = generation;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    public void set(String type, String status, String reason, String message) {
        PipelineCondition next = new PipelineCondition(type, status, reason, message);
        next.observedGeneration = generation;
        PipelineCondition before = previous.get(type);
        next.lastTransitionTime = before != null && status.equals(before.status) && before.lastTransitionTime != null
                ? before.lastTransitionTime : now.toString();
        current.put(type, next);
    }

    /** Keeps the previous condition of a step that was not evaluated this time, or marks it Unknown. */
    public void keepOrUnknown(String type, String reason, String message) {
        PipelineCondition before = previous.get(type);
        set(type, before == null ? PipelineCondition.UNKNOWN : before.status, reason, message);
    }

    /** Starts from the previous conditions as they were (for a status that changes only one condition). */
    public void carryOver() {
        previous.forEach(current::putIfAbsent);
    }

    public Optional<PipelineCondition> get(String type) {
        return Optional.ofNullable(current.get(type));
    }

    public Optional<PipelineCondition> previous(String type) {
        return Optional.ofNullable(previous.get(type));
    }

    /** The conditions in the documented order (steps, then Ready), each type once. */
    public List<PipelineCondition> toList() {
        List<PipelineCondition> out = new ArrayList<>(current.values());
        List<String> order = new ArrayList<>();
        order.add(ConditionTypes.SPEC_VALID);
        order.addAll(ConditionTypes.STEPS);
        order.add(ConditionTypes.READY);
        order.add(ConditionTypes.DATA_FLOWING);
        out.sort(Comparator.comparingInt(c -> order.indexOf(c.type) < 0 ? order.size() : order.indexOf(c.type)));
        return out;
    }
}
