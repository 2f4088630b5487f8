package tradeoffs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.theory.ParameterException;

/**
 * A kind's section axes (docs/sweep.md, "Kind-section axes"): the list-valued keys of a section
 * such as {@code simulate:} or {@code deep:}, each a grid axis of that kind's points only, and the
 * combinations of their values, the last axis fastest.
 */
final class SectionAxes {
    private SectionAxes() {}

    /**
     * The list-valued keys of a kind's section as grid axes, after checking that each is
     * sweepable, non-empty and made of single values, and that every combination passes the
     * kind's {@code validate} (which names {@code kind.key} for wrong types and ranges).
     */
    static LinkedHashMap<String, List<JsonNode>> of(String kind, JsonNode section, PointRunner runner) {
        LinkedHashMap<String, List<JsonNode>> out = new LinkedHashMap<>();
        if (section == null) {
            validate(kind, runner, null);
            return out;
        }
        List<String> listed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isArray()) {
                if (f.getValue().isEmpty()) {
                    throw new IllegalArgumentException("'" + kind + "." + f.getKey() + "' must not be an empty list");
                }
                listed.add(f.getKey());
            }
        }
        // Unknown keys and the first values' types are the kind's own messages.
        ObjectNode first = section.deepCopy();
        for (String key : listed) {
            first.set(key, section.get(key).get(0));
        }
        validate(kind, runner, first);
        List<String> sweepable = runner.sweepableKeys();
        for (String key : listed) {
            if (!sweepable.contains(key)) {
                throw new IllegalArgumentException(
                        "'" + kind + "." + key + "' takes a single value, not a list (lists are allowed for "
                                + (sweepable.isEmpty()
                                        ? "no " + kind + " key"
                                        : kind + "." + String.join(", " + kind + ".", sweepable))
                                + ")");
            }
            for (JsonNode x : section.get(key)) {
                if (x.isContainerNode()) {
                    throw new IllegalArgumentException("'" + kind + "." + key
                            + "' list elements must be single values (got " + section.get(key) + ")");
                }
            }
        }
        for (String key : sweepable) {
            if (listed.contains(key)) {
                out.put(key, SweepConfig.iterable(section.get(key)));
            }
        }
        for (Map<String, JsonNode> combo : combinations(out)) {
            ObjectNode concrete = section.deepCopy();
            combo.forEach(concrete::set);
            validate(kind, runner, concrete);
        }
        return out;
    }

    /** The kind's {@code validate}, with a library's ParameterException renamed to the config key. */
    private static void validate(String kind, PointRunner runner, JsonNode section) {
        try {
            runner.validate(section);
        } catch (ParameterException e) {
            throw SweepConfig.inKeys(kind, e);
        }
    }

    /** Every combination of the axes' values, the last axis fastest (one empty map for no axes). */
    static List<Map<String, JsonNode>> combinations(LinkedHashMap<String, List<JsonNode>> axes) {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> a : axes.entrySet()) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> prefix : out) {
                for (JsonNode v : a.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(prefix);
                    m.put(a.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
