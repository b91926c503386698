package io.salespulse.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.salespulse.crds.v1alpha1.SalesPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Parses YAML into fabric8 models and fails on anything the model does not know. fabric8's own models keep unknown
 * fields in {@code additionalProperties} instead of failing (plain classes such as the SalesPipeline spec fail at
 * parse time), and Jackson quietly converts a string into the number a model wants, so each object is also checked
 * twice: no {@code additionalProperties} anywhere in the parsed tree, and every field of the YAML comes back, with the
 * same value and type, when the parsed object is written out again.
 */
final class StrictModels {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static {
        SERIALIZATION.registerKubernetesResource(SalesPipeline.class);
    }

    private StrictModels() {
    }

    /** Every document of a multi-document YAML stream (comments-only documents skipped), each parsed strictly. */
    static List<HasMetadata> parseAll(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode doc : documents(yaml)) {
            objects.add(parse(doc, HasMetadata.class));
        }
        return objects;
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static <T> T parse(JsonNode doc, Class<T> type) {
        String what = doc.path("kind").asText("?") + " " + doc.path("metadata").path("name").asText("?");
        T parsed;
        try {
            parsed = SERIALIZATION.unmarshal(doc.toString(), type);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new AssertionError(what + " does not parse: " + cause.getMessage(), e);
        }
        if (parsed instanceof GenericKubernetesResource) {
            throw new AssertionError(what + ": no fabric8 model for " + doc.path("apiVersion").asText() + " "
                    + doc.path("kind").asText());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(parsed, "", problems);
        JsonNode written = SERIALIZATION.convertValue(parsed, JsonNode.class);
        lostFields(doc, written, "", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " does not parse strictly into " + parsed.getClass().getName() + ": "
                    + problems);
        }
        return parsed;
    }

    /** Paths of non-empty {@code additionalProperties} in a parsed model tree. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Iterable<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.salespulse")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "." : path));
                    }
                } else {
                    unknownFields(fieldValue, path + "." + field.getName(), problems);
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Fields of {@code original} missing from, or different in, {@code written} (numbers compared by value). */
    private static void lostFields(JsonNode original, JsonNode written, String path, List<String> problems) {
        if (original.isObject()) {
            if (!written.isObject()) {
                problems.add(path + ": an object became " + written);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode back = written.get(field.getKey());
                if (back == null) {
                    if (!field.getValue().isNull()) {
                        problems.add("unknown field " + path + "." + field.getKey());
                    }
                } else {
                    lostFields(field.getValue(), back, path + "." + field.getKey(), problems);
                }
            }
        } else if (original.isArray()) {
            if (!written.isArray() || written.size() != original.size()) {
                problems.add(path + ": the list came back as " + written);
                return;
            }
            for (int i = 0; i < original.size(); i++) {
                lostFields(original.get(i), written.get(i), path + "[" + i + "]", problems);
            }
        } else if (original.isNumber() && written.isNumber()) {
            if (original.decimalValue().compareTo(written.decimalValue()) != 0) {
                problems.add(path + ": " + original + " came back as " + written);
            }
        } else if (!original.equals(written)) {
            problems.add(path + ": " + original + " (" + original.getNodeType() + ") came back as " + written + " ("
                    + written.getNodeType() + ")");
        }
    }
}
