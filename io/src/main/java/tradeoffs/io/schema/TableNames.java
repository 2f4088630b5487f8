package tradeoffs.io.schema;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every result table a results folder may hold, by name (the file name without {@code .csv}), and
 * the columns its readers rely on. Writers name their files with these constants; figures and the
 * report look tables up with them.
 */
public final class TableNames {
    private TableNames() {}

    /** Theory over an ε grid, per norm and σ_s. */
    public static final String THEORY_EPS = "theory_eps";
    /** ℓ∞ theory over (σ_s·|η|/σ_c, ε). */
    public static final String THEORY_PHASE = "theory_linf_phase";
    /** Theory over ε at a few η′ (frontier). */
    public static final String THEORY_FRONTIER = "theory_frontier";
    /**
     * The tradeoff at fixed test budgets: adversarial risk at ε_test and shifted-domain risk of the
     * model trained at each ε (docs/math.md §5.4).
     */
    public static final String THEORY_FIXED_BUDGET = "theory_fixed_budget";
    /** Theory over η′ at a few ε (shifted risk). */
    public static final String THEORY_SHIFT = "theory_shift";
    /** Claim 4: best adversarial risk with and without the spurious feature. */
    public static final String THEORY_CLAIM4 = "theory_claim4";
    /** Monte Carlo against theory: one row per (grid point, quantity). */
    public static final String SIM_AGREEMENT = "sim_agreement";
    /** Monte Carlo of adversarial training restricted to the core features (claim 4), columns as sim_agreement. */
    public static final String SIM_CORE_ONLY = "sim_core_only";
    /**
     * Monte Carlo exactly at the ℓ∞ scale boundary σ_s|η| = σ_c, where the population spurious weight
     * is 0 at a kink (docs/math.md §7.4); columns as sim_agreement.
     */
    public static final String SIM_KINK = "sim_kink";
    /**
     * Bias ladders of the Monte Carlo rows at non-smooth points whose |z| exceeds 4: the bias at
     * n/16, n/4 and n with the fitted log-log slope and the verdict (docs/math.md §7.4).
     */
    public static final String SIM_NONSMOOTH = "sim_nonsmooth";
    /** Monte Carlo error of the weights against n, with the fitted log-log slope. */
    public static final String SIM_CONVERGENCE = "sim_convergence";
    /** Theory vs DJL-trained linear regressors. */
    public static final String BRIDGE_LINEAR = "bridge_linear";
    /** Deep models: one row per trained model. */
    public static final String DEEP_TRAINING = "deep_training";
    /** Deep models: background-reliance metrics per model. */
    public static final String DEEP_RELIANCE = "deep_reliance";
    /** Deep models: robust accuracy per model, norm and ε. */
    public static final String DEEP_ROBUST = "deep_robust";
    /** Deep models: each reliance metric's mean over training seeds per training ε, with its standard error. */
    public static final String DEEP_RELIANCE_BY_EPS = "deep_reliance_by_eps";
    /** Deep models: accuracy on test splits at shifted correlations ρ′ and pairings (claim 3). */
    public static final String DEEP_SHIFT = "deep_shift";
    /** Deep models: robust accuracy on a test split at another correlation ρ′ (claim 4). */
    public static final String DEEP_ROBUST_SHIFT = "deep_robust_shift";
    /** Deep models: one row per benchmark with everything it was trained and measured with. */
    public static final String DEEP_SETTINGS = "deep_settings";
    /** Deep models, methods setting: one row per trained model (standard, PGD, MAX, AVG, BETA-AT, TRADES). */
    public static final String DEEP_METHODS_TRAINING = "deep_methods_training";
    /** Deep models, methods setting: robust accuracy per model, norm and ε. */
    public static final String DEEP_METHODS_ROBUST = "deep_methods_robust";
    /** Deep models, methods setting: union robust accuracy per model (every norm at its radius). */
    public static final String DEEP_METHODS_UNION = "deep_methods_union";
    /** Deep models, methods setting: robust accuracy on held-out images after every epoch. */
    public static final String DEEP_METHODS_EPOCHS = "deep_methods_epochs";
    /** Deep models, methods setting: robust accuracy per method, norm and ε, mean over training seeds (derived). */
    public static final String DEEP_METHODS_BY_EPS = "deep_methods_by_eps";
    /** Deep models, methods setting: best epoch, best and last robust accuracy per model (derived). */
    public static final String DEEP_METHODS_OVERFITTING = "deep_methods_overfitting";
    /** Deep models: the CNN phase diagram, reliance change against the scale ratio (derived, claim 2). */
    public static final String DEEP_PHASE = "deep_phase";
    /** Deep models: accuracy against ρ′, mean over training seeds (derived, claim 3). */
    public static final String DEEP_SHIFT_BY_RHO = "deep_shift_by_rho";
    /** Classification: exact ℓ∞/ℓ1 accuracies of the tradeoff path and the optimal classifiers (docs/math.md §10.2–§10.4). */
    public static final String CLASS_FRONTIER = "class_frontier";
    /** Classification: Monte Carlo ℓ∞/ℓ1 accuracies and error sums of every classifier tried, beside the exact values. */
    public static final String CLASS_MEP = "class_mep";
    /** Classification: Monte Carlo robust accuracy and invariance error of the invariance toy, beside the exact values. */
    public static final String CLASS_INVARIANCE = "class_invariance";
    /** Classification: cross-entropy PGD against BETA on linear multi-class models, with the exact margins. */
    public static final String CLASS_BETA = "class_beta";
    /** A sweep's table of its theory points. */
    public static final String SWEEP_THEORY = "theory";
    /** A sweep's table of its simulate points. */
    public static final String SWEEP_SIMULATE = "simulate";
    /** A sweep's table of its deep points. */
    public static final String SWEEP_DEEP = "deep";

