package tradeoffs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * A sweep configuration (JSON or YAML): a grid over model parameters × eta_test × norms × eps ×
 * kinds. Every model parameter may be one value or a list. Example (YAML):
 *
 * <pre>
 * seed: 7
 * kinds: [theory, simulate]
 * norms: [l1, l2, linf]
 * eps: "0:1:0.25"            # or a list [0.1, 0.5], or one number
 * eta_test: -0.5             # optional: shifted test domain (one value or a list)
 * model:
 *   type: core-spurious      # or anti-causal
 *   sigma_core: 1.0
 *   sigma_spurious: [0.5, 2.0]
 *   eta: 0.5
 *   noise: 0.5
 * simulate: {n: [1000, 10000], n_test: 10000, reps: 50}
 * </pre>
 *
 * A kind section's key that the kind declares sweepable ({@link PointRunner#sweepableKeys}) may
 * be a list: a grid axis of that kind's points only.
 *
 * <p>Points are enumerated in a fixed order (model parameters in the order of {@link #modelKeys},
 * the last fastest, then eta_test, norm, eps, kind, and last, inside each kind, that kind's
 * section axes in the order of its {@code sweepableKeys()}, the last fastest); a point's index
 * decides its random streams and its shard. Without section lists the numbering is the one of a
 * grid without kind axes. Bad input is an IllegalArgumentException whose message names the key.
 */
public final class SweepConfig {
    public static final String CORE_SPURIOUS = "core-spurious";
    public static final String ANTI_CAUSAL = "anti-causal";

    private static final List<String> TOP_KEYS = List.of("seed", "kinds", "norms", "eps", "eta_test", "model");

    private final JsonNode root;
    private String digest;
    private final long seed;
    private final List<String> kinds;
    private final List<String> norms;
    private final List<Double> eps;
    private final List<Double> etaTest;
    private final String modelType;
    private final LinkedHashMap<String, List<Number>> model;
    private final Map<String, JsonNode> sections = new LinkedHashMap<>();
    /** Per kind in {@code kinds}: its section axes (key → values), in sweepableKeys() order. */
    private final Map<String, LinkedHashMap<String, List<JsonNode>>> axes = new LinkedHashMap<>();

    private SweepConfig(JsonNode root, Map<String, PointRunner> runners) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("sweep config must be a JSON/YAML object with keys " + TOP_KEYS);
        }
        this.root = root;
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!TOP_KEYS.contains(key) && !runners.containsKey(key)) {
                List<String> allowed = new ArrayList<>(TOP_KEYS);
                allowed.addAll(runners.keySet());
                throw new IllegalArgumentException(
                        "unknown key '" + key + "' in sweep config (allowed: " + String.join(", ", allowed) + ")");
            }
        }
        JsonNode s = root.get("seed");
        if (s != null && !(s.isIntegralNumber() && s.canConvertToLong())) {
            throw new IllegalArgumentException(
                    "'seed' must be an integer in the range of a 64-bit long (got " + s + ")");
        }
        seed = s == null ? 1L : s.asLong();
        kinds = distinct(strings(root.get("kinds"), "kinds", List.of("theory")), "kinds");
        for (String k : kinds) {
            if (!runners.containsKey(k)) {
                throw new IllegalArgumentException("'kinds' has unknown kind '" + k + "' (available: "
                        + String.join(", ", runners.keySet()) + ")");
            }
        }
        List<String> rawNorms = strings(root.get("norms"), "norms", List.of("l1", "l2", "linf"));
        norms = new ArrayList<>();
        for (String n : rawNorms) {
            LpNorm p;
            try {
                p = LpNorm.parse(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'norms': " + e.getMessage());
            }
            if (kinds.contains("simulate") && !(p.isOne() || p.isTwo() || p.isInfinity())) {
                throw new IllegalArgumentException("'norms': simulate supports l1, l2 and linf only (got " + n + ")");
            }
            norms.add(p.name());
        }
        distinct(norms, "norms");
        JsonNode e = root.get("eps");
        if (e == null) {
            throw new IllegalArgumentException("'eps' is required: a number, a list of numbers or \"start:stop:step\"");
        }
        eps = grid(e, "eps");
        for (double x : eps) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("'eps' values must be >= 0 and finite (got " + x + ")");
            }
        }
        JsonNode et = root.get("eta_test");
        etaTest = new ArrayList<>();
        if (et == null || et.isNull()) {
            etaTest.add(null);
        } else {
            etaTest.addAll(grid(et, "eta_test"));
            for (double x : grid(et, "eta_test")) {
                if (!(x > -1 && x < 1)) {
                    throw new IllegalArgumentException("'eta_test' values must be in (-1, 1) (got " + x + ")");
                }
            }
        }
        JsonNode m = root.get("model");
        if (m != null && !m.isObject()) {
            throw new IllegalArgumentException("'model' must be an object (got " + m + ")");
        }
        JsonNode type = m == null ? null : m.get("type");
        if (type != null && !type.isTextual()) {
            throw new IllegalArgumentException("'model.type' must be core-spurious or anti-causal (got " + type + ")");
        }
        modelType = type == null ? CORE_SPURIOUS : type.asText();
        if (!modelType.equals(CORE_SPURIOUS) && !modelType.equals(ANTI_CAUSAL)) {
            throw new IllegalArgumentException(
                    "'model.type' must be core-spurious or anti-causal (got '" + modelType + "')");
        }
        if (modelType.equals(ANTI_CAUSAL) && !(etaTest.size() == 1 && etaTest.get(0) == null)) {
            throw new IllegalArgumentException("'eta_test' applies to the core-spurious model only");
        }
        model = new LinkedHashMap<>();
        Map<String, Number> defaults = defaults(modelType);
        if (m != null) {
            for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("type") && !defaults.containsKey(key)) {
                    throw new IllegalArgumentException("unknown key 'model." + key + "' for the " + modelType
                            + " model (allowed: type, " + String.join(", ", defaults.keySet()) + ")");
                }
            }
        }
        for (Map.Entry<String, Number> d : defaults.entrySet()) {
            JsonNode v = m == null ? null : m.get(d.getKey());
            boolean integer = d.getValue() instanceof Integer;
            List<Number> values = new ArrayList<>();
            if (v == null) {
                values.add(d.getValue());
            } else {
                for (JsonNode x : v.isArray() ? iterable(v) : List.of(v)) {
                    if (integer ? !(x.isIntegralNumber() && x.canConvertToInt()) : !x.isNumber()) {
                        throw new IllegalArgumentException("'model." + d.getKey() + "' must be "
                                + (integer ? "an integer" : "a number") + " or a list of them (got " + v + ")");
                    }
                    values.add(integer ? (Number) x.asInt() : (Number) x.asDouble());
                }
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("'model." + d.getKey() + "' must not be an empty list");
                }
            }
            model.put(d.getKey(), values);
        }
        for (String kind : runners.keySet()) {
            JsonNode section = root.get(kind);
            if (section != null && !section.isObject()) {
                throw new IllegalArgumentException("'" + kind + "' must be an object (got " + section + ")");
            }
            if (kinds.contains(kind)) {
                axes.put(kind, SectionAxes.of(kind, section, runners.get(kind)));
            }
            sections.put(kind, section);
        }
        requireGridSize(runners);
        // Validate every model once (the records' constructors check the ranges).
        for (SweepPoint p : points()) {
            if (p.parameters().get("norm").equals(norms.get(0))
                    && p.eps() == eps.get(0)
                    && p.kind().equals(kinds.get(0))) {
                try {
                    p.scenario();
                } catch (ParameterException ex) {
                    throw inKeys("model", ex);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("'model': " + ex.getMessage());
                }
            }
        }
    }

    /**
     * A library's ParameterException in the config's words: parameter {@code x} of section
     * {@code s} becomes the key {@code 's.x'} (e.g. {@code 'deep.train_size'}, {@code 'model.eta'}).
     */
    public static ParameterException inKeys(String section, ParameterException e) {
        return e.renamed(Map.of(e.parameter(), "'" + section + "." + e.parameter() + "'"));
    }

    /**
     * Parses and validates a config file (YAML for .yaml/.yml, JSON otherwise). The file is read
     * strictly ({@link Json#readFile}): a missing, binary or non-UTF-8 file, a duplicate key,
     * content after the value or a YAML alias is a ParameterException about {@code config}.
     */
    public static SweepConfig read(Path file, Map<String, PointRunner> runners) {
        JsonNode root = Json.readFile("config", file);
        if (!root.isObject()) {
            throw new tradeoffs.theory.ParameterException(
                    "config",
                    "must hold a JSON/YAML object with keys " + TOP_KEYS,
                    file + ": " + (root.isArray() ? "a list" : root.isNull() ? "null" : "a single value"));
        }
        return new SweepConfig(root, runners);
    }

    /** Validates a parsed config tree. */
    public static SweepConfig of(JsonNode root, Map<String, PointRunner> runners) {
        return new SweepConfig(root, runners);
    }

    /** The largest grid a sweep runs (point ids p000000..p999999; one file per point). */
    public static final int MAX_POINTS = 1_000_000;

    /**
     * SHA-256 (hex) of the config tree with object keys sorted: the same for the same config
     * whatever its key order or file format; point files carry it ({@link PointFile}).
     */
    public String digest() {
        if (digest == null) {
            byte[] canonical = Json.write(Json.MAPPER.convertValue(root, Object.class))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try {
                digest = java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(canonical));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return digest;
    }

    /** The number of grid points (without enumerating them). */
    public long size() {
        long combos = 1;
        for (List<Number> v : model.values()) {
            combos *= v.size();
        }
        long perKind = 0;
        for (String kind : kinds) {
            long c = 1;
            for (List<JsonNode> v : axes.get(kind).values()) {
                c *= v.size();
            }
            perKind += c;
        }
        return saturatingProduct(combos, etaTest.size(), norms.size(), eps.size(), perKind);
    }

    private static long saturatingProduct(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = f != 0 && p > Long.MAX_VALUE / f ? Long.MAX_VALUE : p * f;
        }
        return p;
    }

    /** Refuses a grid of more than {@link #MAX_POINTS} points, naming its longest list. */
    private void requireGridSize(Map<String, PointRunner> runners) {
        long n = size();
        if (n <= MAX_POINTS) {
            return;
        }
        String longest = "eps";
        long most = eps.size();
        for (Map.Entry<String, List<Number>> e : model.entrySet()) {
            if (e.getValue().size() > most) {
                longest = "model." + e.getKey();
                most = e.getValue().size();
            }
        }
        if (norms.size() > most) {
            longest = "norms";
            most = norms.size();
        }
        if (etaTest.size() > most) {
            longest = "eta_test";
            most = etaTest.size();
        }
        for (Map.Entry<String, LinkedHashMap<String, List<JsonNode>>> k : axes.entrySet()) {
            for (Map.Entry<String, List<JsonNode>> a : k.getValue().entrySet()) {
                if (a.getValue().size() > most) {
                    longest = k.getKey() + "." + a.getKey();
                    most = a.getValue().size();
                }
            }
        }
        throw new IllegalArgumentException("the grid has " + n + " points, more than a sweep's " + MAX_POINTS
                + "; its longest list is '" + longest + "' (" + most + " values)");
    }

    /** The config tree as given (written to config.json beside the results). */
    public JsonNode root() {
        return root;
    }

    public long seed() {
        return seed;
    }

    public List<String> kinds() {
        return List.copyOf(kinds);
    }

    /** The config section of a kind (null when absent). */
    public JsonNode section(String kind) {
        return sections.get(kind);
    }

    /**
     * The config section a point runs with: its kind's section with every list replaced by the
     * point's value (the section as given when it has no lists).
     */
    public JsonNode section(SweepPoint p) {
        JsonNode section = sections.get(p.kind());
        if (p.settings().isEmpty()) {
            return section;
        }
        ObjectNode concrete = section.deepCopy();
        for (Map.Entry<String, Object> e : p.settings().entrySet()) {
            concrete.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue()));
        }
        return concrete;
    }

    /** The section axes of a kind: key → values, in its sweepableKeys() order (empty without lists). */
    public Map<String, List<Object>> axes(String kind) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        axes.getOrDefault(kind, new LinkedHashMap<>())
                .forEach((k, v) -> out.put(k, v.stream().map(SweepConfig::value).toList()));
        return out;
    }

    private static Object value(JsonNode v) {
        return Json.MAPPER.convertValue(v, Object.class);
    }

    /** The model parameter names of the config's model type, in column order. */
    public List<String> modelKeys() {
        return List.copyOf(model.keySet());
    }

    /** The parameter columns every table of this sweep starts with. */
    public List<String> parameterColumns() {
        List<String> cols = new ArrayList<>();
        cols.add("point");
        cols.add("model");
        cols.addAll(model.keySet());
        cols.add("eta_test");
        cols.add("norm");
        cols.add("eps");
        return cols;
    }

    /**
     * A short label of a point for progress lines: the parameters that vary in this grid plus the
     * norm and ε, then the kind-section axes that vary, e.g. "sigma_spurious=2.0 norm=l2 eps=0.25
     * deep.rho=0.9".
     */
    public String describe(SweepPoint p) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Number>> e : model.entrySet()) {
            if (e.getValue().size() > 1) {
                sb.append(e.getKey())
                        .append('=')
                        .append(p.parameters().get(e.getKey()))
                        .append(' ');
            }
        }
        if (etaTest.size() > 1) {
            sb.append("eta_test=").append(p.parameters().get("eta_test")).append(' ');
        }
        sb.append("norm=")
                .append(p.parameters().get("norm"))
                .append(" eps=")
                .append(p.parameters().get("eps"));
        List<JsonNode> none = List.of();
        for (Map.Entry<String, Object> e : p.settings().entrySet()) {
            if (axes.get(p.kind()).getOrDefault(e.getKey(), none).size() > 1) {
                sb.append(' ')
                        .append(p.kind())
                        .append('.')
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue());
            }
        }
        return sb.toString();
    }

    /** Every grid point in canonical order. */
    public List<SweepPoint> points() {
        List<String> keys = new ArrayList<>(model.keySet());
        int combos = 1;
        for (List<Number> v : model.values()) {
            combos *= v.size();
        }
        Map<String, List<Map<String, Object>>> kindCombos = new LinkedHashMap<>();
        for (String kind : kinds) {
            List<Map<String, Object>> settingsList = new ArrayList<>();
            for (Map<String, JsonNode> c : SectionAxes.combinations(axes.get(kind))) {
                Map<String, Object> m = new LinkedHashMap<>();
                c.forEach((k, v) -> m.put(k, value(v)));
                settingsList.add(m);
            }
            kindCombos.put(kind, settingsList);
        }
        List<SweepPoint> out = new ArrayList<>();
        int index = 0;
        for (int c = 0; c < combos; c++) {
            Map<String, Object> params = new LinkedHashMap<>();
            int rest = c;
            Object[] chosen = new Object[keys.size()];
            for (int k = keys.size() - 1; k >= 0; k--) {
                List<Number> v = model.get(keys.get(k));
                chosen[k] = v.get(rest % v.size());
                rest /= v.size();
            }
            for (int k = 0; k < keys.size(); k++) {
                params.put(keys.get(k), chosen[k]);
            }
            for (Double et : etaTest) {
                for (String norm : norms) {
                    for (double e : eps) {
                        for (String kind : kinds) {
                            Map<String, Object> p = new LinkedHashMap<>(params);
                            p.put("eta_test", et);
                            p.put("norm", norm);
                            p.put("eps", e);
                            for (Map<String, Object> settings : kindCombos.get(kind)) {
                                out.add(new SweepPoint(index++, kind, modelType, p, settings));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Number> defaults(String type) {
        Map<String, Number> d = new LinkedHashMap<>();
        if (type.equals(ANTI_CAUSAL)) {
            d.put("a_core", 1.0);
            d.put("a_spurious", 1.0);
            d.put("tau_core", 1.0);
            d.put("tau_spurious", 0.5);
        } else {
            d.put("sigma_core", 1.0);
            d.put("sigma_spurious", 1.0);
            d.put("eta", 0.6);
            d.put("noise", 0.5);
        }
        d.put("dim_core", 1);
        d.put("dim_spurious", 1);
        return d;
    }

    static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode v, String key, List<String> fallback) {
        if (v == null) {
            return new ArrayList<>(fallback);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v.isArray() ? iterable(v) : List.of(v)) {
            if (!x.isTextual()) {
                throw new IllegalArgumentException(
                        "'" + key + "' must be a string or a list of strings (got " + v + ")");
            }
            out.add(x.asText().trim());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' must not be empty");
        }
        return out;
    }

    /**
     * A number, a list of numbers, or a text grid as on the command line ({@link Grid}:
     * "start:stop:step" with both ends included, fractions such as "8/255", comma lists); at most
     * {@link Grid#MAX_POINTS} values, each finite.
     */
    static List<Double> grid(JsonNode v, String key) {
        String usage = "'" + key + "' must be a number, a list of numbers or \"start:stop:step\"";
        List<Double> out = new ArrayList<>();
        if (v.isTextual()) {
            double[] values;
            try {
                values = Grid.parse(key, v.asText()).values();
            } catch (ParameterException e) {
                throw new IllegalArgumentException(e.messageAs("'" + key + "'"));
            }
            for (double x : values) {
                out.add(x);
            }
            return out;
        }
        if (v.isArray() && v.size() > Grid.MAX_POINTS) {
            throw new IllegalArgumentException(
                    "'" + key + "' has " + v.size() + " values, more than " + Grid.MAX_POINTS);
        }
        for (JsonNode x : v.isArray() ? iterable(v) : List.of(v)) {
            if (!x.isNumber()) {
                throw new IllegalArgumentException(usage + " (got " + abbreviate(v) + ")");
            }
            if (!Double.isFinite(x.asDouble())) {
                throw new IllegalArgumentException("'" + key + "' values must be finite (got " + x + ")");
            }
            out.add(x.asDouble());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' must not be empty");
        }
        return out;
    }

    /** {@code values}, after checking that no value repeats (a repeated grid value repeats rows). */
    private static <T> List<T> distinct(List<T> values, String key) {
        java.util.Set<T> seen = new java.util.HashSet<>();
        for (T v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException("'" + key + "' lists " + v + " more than once");
            }
        }
        return values;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
