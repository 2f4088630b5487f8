package tradeoffs.cli.option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import tradeoffs.io.ModelFile;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;

/**
 * The model flags shared by {@code theory} and {@code simulate} (a picocli mixin): the
 * core/spurious model of docs/math.md §3.2 by default, the anti-causal model with
 * {@code --anti-causal}, or any (Σ, b, v) from a JSON file with {@code --model-file}.
 * Bad values give a {@link ParameterException} naming the parameter and the allowed range, which
 * the CLI reports under the flag (exit 2).
 */
public final class ModelOptions {

    @Option(
            names = "--sigma-core",
            paramLabel = "S",
            description = "core feature scale sigma_c > 0 (default: ${DEFAULT-VALUE})")
    double sigmaCore = 1.0;

    @Option(
            names = "--sigma-spurious",
            paramLabel = "S",
            description = "spurious feature scale sigma_s > 0 (default: ${DEFAULT-VALUE})")
    double sigmaSpurious = 1.0;

    @Option(
            names = "--eta",
            paramLabel = "ETA",
            description = "spurious correlation eta in (-1, 1) (default: ${DEFAULT-VALUE})")
    double eta = 0.6;

    @Option(
            names = "--noise",
            paramLabel = "S",
            description = "label-noise standard deviation sigma_n >= 0 (default: ${DEFAULT-VALUE})")
    double noise = 0.5;

    @Option(
            names = "--dim-core",
            paramLabel = "N",
            description = "number of core features d_c >= 1 (default: ${DEFAULT-VALUE})")
    int dimCore = 1;

    @Option(
            names = "--dim-spurious",
            paramLabel = "N",
            description = "number of spurious features d_s >= 0 (default: ${DEFAULT-VALUE})")
    int dimSpurious = 1;

    @Option(
            names = "--anti-causal",
            description = "use the anti-causal model: y ~ N(0,1), x_c = a_c y + tau_c n_c, x_s = a_s y + tau_s n_s")
    boolean antiCausal;

    @Option(
            names = "--a-core",
            paramLabel = "A",
            description = "anti-causal core loading a_c (default: ${DEFAULT-VALUE})")
    double loadingCore = 1.0;

    @Option(
            names = "--a-spurious",
            paramLabel = "A",
            description = "anti-causal spurious loading a_s (default: ${DEFAULT-VALUE})")
    double loadingSpurious = 1.0;

    @Option(
            names = "--tau-core",
            paramLabel = "S",
            description = "anti-causal core noise tau_c > 0 (default: ${DEFAULT-VALUE})")
    double noiseCore = 1.0;

    @Option(
            names = "--tau-spurious",
            paramLabel = "S",
            description = "anti-causal spurious noise tau_s > 0 (default: ${DEFAULT-VALUE})")
    double noiseSpurious = 0.5;

    @Option(
            names = "--model-file",
            paramLabel = "FILE",
            description = "a user model as JSON: {\"sigma\": [[...]], \"b\": [...], \"v\": number, \"dim_core\": n}"
                    + " (the first dim_core features are core, the rest spurious; default dim_core = 1)")
    Path modelFile;

    /** Which model the flags select. */
    public enum Kind {
        CORE_SPURIOUS,
        ANTI_CAUSAL,
        USER
    }

    /** The selected kind; --anti-causal and --model-file exclude each other. */
    public Kind kind() {
        if (antiCausal && modelFile != null) {
            throw new IllegalArgumentException("--anti-causal and --model-file exclude each other (give at most one)");
        }
        return modelFile != null ? Kind.USER : antiCausal ? Kind.ANTI_CAUSAL : Kind.CORE_SPURIOUS;
    }

    /** The core/spurious model of the flags (bad values name the parameter; the CLI maps it to its flag). */
    public CoreSpuriousModel coreSpurious() {
        positive("sigma_core", sigmaCore);
        positive("sigma_spurious", sigmaSpurious);
        if (!(eta > -1 && eta < 1)) {
            throw new ParameterException("eta", "must be in (-1, 1)", eta);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new ParameterException("noise", "must be >= 0", noise);
        }
        checkDimensions();
        return new CoreSpuriousModel(dimCore, dimSpurious, sigmaCore, sigmaSpurious, eta, noise);
    }

    /** The anti-causal model of the flags. */
    public AntiCausalModel antiCausalModel() {
        positive("tau_core", noiseCore);
        positive("tau_spurious", noiseSpurious);
        if (!Double.isFinite(loadingCore)) {
            throw new ParameterException("a_core", "must be finite", loadingCore);
        }
        if (!Double.isFinite(loadingSpurious)) {
            throw new ParameterException("a_spurious", "must be finite", loadingSpurious);
        }
        checkDimensions();
        return new AntiCausalModel(dimCore, dimSpurious, loadingCore, loadingSpurious, noiseCore, noiseSpurious);
    }

    /**
     * The simulation scenario of the selected model, with the shifted test domain η′ when
     * {@code etaTest} is given (core/spurious model only).
     */
    public Scenario scenario(Double etaTest) {
        if (etaTest != null && kind() != Kind.CORE_SPURIOUS) {
            throw new ParameterException(
                    "eta_test",
                    "applies to the core/spurious model only (not with --anti-causal or --model-file)",
                    etaTest);
        }
        if (etaTest != null && !(etaTest > -1 && etaTest < 1)) {
            throw new ParameterException("eta_test", "must be in (-1, 1)", etaTest);
        }
        return switch (kind()) {
            case ANTI_CAUSAL -> Scenario.antiCausal(antiCausalModel());
            case USER -> {
                ModelFile u = readUserModel();
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put(ColumnNames.MODEL, "user");
                labels.put("model_file", modelFile.toString());
                labels.put(ColumnNames.DIM_CORE, Integer.toString(u.dimCore()));
                yield Scenario.gaussian(u.model(), u.dimCore(), null, labels);
            }
            case CORE_SPURIOUS -> Scenario.coreSpurious(coreSpurious(), etaTest);
        };
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

    /** σ_c, σ_s, η, σ_n of the core/spurious flags, by column name (repeated on table rows). */
    public Map<String, Object> coreSpuriousParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ColumnNames.SIGMA_CORE, sigmaCore);
        m.put(ColumnNames.SIGMA_SPURIOUS, sigmaSpurious);
        m.put(ColumnNames.ETA, eta);
        m.put(ColumnNames.NOISE, noise);
        return m;
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
                ModelFile u = readUserModel();
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

    /** Reads and validates {@code --model-file}. */
    public ModelFile readUserModel() {
        return ModelFile.read(modelFile);
    }

    private void checkDimensions() {
        ParameterException.requireAtLeast("dim_core", dimCore, 1);
        ParameterException.requireAtLeast("dim_spurious", dimSpurious, 0);
    }

    private static void positive(String parameter, double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new ParameterException(parameter, "must be > 0", x);
        }
    }
}
