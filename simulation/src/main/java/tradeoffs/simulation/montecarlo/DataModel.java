package tradeoffs.simulation.montecarlo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tradeoffs.io.Grid;
import tradeoffs.io.ModelFile;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.tables.TradeoffTable;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;

/**
 * The regression data model a run uses, exactly one of: the core/spurious model of docs/math.md
 * §3.2, the anti-causal model (y ~ N(0,1), x_c = a_c y + τ_c n_c, x_s = a_s y + τ_s n_s), or a
 * user's jointly Gaussian (Σ, b, v) read from a JSON file ({@link ModelFile}). The models check
 * their own parameters (a {@link ParameterException} in the model's words).
 *
 * @param coreSpurious the core/spurious model, or null
 * @param antiCausal the anti-causal model, or null
 * @param file the user model's file, or null
 * @param user the user model read from {@code file}, or null
 */
public record DataModel(CoreSpuriousModel coreSpurious, AntiCausalModel antiCausal, Path file, ModelFile user) {
    public DataModel {
        int given = (coreSpurious != null ? 1 : 0) + (antiCausal != null ? 1 : 0) + (user != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one model, got " + given);
        }
    }

    /** The core/spurious model. */
    public static DataModel of(CoreSpuriousModel m) {
        return new DataModel(m, null, null, null);
    }

    /** The anti-causal model. */
    public static DataModel of(AntiCausalModel m) {
        return new DataModel(null, m, null, null);
    }

    /** The user model in {@code file} (read and checked: {@link ModelFile#read}). */
    public static DataModel read(Path file) {
        return new DataModel(null, null, file, ModelFile.read(file));
    }

    /**
     * The model a run chose: the user model in {@code file} when given, else the anti-causal model
     * when {@code antiCausal}, else the core/spurious model. Only the chosen model is made (and so
     * checked).
     *
     * @throws ParameterException ({@code model_file}) when a file and the anti-causal model are both chosen
     */
    public static DataModel choose(
            Path file,
            boolean antiCausal,
            Supplier<CoreSpuriousModel> coreSpuriousModel,
            Supplier<AntiCausalModel> antiCausalModel) {
        if (file != null && antiCausal) {
            throw new ParameterException(
                    "model_file", "excludes the anti-causal model (give at most one of the two)", file);
        }
        return file != null ? read(file) : antiCausal ? of(antiCausalModel.get()) : of(coreSpuriousModel.get());
    }

    /** A run's parameters for its manifest: the model's ({@link #describe}), the norms, the ε grid as typed and η′ when given. */
    public Map<String, Object> runParameters(List<LpNorm> norms, Grid eps, Double etaTest) {
        Map<String, Object> m = describe();
        m.put("norm", norms.stream().map(LpNorm::name).toList());
        m.put("eps", eps.text());
        if (etaTest != null) {
            m.put(ColumnNames.ETA_TEST, etaTest);
        }
        return m;
    }

    /**
     * The population solutions of this model over {@code eps} for each of {@code norms}, with the
     * shifted test domain η′ = {@code etaTest} when not null ({@link #scenario}); its CSV rows repeat
     * the core/spurious parameters and η′.
     */
    public TradeoffTable.Request tradeoffs(List<LpNorm> norms, Grid eps, Double etaTest) {
        GaussianModel test = etaTest == null ? null : scenario(etaTest).shifted();
        Map<String, Object> row = coreSpuriousParameters();
        if (etaTest != null) {
            row.put(ColumnNames.ETA_TEST, etaTest);
        }
        return new TradeoffTable.Request(
                gaussian(),
                coreDimension(),
                test,
                norms,
                eps,
                describe(),
                etaTest,
                row,
                runParameters(norms, eps, etaTest));
    }

    /** The jointly Gaussian (Σ, b, v) of the model. */
    public GaussianModel gaussian() {
        return coreSpurious != null
                ? coreSpurious.toGaussian()
                : antiCausal != null ? antiCausal.toGaussian() : user.model();
    }

    /** The number of core features (the first coordinates of x). */
    public int coreDimension() {
        return coreSpurious != null
                ? coreSpurious.dimCore()
                : antiCausal != null ? antiCausal.dimCore() : user.dimCore();
    }

    /**
     * The simulation scenario of the model, with the shifted test domain η′ = {@code etaTest} when not
     * null (core/spurious model only).
     *
     * @throws ParameterException ({@code eta_test}) outside (−1, 1) or for another model
     */
    public Scenario scenario(Double etaTest) {
        if (etaTest != null && coreSpurious == null) {
            throw new ParameterException(
                    "eta_test",
                    "applies to the core/spurious model only (not to the anti-causal model or a model file)",
                    etaTest);
        }
        if (etaTest != null && !(etaTest > -1 && etaTest < 1)) {
            throw new ParameterException("eta_test", "must be in (-1, 1)", etaTest);
        }
        if (coreSpurious != null) {
            return Scenario.coreSpurious(coreSpurious, etaTest);
        }
        if (antiCausal != null) {
            return Scenario.antiCausal(antiCausal);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ColumnNames.MODEL, "user");
        labels.put("model_file", file.toString());
        labels.put(ColumnNames.DIM_CORE, Integer.toString(user.dimCore()));
        return Scenario.gaussian(user.model(), user.dimCore(), null, labels);
    }

    /** σ_c, σ_s, η, σ_n by column name (repeated on table rows); empty unless core/spurious. */
    public Map<String, Object> coreSpuriousParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (coreSpurious != null) {
            m.put(ColumnNames.SIGMA_CORE, coreSpurious.sigmaCore());
            m.put(ColumnNames.SIGMA_SPURIOUS, coreSpurious.sigmaSpurious());
            m.put(ColumnNames.ETA, coreSpurious.eta());
            m.put(ColumnNames.NOISE, coreSpurious.noise());
        }
        return m;
    }

    /** The model's parameters for a manifest or a JSON output. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (coreSpurious != null) {
            m.put("model", "core-spurious");
            m.put("sigma_core", coreSpurious.sigmaCore());
            m.put("sigma_spurious", coreSpurious.sigmaSpurious());
            m.put("eta", coreSpurious.eta());
            m.put("noise", coreSpurious.noise());
            m.put("dim_core", coreSpurious.dimCore());
            m.put("dim_spurious", coreSpurious.dimSpurious());
        } else if (antiCausal != null) {
            m.put("model", "anti-causal");
            m.put("a_core", antiCausal.loadingCore());
            m.put("a_spurious", antiCausal.loadingSpurious());
            m.put("tau_core", antiCausal.noiseCore());
            m.put("tau_spurious", antiCausal.noiseSpurious());
            m.put("dim_core", antiCausal.dimCore());
            m.put("dim_spurious", antiCausal.dimSpurious());
        } else {
            m.put("model", "user");
            m.put("model_file", file.toString());
            m.put("sigma", user.model().sigma());
            m.put("b", user.model().b());
            m.put("v", user.model().v());
            m.put("dim_core", user.dimCore());
        }
        return m;
    }
}
