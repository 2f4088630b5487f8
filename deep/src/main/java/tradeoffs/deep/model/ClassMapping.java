package tradeoffs.deep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tradeoffs.io.Json;
import tradeoffs.theory.ParameterException;

/**
 * How a model's M outputs map to the data's K classes: output j belongs to class
 * {@code target[j]} ∈ [0, K) or to none (−1). The mapped logit of class k is the largest logit of
 * its outputs, f_k = max_{j : target[j] = k} z_j, and, when some outputs belong to no class, a
 * last "none" logit f_K = max over those, so that argmax_k f_k is the class of the model's top-1
 * output (or "none"), exactly the rule of the backgrounds challenge for ImageNet-1k models (top-1,
 * then the in_to_in9 map; an unmapped top-1 is wrong). Attacks see these K (+1) logits; the max is
 * differentiable almost everywhere, so gradients reach the input.
 *
 * @param name    where the mapping comes from (for output)
 * @param targets one entry per model output: its class, or −1
 * @param classes K
 */
public record ClassMapping(String name, int[] targets, int classes) {

    /** Builds a mapping once a module's number of outputs M and the data's K are known (K ≤ 0: unknown). */
    @FunctionalInterface
    public interface Source {
        ClassMapping resolve(int outputs, int classes);
    }

    /**
     * The mapping a user names: {@code imagenet9} ({@link #imageNet9()}), {@code identity}, or a file
     * ({@link #read}).
     */
    public static Source source(String spec) {
        String t = spec.trim();
        if (t.equalsIgnoreCase("imagenet9")) {
            return (outputs, classes) -> imageNet9();
        }
        if (t.equalsIgnoreCase("identity")) {
            return (outputs, classes) -> identity(outputs);
        }
        Path file = Path.of(t);
        return (outputs, classes) -> read(file, outputs, classes);
    }

    /** The resource holding {@link #imageNet9()}. */
    public static final String IMAGENET9_RESOURCE = "imagenet1k_to_imagenet9.csv";

    public ClassMapping {
        targets = targets.clone();
        if (classes < 2) {
            throw new ParameterException("class_map", "must map to at least 2 classes", classes);
        }
        boolean[] seen = new boolean[classes];
        for (int j = 0; j < targets.length; j++) {
            if (targets[j] < -1 || targets[j] >= classes) {
                throw new ParameterException(
                        "class_map",
                        "must send each output to a class in [0," + classes + ") or -1",
                        "output " + j + " -> " + targets[j]);
            }
            if (targets[j] >= 0) {
                seen[targets[j]] = true;
            }
        }
        for (int k = 0; k < classes; k++) {
            if (!seen[k]) {
                throw new ParameterException(
                        "class_map",
                        "must give every class at least one output",
                        "class " + k + " has none (" + name + ")");
            }
        }
    }

    /** Output k is class k, for a model with exactly the data's K outputs. */
    public static ClassMapping identity(int k) {
        int[] t = new int[k];
        for (int i = 0; i < k; i++) {
            t[i] = i;
        }
        return new ClassMapping("identity", t, k);
    }