    /** The columns of {@link #THEORY_EPS}, as the theory stage writes them. */
    public static final List<String> THEORY_EPS_COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.SIGMA_CORE,
            ColumnNames.SIGMA_SPURIOUS,
            ColumnNames.ETA,
            ColumnNames.NOISE,
            ColumnNames.W_CORE,
            ColumnNames.W_SPURIOUS,
            ColumnNames.RELIANCE,
            ColumnNames.STANDARD_RISK,
            ColumnNames.ADVERSARIAL_RISK,
            ColumnNames.KKT_RESIDUAL);
    /** The columns of the derived table {@link #DEEP_PHASE}, as its writer (the deep evidence) writes them. */
    public static final List<String> DEEP_PHASE_COLUMNS = List.of(
            ColumnNames.BENCHMARK,
            ColumnNames.RHO,
            ColumnNames.FG_CONTRAST,
            ColumnNames.BG_CONTRAST,
            ColumnNames.SCALE_RATIO,
            ColumnNames.TRAIN_NORM,
            ColumnNames.TRAIN_EPS,
            ColumnNames.REPLICATES,
            ColumnNames.METRIC,
            ColumnNames.STANDARD_VALUE,
            ColumnNames.ADVERSARIAL_VALUE,
            ColumnNames.RELIANCE_CHANGE,
            ColumnNames.TWO_SE,
            ColumnNames.OBSERVED,
            ColumnNames.OVERALL,
            ColumnNames.PREDICTED);
    /** The columns of the derived table {@link #DEEP_SHIFT_BY_RHO}, as its writer (the deep shift evidence) writes them. */
    public static final List<String> DEEP_SHIFT_BY_RHO_COLUMNS = List.of(
            ColumnNames.BENCHMARK,
            ColumnNames.ROLE,
            ColumnNames.CLASSES,
            ColumnNames.RHO,
            ColumnNames.TRAIN_NORM,
            ColumnNames.TRAIN_EPS,
            ColumnNames.RHO_TEST,
            ColumnNames.PAIRING,
            ColumnNames.AGREEMENT,
            ColumnNames.REPLICATES,
            ColumnNames.ACCURACY,
            ColumnNames.se(ColumnNames.ACCURACY));

    /** The columns of {@link #CLASS_FRONTIER} its readers rely on (the MEP evidence's optima check). */
    public static final List<String> CLASS_FRONTIER_COLUMNS = List.of(
            ColumnNames.P0,
            ColumnNames.DIM,
            ColumnNames.ALPHA,
            ColumnNames.EPS_LINF,
            ColumnNames.EPS_L1,
            ColumnNames.MEP_APPLIES,
            ColumnNames.CLASSIFIER,
            ColumnNames.THETA,
            ColumnNames.ERROR_SUM,
            ColumnNames.UNION_ACCURACY);

    /** The columns of {@link #THEORY_FRONTIER} its readers rely on. */
    public static final List<String> THEORY_FRONTIER_COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.ETA_TEST,
            ColumnNames.ADVERSARIAL_RISK,
            ColumnNames.SHIFTED_RISK);
    /** The columns of {@link #THEORY_FIXED_BUDGET} its readers rely on. */
    public static final List<String> THEORY_FIXED_BUDGET_COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.EPS_TEST,
            ColumnNames.ETA_TEST,
            ColumnNames.ADVERSARIAL_RISK,
            ColumnNames.SHIFTED_RISK);
    /** The columns of {@link #THEORY_SHIFT} its readers rely on. */
    public static final List<String> THEORY_SHIFT_COLUMNS =
            List.of(ColumnNames.NORM, ColumnNames.EPS, ColumnNames.ETA_TEST, ColumnNames.SHIFTED_RISK);
    /** The columns of {@link #THEORY_CLAIM4} its readers rely on. */
    public static final List<String> THEORY_CLAIM4_COLUMNS =
            List.of(ColumnNames.NORM, ColumnNames.EPS, ColumnNames.RISK_WITH_SPURIOUS, ColumnNames.RISK_CORE_ONLY);
    /** The columns of {@link #SIM_AGREEMENT} its readers rely on. */
    public static final List<String> SIM_AGREEMENT_COLUMNS = Stream.concat(
                    Stream.of(ColumnNames.NORM, ColumnNames.EPS, ColumnNames.SIGMA_SPURIOUS, ColumnNames.QUANTITY),
                    ColumnNames.ESTIMATE.stream())
            .toList();
    /** The columns of {@link #SIM_NONSMOOTH} its readers rely on. */
    public static final List<String> SIM_NONSMOOTH_COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.QUANTITY,
            ColumnNames.NON_SMOOTH,
            ColumnNames.N,
            ColumnNames.BIAS,
            ColumnNames.SE,
            ColumnNames.Z,
            ColumnNames.SLOPE,
            ColumnNames.SLOPE_CI_LOW,
            ColumnNames.SLOPE_CI_HIGH,
            ColumnNames.RATE,
            ColumnNames.CONVERGES);
    /** The columns of {@link #SIM_CONVERGENCE} its readers rely on. */
    public static final List<String> SIM_CONVERGENCE_COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.N,
            ColumnNames.RMSE_W,
            ColumnNames.SLOPE,
            ColumnNames.SLOPE_CI_LOW,
            ColumnNames.SLOPE_CI_HIGH);

    /**
     * Other names a table may have: the tables {@code tradeoffs sweep} writes ({@code theory.csv},
     * {@code simulate.csv}) hold the same columns, so figures can be drawn from a sweep's folder.
     */
    public static final Map<String, List<String>> ALIASES = Map.of(
            THEORY_EPS, List.of(SWEEP_THEORY),
            SIM_AGREEMENT, List.of(SWEEP_SIMULATE));

    /** The file name of a table. */
    public static String file(String table) {
        return table + ".csv";
    }
}
