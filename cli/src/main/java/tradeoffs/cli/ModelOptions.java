package tradeoffs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import tradeoffs.io.Json;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;

/**
 * The model flags shared by {@code theory} and {@code simulate} (a picocli mixin): the
 * core/spurious model of THEORY.md §1.4 by default, the anti-causal model with
 * {@code --anti-causal}, or any (Σ, b, v) from a JSON file with {@code --model-file}.
 * Bad values give an IllegalArgumentException naming the flag and the allowed range (exit 2).
 */
public final class ModelOptions {

    @Option(names = "--sigma-core", paramLabel = "S", description = "core feature scale sigma_c > 0 (default: ${DEFAULT-VALUE})")
    double sigmaCore = 1.0;

    @Option(names = "--sigma-spurious", paramLabel = "S", description = "spurious feature scale sigma_s > 0 (default: ${DEFAULT-VALUE})")
    double sigmaSpurious = 1.0;

    @Option(names = "--eta", paramLabel = "ETA", description = "spurious correlation eta in (-1, 1) (default: ${DEFAULT-VALUE})")
    double eta = 0.6;

    @Option(names = "--noise", paramLabel = "S", description = "label-noise standard deviation sigma_n >= 0 (default: ${DEFAULT-VALUE})")
    double noise = 0.5;

    @Option(names = "--dim-core", paramLabel = "N", description = "number of core features d_c >= 1 (default: ${DEFAULT-VALUE})")
    int dimCore = 1;

    @Option(names = "--dim-spurious", paramLabel = "N", description = "number of spurious features d_s >= 0 (default: ${DEFAULT-VALUE})")
    int dimSpurious = 1;

    @Option(names = "--anti-causal", description = "use the anti-causal model: y ~ N(0,1), x_c = a_c y + tau_c n_c, x_s = a_s y + tau_s n_s")
    boolean antiCausal;

    @Option(names = "--a-core", paramLabel = "A", description = "anti-causal core loading a_c (default: ${DEFAULT-VALUE})")
    double loadingCore = 1.0;

    @Option(names = "--a-spurious", paramLabel = "A", description = "anti-causal spurious loading a_s (default: ${DEFAULT-VALUE})")
    double loadingSpurious = 1.0;

    @Option(names = "--tau-core", paramLabel = "S", description = "anti-causal core noise tau_c > 0 (default: ${DEFAULT-VALUE})")
    double noiseCore = 1.0;

    @Option(names = "--tau-spurious", paramLabel = "S", description = "anti-causal spurious noise tau_s > 0 (default: ${DEFAULT-VALUE})")
    double noiseSpurious = 0.5;

    @Option(names = "--model-file", paramLabel = "FILE",
            description = "a user model as JSON: {\"sigma\": [[...]], \"b\": [...], \"v\": number, \"dim_core\": n}"
                    + " (the first dim_core features are core, the rest spurious; default dim_core = 1)")
    Path modelFile;

    /** Which model the flags select. */
    public enum Kind { CORE_SPURIOUS, ANTI_CAUSAL, USER }

    /** The selected kind; --anti-causal and --model-file exclude each other. */
    public Kind kind() {
        if (antiCausal && modelFile != null) {
            throw new IllegalArgumentException("--anti-causal and --model-file exclude each other (give at most one)");
        }
        return modelFile != null ? Kind.USER : antiCausal ? Kind.ANTI_CAUSAL : Kind.CORE_SPURIOUS;
    }

    /** The core/spurious model of the flags (validated with the flag names in messages). */
    public CoreSpuriousModel coreSpurious() {
        positive("--sigma-core", sigmaCore);
        positive("--sigma-spurious", sigmaSpurious);
        if (!(eta > -1 && eta < 1)) {
            throw new IllegalArgumentException("--eta must be in (-1, 1) (got " + eta + ")");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("--noise must be >= 0 (got " + noise + ")");
        }
        checkDimensions();
        return new CoreSpuriousModel(dimCore, dimSpurious, sigmaCore, sigmaSpurious, eta, noise);
    }

