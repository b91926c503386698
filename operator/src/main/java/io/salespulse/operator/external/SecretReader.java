package io.salespulse.operator.external;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.salespulse.crds.v1alpha1.SecretCredentialsRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the credentials a step needs to reach an external system from the Secrets the spec references. Problems
 * come back as {@link ExternalStepException}s whose message says which Secret and key to fix.
 *
 * <p>Least privilege: Secrets are only ever fetched by name ({@code get}), never listed or watched. One reader serves
 * one reconcile and reads each Secret once in it; every reconcile (the data-plane refresh brings one at least every
 * interval) fetches them again, unless another reconcile just did ({@link RecentSecrets}), which is how a rotated
 * password is noticed.
 */
public final class SecretReader {

    private final KubernetesClient client;
    private final RecentSecrets recent;
    private final Map<String, Optional<Secret>> fetched = new java.util.concurrent.ConcurrentHashMap<>();

    public SecretReader(KubernetesClient client, RecentSecrets recent) {
        this.client = client;
        this.recent = recent;
    }

    /** The Secret as the API server has it (read once per reconcile); empty when it does not exist. */
    public Optional<Secret> secret(String namespace, String name) {
        return fetched.computeIfAbsent(namespace + "/" + name,
                k -> Optional.ofNullable(recent.get(namespace, name,
                        () -> client.secrets().inNamespace(namespace).withName(name).get())));
    }

    public Credentials credentials(String namespace, SecretCredentialsRef ref, String field) {
        SecretData secret = read(namespace, ref.name, List.of(ref.usernameKey, ref.passwordKey), field);
        return new Credentials(secret.values().get(ref.usernameKey), secret.values().get(ref.passwordKey),
                secret.version());
    }

    /** One value of a Secret (e.g. a CA certificate). */
    public String value(String namespace, String name, String key, String field) {
        return read(namespace, name, List.of(key), field).values().get(key);
    }

    /** Checks that the Secret exists and holds {@code keys} (for Secrets only pods read, via secretKeyRef). */
    public void requireKeys(String namespace, String name, List<String> keys, String field) {
        read(namespace, name, keys, field);
    }

    private SecretData read(String namespace, String name, List<String> keys, String field) {
        Secret secret = secret(namespace, name).orElse(null);
        if (secret == null) {
            throw new ExternalStepException("SecretNotFound", "Secret '" + name + "' (" + field + ") does not exist in "
                    + "namespace " + namespace + ": create it with the keys " + String.join(", ", keys));
        }
        Map<String, String> decoded = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v),
                    StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            decoded.putAll(secret.getStringData());
        }
        for (String key : keys) {
            if (!decoded.containsKey(key)) {
                throw new ExternalStepException("SecretKeyMissing", "Secret '" + name + "' (" + field + ") has no key '"
                        + key + "': add it, or point " + field + " at the key that holds it");
            }
        }
        return new SecretData(decoded, secret.getMetadata().getResourceVersion());
    }

    private record SecretData(Map<String, String> values, String version) {
    }
}
