package io.salespulse.operator.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.salespulse.operator.reconcile.Hashes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which Secrets a pod template reads (environment secretKeyRef and envFrom, secret volumes) and a fingerprint of what
 * it reads from each. The fingerprints go into the template's {@link #ANNOTATION}, so a changed password rolls the pods
 * that read it and nothing else.
 *
 * <p>A fingerprint is a truncated SHA-256 over the Secret's uid and the referenced keys' values: the values never leave
 * the operator, and the uid (readable only by those who may read the Secret) salts it against guessing a short
 * password from the annotation.
 */
public final class SecretFingerprints {

    public static final String ANNOTATION = "salespulse.io/secret-fingerprints";
    /** For a referenced Secret that does not exist (yet): the pod cannot start anyway; its arrival rolls it. */
    static final String MISSING = io.salespulse.operator.reconcile.CredentialRotations.MISSING;
    private static final String ALL_KEYS = "*";

    private SecretFingerprints() {
    }

    /** Secret name → the keys the template reads from it ({@code *} for all: envFrom, volumes without items). */
    public static Map<String, Set<String>> references(PodTemplateSpec template) {
        Map<String, Set<String>> refs = new TreeMap<>();
        PodSpec pod = template.getSpec();
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            if (c.getEnv() != null) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .map(e -> e.getValueFrom().getSecretKeyRef())
                        .forEach(ref -> refs.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey()));
            }
            if (c.getEnvFrom() != null) {
                c.getEnvFrom().stream().filter(e -> e.getSecretRef() != null)
                        .forEach(e -> refs.computeIfAbsent(e.getSecretRef().getName(), k -> new TreeSet<>())
                                .add(ALL_KEYS));
            }
        }
        if (pod.getVolumes() != null) {
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).map(v -> v.getSecret())
                    .forEach(s -> {
                        Set<String> keys = refs.computeIfAbsent(s.getSecretName(), k -> new TreeSet<>());
                        if (s.getItems() == null || s.getItems().isEmpty()) {
                            keys.add(ALL_KEYS);
                        } else {
                            s.getItems().forEach(i -> keys.add(i.getKey()));
                        }
                    });
        }
        return refs;
    }

    /** Secret name → fingerprint of what the template reads from it, for each Secret it references. */
    public static Map<String, String> of(PodTemplateSpec template, Function<String, Optional<Secret>> secrets) {
        Map<String, String> out = new TreeMap<>();
        references(template).forEach((name, keys) -> out.put(name,
                secrets.apply(name).map(s -> fingerprint(s, keys)).orElse(MISSING)));
        return out;
    }

    static String fingerprint(Secret secret, Set<String> keys) {
        Map<String, String> values = new TreeMap<>();
        if (secret.getData() != null) {
            values.putAll(secret.getData());
        }
        if (secret.getStringData() != null) {
            // Not stored by the API server as such, but a Secret built in memory may carry it.
            secret.getStringData().forEach((k, v) -> values.put(k, java.util.Base64.getEncoder()
                    .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        StringBuilder text = new StringBuilder(String.valueOf(secret.getMetadata().getUid()));
        values.forEach((k, v) -> {
            if (keys.contains(ALL_KEYS) || keys.contains(k)) {
                text.append('\0').append(k).append('\0').append(v);
            }
        });
        return Hashes.sha256(text.toString()).substring(0, 16);
    }

    /** The annotation's value: {@code name=fingerprint} pairs, sorted by name. */
    public static String format(Map<String, String> fingerprints) {
        return fingerprints.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The annotation read back; empty for none or an unreadable value. */
    public static Map<String, String> parse(String annotation) {
        Map<String, String> out = new TreeMap<>();
        if (annotation == null || annotation.isBlank()) {
            return out;
        }
        for (String pair : annotation.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