    /** The anti-causal model of the flags. */
    public AntiCausalModel antiCausalModel() {
        positive("--tau-core", noiseCore);
        positive("--tau-spurious", noiseSpurious);
        if (!Double.isFinite(loadingCore)) {
            throw new IllegalArgumentException("--a-core must be finite (got " + loadingCore + ")");
        }
        if (!Double.isFinite(loadingSpurious)) {
            throw new IllegalArgumentException("--a-spurious must be finite (got " + loadingSpurious + ")");
        }
        checkDimensions();
        return new AntiCausalModel(dimCore, dimSpurious, loadingCore, loadingSpurious, noiseCore, noiseSpurious);
    }

    /** The jointly Gaussian (Σ, b, v) of the selected model. */
    public GaussianModel gaussian() {
        return switch (kind()) {
            case CORE_SPURIOUS -> coreSpurious().toGaussian();
            case ANTI_CAUSAL -> antiCausalModel().toGaussian();
            case USER -> readUserModel().model();
        };
    }

    /** The number of core features of the selected model (the first coordinates of x). */
    public int coreDimension() {
        return kind() == Kind.USER ? readUserModel().dimCore() : dimCore;
    }

    /** The model's parameters for a manifest or a JSON output. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (kind()) {
            case CORE_SPURIOUS -> {
                m.put("model", "core-spurious");
                m.put("sigma_core", sigmaCore);
                m.put("sigma_spurious", sigmaSpurious);
                m.put("eta", eta);
                m.put("noise", noise);
                m.put("dim_core", dimCore);
                m.put("dim_spurious", dimSpurious);
            }
            case ANTI_CAUSAL -> {
                m.put("model", "anti-causal");
                m.put("a_core", loadingCore);
                m.put("a_spurious", loadingSpurious);
                m.put("tau_core", noiseCore);
                m.put("tau_spurious", noiseSpurious);
                m.put("dim_core", dimCore);
                m.put("dim_spurious", dimSpurious);
            }
            case USER -> {
                UserModel u = readUserModel();
                m.put("model", "user");
                m.put("model_file", modelFile.toString());
                m.put("sigma", u.model().sigma());
                m.put("b", u.model().b());
                m.put("v", u.model().v());
                m.put("dim_core", u.dimCore());
            }
        }
        return m;
    }

    /** A (Σ, b, v) read from {@code --model-file}, with how many leading features are core. */
    public record UserModel(GaussianModel model, int dimCore) {
    }

    /** Reads and validates {@code --model-file}. */
    public UserModel readUserModel() {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(modelFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("--model-file " + modelFile + " cannot be read as JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--model-file must hold a JSON object with sigma, b, v");
        }
        JsonNode s = root.get("sigma");
        JsonNode b = root.get("b");
        JsonNode v = root.get("v");
        if (s == null || !s.isArray() || b == null || !b.isArray() || v == null || !v.isNumber()) {
            throw new IllegalArgumentException("--model-file must hold \"sigma\" (array of rows), \"b\" (array) and \"v\" (number)");
        }
        double[][] sigma = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            JsonNode row = s.get(i);
            if (!row.isArray()) {
                throw new IllegalArgumentException("--model-file: sigma row " + i + " must be an array of numbers");
            }
            sigma[i] = numbers(row, "sigma row " + i);
        }
        GaussianModel model;
        try {
            model = new GaussianModel(sigma, numbers(b, "b"), v.asDouble());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model-file: " + e.getMessage());
        }
        int dc = root.has("dim_core") ? root.get("dim_core").asInt(-1) : 1;
        if (dc < 1 || dc > model.dim()) {
            throw new IllegalArgumentException("--model-file: dim_core must be in [1, " + model.dim() + "] (got " + root.get("dim_core") + ")");
        }
        return new UserModel(model, dc);
    }

    private static double[] numbers(JsonNode array, String what) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("--model-file: " + what + " must hold numbers (got " + array.get(i) + ")");
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

    private void checkDimensions() {
        if (dimCore < 1) {
            throw new IllegalArgumentException("--dim-core must be >= 1 (got " + dimCore + ")");
        }
        if (dimSpurious < 0) {
            throw new IllegalArgumentException("--dim-spurious must be >= 0 (got " + dimSpurious + ")");
        }
    }

    private static void positive(String flag, double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException(flag + " must be > 0 (got " + x + ")");
        }
    }
}