    /**
     * The standard ImageNet-1k → ImageNet-9 map of the backgrounds challenge (the data file
     * {@value #IMAGENET9_RESOURCE} next to this class states its provenance): 370 of the 1000
     * classes map to the 9 super-classes, the other 630 to none.
     */
    public static ClassMapping imageNet9() {
        try (InputStream in = ClassMapping.class.getResourceAsStream(IMAGENET9_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + IMAGENET9_RESOURCE + " missing from the class path");
            }
            int[] t = new int[1000];
            Arrays.fill(t, -1);
            int classes = 0;
            for (List<String> row : csvRows(new InputStreamReader(in, StandardCharsets.UTF_8), IMAGENET9_RESOURCE)) {
                int k = Integer.parseInt(row.get(0));
                for (String range : row.get(3).trim().split("\\s+")) {
                    int dash = range.indexOf('-');
                    int lo = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                    int hi = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
                    for (int j = lo; j <= hi; j++) {
                        t[j] = k;
                    }
                }
                classes = Math.max(classes, k + 1);
            }
            return new ClassMapping("imagenet1k-to-imagenet9", t, classes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + IMAGENET9_RESOURCE, e);
        }
    }

    /**
     * A user's mapping for a model with {@code outputs} outputs and data with {@code classes}
     * classes (≤ 0: one more than the largest class the file names), from {@code file}: either a JSON object {@code {"output": class, ...}} (the format of
     * the backgrounds challenge's in_to_in9.json, −1 allowed) or a CSV table with a header and
     * columns {@code output,class} ('#' starts a comment line). Outputs not listed belong to no class.
     *
     * @throws ParameterException ({@code class_map}) for a missing or malformed file, an output out
     *     of range or a class without outputs, naming the file
     */
    public static ClassMapping read(Path file, int outputs, int classes) {
        if (!Files.isRegularFile(file)) {
            throw new ParameterException("class_map", "must be an existing file", file);
        }
        int[] t = new int[outputs];
        Arrays.fill(t, -1);
        try {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                JsonNode root = Json.MAPPER.readTree(file.toFile());
                if (root == null || !root.isObject()) {
                    throw new ParameterException("class_map", "must hold a JSON object {\"output\": class}", file);
                }
                Iterator<Map.Entry<String, JsonNode>> it = root.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().canConvertToInt()) {
                        throw new ParameterException(
                                "class_map",
                                "must map outputs to integer classes",
                                file + ": \"" + e.getKey() + "\": " + e.getValue());
                    }
                    put(t, e.getKey(), e.getValue().asInt(), file);
                }
            } else {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    List<List<String>> rows = csvRows(r, file.toString());
                    for (List<String> row : rows) {
                        if (row.size() < 2) {
                            throw new ParameterException(
                                    "class_map", "must have rows 'output,class'", file + ": " + row);
                        }
                        try {
                            put(t, row.get(0), Integer.parseInt(row.get(1).trim()), file);
                        } catch (NumberFormatException e) {
                            throw new ParameterException("class_map", "must have integer classes", file + ": " + row);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ParameterException(
                    "class_map", "must be a readable JSON or CSV file", file + ": " + e.getMessage());
        }
        int k = classes;
        if (k <= 0) {
            for (int c : t) {
                k = Math.max(k, c + 1);
            }
        }
        return new ClassMapping(file.getFileName().toString(), t, k);
    }

    private static void put(int[] t, String output, int cls, Path file) {
        int j;
        try {
            j = Integer.parseInt(output.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException("class_map", "must name outputs by their index", file + ": '" + output + "'");
        }
        if (j < 0 || j >= t.length) {
            throw new ParameterException(
                    "class_map", "must name outputs in [0," + t.length + ") of the model", file + ": output " + j);
        }
        t[j] = cls;
    }

    /** The data rows (header and '#' comments dropped) of a small comma-separated file. */
    private static List<List<String>> csvRows(Reader reader, String what) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        boolean header = true;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(Arrays.asList(l.split(",", -1)));
        }
        return rows;
    }

    /** M, the number of model outputs. */
    public int outputs() {
        return targets.length;
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    /** The class of output j, or −1. */
    public int target(int j) {
        return targets[j];
    }

    /** True when some output belongs to no class, so the mapped logits have a last "none" column. */
    public boolean hasNone() {
        for (int t : targets) {
            if (t < 0) {
                return true;
            }
        }
        return false;
    }

    /** True when output k is class k for every k (M = K): the logits pass through unchanged. */
    public boolean isIdentity() {
        for (int j = 0; j < targets.length; j++) {
            if (targets[j] != j) {
                return false;
            }
        }
        return targets.length == classes;
    }

    /** K, or K + 1 with the "none" column: the width of {@link #apply}'s result. */
    public int mappedWidth() {
        return classes + (hasNone() ? 1 : 0);
    }

    /**
     * The mapped logits (N, {@link #mappedWidth()}) of model logits (N, M): column k is the max over
     * the outputs of class k, the last column (if any) the max over the unmapped outputs.
     */
    public NDArray apply(NDArray logits, NDManager manager) {
        if (isIdentity()) {
            return logits;
        }
        NDList columns = new NDList();
        for (int k = 0; k < mappedWidth(); k++) {
            int cls = k < classes ? k : -1;
            List<Long> members = new ArrayList<>();
            for (int j = 0; j < targets.length; j++) {
                if (targets[j] == cls) {
                    members.add((long) j);
                }
            }
            NDArray idx =
                    manager.create(members.stream().mapToLong(Long::longValue).toArray());
            columns.add(logits.get(new NDIndex(":, {}", idx)).max(new int[] {1}));
        }
        return NDArrays.stack(columns, 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassMapping m && m.classes == classes && Arrays.equals(m.targets, targets);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return name + " (" + targets.length + " outputs -> " + classes + " classes" + (hasNone() ? " + none" : "")
                + ")";
    }
}
