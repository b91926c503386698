package io.salespulse.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a live object still holds everything the operator asks of it: every field of the desired state is present
 * in the live object with the same value. Fields the API server or others add (defaults, status, other managers'
 * labels) are ignored, so a child as the server keeps it matches its desired state; an in-place edit of a field the
 * operator sets (replicas scaled, a label removed, an env value changed) does not, and is applied again.
 */
final class LiveState {

    private LiveState() {
    }

    static boolean covers(JsonNode live, JsonNode desired) {
        if (desired == null || desired.isNull()) {
            return true;
        }
        if (desired.isObject()) {
            if (desired.isEmpty()) {
                return true; // {} may be dropped by the server: nothing is asked
            }
            if (live == null || !live.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = desired.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!covers(live.get(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (desired.isArray()) {
            if (desired.isEmpty()) {
                return live == null || live.isNull() || live.isArray() && live.isEmpty();
            }
            if (live == null || !live.isArray() || live.size() != desired.size()) {
                return false;
            }
            for (int i = 0; i < desired.size(); i++) {
                if (!covers(live.get(i), desired.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (live == null || live.isNull()) {
            return false;
        }
        if (live.isNumber() && desired.isNumber()) {
            return live.decimalValue().compareTo(desired.decimalValue()) == 0;
        }
        String a = live.asText();
        String b = desired.asText();
        return a.equals(b) || sameQuantity(a, b);
    }

    /** The server writes quantities in canonical form (0.5 becomes 500m, 1024Mi stays, 1Gi may come back as 1Gi). */
    private static boolean sameQuantity(String a, String b) {
        if (a.isEmpty() || b.isEmpty() || !Character.isDigit(a.charAt(0)) && a.charAt(0) != '.'
                || !Character.isDigit(b.charAt(0)) && b.charAt(0) != '.') {
            return false;
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(a)).compareTo(Quantity.getAmountInBytes(new Quantity(b))) == 0;
        } catch (RuntimeException e) {
            return false; // not quantities (e.g. Spark's "1g")
        }
    }
}
