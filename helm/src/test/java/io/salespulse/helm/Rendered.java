package io.salespulse.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;

/** The objects a chart rendered, each already parsed strictly into its fabric8 model. */
record Rendered(List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " named " + name + ", found "
                    + found.size() + " among " + kindsAndNames());
        }
        return found.get(0);
    }

    <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size() + " among "
                    + kindsAndNames());
        }
        return found.get(0);
    }

    List<String> kindsAndNames() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()
                + (o.getMetadata().getNamespace() != null ? "@" + o.getMetadata().getNamespace() : ""))
                .collect(Collectors.toList());
    }
}
