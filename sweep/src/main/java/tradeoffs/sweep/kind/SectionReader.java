package tradeoffs.sweep.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a kind's section of a sweep config (e.g. {@code simulate: {n: 1000}}): each value with its
 * default, checked for type and range, every problem an IllegalArgumentException naming the key as
 * the user wrote it, {@code 'kind.key'}.
 *
 * @param kind the kind, e.g. {@code simulate}
 * @param section the section (null when the config has none)
 */
record SectionReader(String kind, JsonNode section) {
    /** Throws unless every key of the section is one of {@code allowed}. */
    void onlyKeys(List<String> allowed) {
        if (section == null) {
            return;
        }
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(
                        "unknown key '" + kind + "." + k + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Whether the section gives {@code key}. */
    boolean has(String key) {
        return section != null && section.has(key);
    }

    /** An integer ≥ {@code min}, or {@code fallback} when absent. */
    int integer(String key, int fallback, int min) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(name(key) + " must be an integer (got " + v + ")");
        }
        if (v.asInt() < min) {
            throw new IllegalArgumentException(name(key) + " must be >= " + min + " (got " + v + ")");
        }
        return v.asInt();
    }

    /** A number, or {@code fallback} when absent. */
    double number(String key, double fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(name(key) + " must be a number (got " + v + ")");
        }
        return v.asDouble();
    }

    /** A string, or {@code fallback} when absent. */
    String text(String key, String fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(name(key) + " must be a string (got " + v + ")");
        }
        return v.asText();
    }

    /** {@code 'kind.key'}, as messages name a key. */
    String name(String key) {
        return "'" + kind + "." + key + "'";
    }

    private JsonNode value(String key) {
        return section == null ? null : section.get(key);
    }
}
