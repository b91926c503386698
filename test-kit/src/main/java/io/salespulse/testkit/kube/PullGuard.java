package io.salespulse.testkit.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Events in every namespace for {@code reason=Pulling}: the kubelet asked the runtime to pull an image, which
 * must never happen here (every pod uses a local tag with {@code imagePullPolicy: Never}). Started before the first
 * pod; {@link #pulls()} lists every such event seen since.
 */
final class PullGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PullGuard.class);

    private final SharedIndexInformer<Event> informer;
    private final Map<String, String> pulls = new ConcurrentHashMap<>();

    PullGuard(KubernetesClient client) {
        informer = client.v1().events().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Event event) {
                record(event);
            }

            @Override
            public void onUpdate(Event before, Event event) {
                record(event);
            }

            @Override
            public void onDelete(Event event, boolean unknownFinalState) {
                // a pull seen stays seen
            }
        });
    }

    private void record(Event event) {
        if (!"Pulling".equals(event.getReason())) {
            return;
        }
        ObjectReference pod = event.getInvolvedObject();
        String who = pod == null ? "?" : pod.getKind() + " " + pod.getNamespace() + "/" + pod.getName()
                + (pod.getFieldPath() == null ? "" : " (" + pod.getFieldPath() + ")");
        if (pulls.put(event.getMetadata().getUid(), who + ": " + event.getMessage()) == null) {
            LOG.error("image pull requested: {}: {}", who, event.getMessage());
        }
    }

    /** Every Pulling event seen, as "Pod namespace/name (container): message". */
    List<String> pulls() {
        return new ArrayList<>(pulls.values());
    }

    @Override
    public void close() {
        informer.close();
    }
}
