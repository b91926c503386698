package io.salespulse.operator.reconcile;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a rotated Secret from a first sight, per pipeline, Deployment and Secret: the fingerprint this operator last
 * applied is remembered (seeded from the live pod template's annotation after a restart, so a rotation while the
 * operator was down counts too). A stale watch cache showing the old template again is not a second rotation.
 * It also keeps, per pipeline and step condition, a short note of the last rotation for the condition message.
 */
public final class CredentialRotations {

    /** SecretFingerprints' value for a referenced Secret that does not exist. */
    public static final String MISSING = "missing";
    private final Map<String, String> applied = new ConcurrentHashMap<>();
    private final Map<String, String> notes = new ConcurrentHashMap<>();
    private final Clock clock;

    public CredentialRotations(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records what a Deployment's pods are about to read and returns the Secrets whose content changed since the
     * pods were last rolled for them.
     *
     * @param desired Secret → fingerprint in the template about to be applied
     * @param live    Secret → fingerprint in the template the cluster has now (empty when new or unannotated)
     */
    public List<String> observe(String pipelineUid, String deployment, Map<String, String> desired,
                                Map<String, String> live) {
        List<String> rotated = new java.util.ArrayList<>();
        desired.forEach((secret, fingerprint) -> {
            String key = pipelineUid + "/" + deployment + "/" + secret;
            String before = Optional.ofNullable(applied.get(key)).orElse(live.get(secret));
            // A Secret that was missing and now exists is a fix, not a rotation (the pods roll all the same).
            if (before != null && !before.equals(fingerprint) && !MISSING.equals(before)
                    && !MISSING.equals(fingerprint)) {
                rotated.add(secret);
            }
            applied.put(key, fingerprint);
        });
        return rotated;
    }

    /** Remembers the note for {@code conditionType}'s message: which Secrets changed when, and what rolled. */
    public String rotated(String pipelineUid, String conditionType, List<String> secrets, String deployment) {
        String note = "credentials rotated at " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + " (Secret "
                + String.join(", ", secrets.stream().map(s -> "'" + s + "'").toList()) + " changed): Deployment "
                + deployment + " rolled its pods onto them";
        notes.put(pipelineUid + "/" + conditionType, note);
        return note;
    }

    /** The note of the last rotation that rolled this step's pods, if any. */
    public Optional<String> note(String pipelineUid, String conditionType) {
        return Optional.ofNullable(notes.get(pipelineUid + "/" + conditionType));
    }

    public void forget(String pipelineUid) {
        applied.keySet().removeIf(k -> k.startsWith(pipelineUid + "/"));
        notes.keySet().removeIf(k -> k.startsWith(pipelineUid + "/"));
    }
}
