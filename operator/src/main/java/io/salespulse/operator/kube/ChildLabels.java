package io.salespulse.operator.kube;

import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended app.kubernetes.io labels on every child; the watch caches select on managed-by. */
public final class ChildLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "salespulse-operator";
    /** The label selector of the operator's child informers. */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";

    private ChildLabels() {
    }

    /** Labels that pick the pods of one component of one pipeline (Deployment and Service selectors). */
    public static Map<String, String> selector(String pipeline, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "salespulse");
        labels.put(INSTANCE, pipeline);
        labels.put(COMPONENT, component);
        return labels;
    }

    public static Map<String, String> all(String pipeline, String component) {
        Map<String, String> labels = selector(pipeline, component);
        labels.put("app.kubernetes.io/part-of", "salespulse");
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }
}
