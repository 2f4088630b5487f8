package tradeoffs.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.GaussianModel;

/**
 * A user's jointly Gaussian model (Σ, b, v) from a JSON file
 * {@code {"sigma": [[...]], "b": [...], "v": number, "dim_core": n}}: the first {@code dim_core}
 * features are core, the rest spurious (default dim_core = 1). Every problem is a
 * {@link ParameterException} about the parameter {@code model_file}.
 *
 * @param model (Σ, b, v)
 * @param dimCore how many leading features are core
 */
public record ModelFile(GaussianModel model, int dimCore) {
    /** The parameter bad files are reported under. */
    public static final String PARAMETER = "model_file";

    /** Reads and validates {@code file}. */
    public static ModelFile read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ParameterException(
                    PARAMETER, "must be a readable JSON file", file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ParameterException(PARAMETER, "must hold a JSON object with sigma, b, v", file);
        }
        JsonNode s = root.get("sigma");
        JsonNode b = root.get("b");
        JsonNode v = root.get("v");
        if (s == null || !s.isArray() || b == null || !b.isArray() || v == null || !v.isNumber()) {
            throw new ParameterException(
                    PARAMETER, "must hold \"sigma\" (array of rows), \"b\" (array) and \"v\" (number)", file);
        }
        double[][] sigma = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            sigma[i] = numbers(s.get(i), "sigma row " + i);
        }
        GaussianModel model;
        try {
            model = new GaussianModel(sigma, numbers(b, "b"), v.asDouble());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(PARAMETER, "must hold a valid model: " + e.getMessage(), file);
        }
        int dc = root.has("dim_core") ? root.get("dim_core").asInt(-1) : 1;
        if (dc < 1 || dc > model.dim()) {
            throw new ParameterException(
                    PARAMETER, "dim_core must be in [1, " + model.dim() + "]", root.get("dim_core"));
        }
        return new ModelFile(model, dc);
    }

    private static double[] numbers(JsonNode array, String what) {
        if (!array.isArray()) {
            throw new ParameterException(PARAMETER, what + " must be an array of numbers", array);
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new ParameterException(PARAMETER, what + " must hold numbers", array.get(i));
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
