package tradeoffs.io.schema;

/**
 * Every column name of every table the tool writes, one constant per quantity, spelled once.
 * Writers build their headers from these constants; figures and the report read with them. A
 * quantity has one name in every table (the population adversarial-training bound is
 * {@link #SUBOPTIMALITY_BOUND} in the {@code theory} command's table and in a sweep's
 * {@code theory.csv} alike); names that older versions wrote are mapped by {@link LegacyNames}.
 *
 * <p>Wide tables that set an estimate beside its reference use suffixes: {@code <q>_theory} (the
 * closed form), {@code <q>_deep} (the DJL-trained mean) and {@code <q>_se} (the standard error of
 * column {@code <q>}); see {@link #theory}, {@link #deep}, {@link #se}.
 */
public final class ColumnNames {
    private ColumnNames() {}

    // ---- grid and model parameters ----
    /** Attack norm: l1, l2, linf or l&lt;p&gt;. */
    public static final String NORM = "norm";
    /** Attack radius ε. */
    public static final String EPS = "eps";
    /** Core feature scale σ_c. */
    public static final String SIGMA_CORE = "sigma_core";
    /** Spurious feature scale σ_s. */
    public static final String SIGMA_SPURIOUS = "sigma_spurious";
    /** Spurious correlation η of the training domain. */
    public static final String ETA = "eta";
    /** Spurious correlation η′ of a shifted test domain (empty when there is none). */
    public static final String ETA_TEST = "eta_test";
    /** A fixed test budget ε_test at which models trained at every ε are judged (docs/math.md §5.4). */
    public static final String EPS_TEST = "eps_test";
    /** Label-noise standard deviation σ_n. */
    public static final String NOISE = "noise";
    /** Number of core features d_c. */
    public static final String DIM_CORE = "dim_core";
    /** Number of spurious features d_s. */
    public static final String DIM_SPURIOUS = "dim_spurious";
    /** The data model: core-spurious, anti-causal, user, core-only. */
    public static final String MODEL = "model";
    /** Anti-causal core loading a_c. */
    public static final String A_CORE = "a_core";
    /** Anti-causal spurious loading a_s. */
    public static final String A_SPURIOUS = "a_spurious";
    /** Anti-causal core noise τ_c. */
    public static final String TAU_CORE = "tau_core";
    /** Anti-causal spurious noise τ_s. */
    public static final String TAU_SPURIOUS = "tau_spurious";
    /** σ_s·|η|/σ_c, the ℓ∞ scale-condition ratio. */
    public static final String SCALE_RATIO = "scale_ratio";

    // ---- population adversarial training of linear regression ----
    /** The core weight (the block's ℓ2 norm with several core features). */
    public static final String W_CORE = "w_core";
    /** The spurious weight (the block's ℓ2 norm with several spurious features). */
    public static final String W_SPURIOUS = "w_spurious";
    /** Spurious reliance σ_s‖w_s‖ / (σ_c‖w_c‖ + σ_s‖w_s‖). */
    public static final String RELIANCE = "spurious_reliance";
    /** Standard (in-domain) risk. */
    public static final String STANDARD_RISK = "standard_risk";
    /** Adversarial risk R_ε. */
    public static final String ADVERSARIAL_RISK = "adversarial_risk";
    /** Risk in the shifted test domain η′. */
    public static final String SHIFTED_RISK = "shifted_risk";
    /** min over (w_c, w_s) of R_ε (claim 4). */
    public static final String RISK_WITH_SPURIOUS = "risk_with_spurious";
    /** min over (w_c, 0) of R_ε (claim 4). */
    public static final String RISK_CORE_ONLY = "risk_core_only";
    /** risk_core_only − risk_with_spurious. */
    public static final String SPURIOUS_BENEFIT = "spurious_benefit";
    /** Distance of 0 from the subdifferential of R_ε at the solution. */
    public static final String KKT_RESIDUAL = "kkt_residual";
    /** Certified bound on R_ε(w) − min R_ε of the solution (formerly {@code certificate_bound} in sweeps). */
    public static final String SUBOPTIMALITY_BOUND = "suboptimality_bound";

    // ---- Monte Carlo (long format: one row per grid point and quantity) ----
    /** Training sample size. */
    public static final String N = "n";
    /** Held-out sample size. */
    public static final String N_TEST = "n_test";
    /** Repetitions. */
    public static final String REPS = "reps";
    /** Which quantity a long-format row holds (one of the quantity columns above). */
    public static final String QUANTITY = "quantity";
    /** The closed-form value of the row's quantity. */
    public static final String THEORY = "theory";
    /** Mean over repetitions. */
    public static final String MEAN = "mean";
    /** Standard error of the mean. */
    public static final String SE = "se";
    /** Lower end of the 95% interval. */
    public static final String CI_LOW = "ci_low";
    /** Upper end of the 95% interval. */
    public static final String CI_HIGH = "ci_high";
    /** (mean − theory)/se. */
    public static final String Z = "z";
    /** The columns of one Monte Carlo estimate against its closed form, in table order: theory, mean, se, ci_low, ci_high, z. */
    public static final java.util.List<String> ESTIMATE = java.util.List.of(THEORY, MEAN, SE, CI_LOW, CI_HIGH, Z);
    /** Largest relative duality gap of the finite-sample solves. */
    public static final String MAX_REL_GAP = "max_rel_gap";
    /** Fits not certified to the tolerance, left out of the means unless asked (docs/math.md §6.4). */
    public static final String UNCERTIFIED = "uncertified";
    /**
     * Whether the row's population quantity sits at a non-smooth point, and of which kind (a value of
     * {@link NonSmoothLabels}; empty when smooth), docs/math.md §7.4.
     */
    public static final String NON_SMOOTH = "non_smooth";

    // ---- bias ladders at non-smooth points (docs/math.md §7.4) ----
    /**
     * Mean minus theory value in a bias ladder; in the classification tables the column of the same
     * name is the classifier's offset b.
     */
    public static final String BIAS = "bias";
    /** The rate n^rate at which the bias must at least shrink (the derived exponent, e.g. −0.5). */
    public static final String RATE = "rate";
    /** Mean over standard deviation of the repetitions (0.683 for a weight at an exact kink). */
    public static final String MEAN_OVER_SD = "mean_over_sd";
    /** true when the bias shrinks at the derived rate (the rule of docs/math.md §7.4), else false. */
    public static final String CONVERGES = "converges";

    // ---- convergence of the finite-sample weights ----
    /** √(mean ‖ŵ − w*‖²). */
    public static final String RMSE_W = "rmse_w";
    /** Standard error of {@link #RMSE_W} (delta method). */
    public static final String RMSE_SE = "rmse_se";
    /** Least-squares slope of log RMSE against log n (written by the convergence study). */
    public static final String SLOPE = "slope";
    /** Standard error of {@link #SLOPE}. */
    public static final String SLOPE_SE = "slope_se";
    /** Lower end of the slope's 95% interval. */
    public static final String SLOPE_CI_LOW = "slope_ci_low";
    /** Upper end of the slope's 95% interval. */
    public static final String SLOPE_CI_HIGH = "slope_ci_high";

    // ---- theory vs DJL-trained linear models (the bridge) ----
    /** Mean empirical adversarial risk of the DJL-trained weights. */
    public static final String OBJECTIVE_DEEP = "objective_deep";
    /** How far DJL-trained weights may be from the exact empirical minimiser (max over coordinates). */
    public static final String OPTIMISATION_ALLOWANCE = "optimisation_allowance";
    /** Wall-clock seconds of a computation. */
    public static final String SECONDS = "seconds";

    // ---- deep models ----
    /** The benchmark's label, e.g. bg&lt;fg. */
    public static final String BENCHMARK = "benchmark";
    /** Number of classes K. */
    public static final String CLASSES = "classes";
    /** Foreground contrast (plays σ_c). */
    public static final String FG_CONTRAST = "fg_contrast";
    /** Background contrast (plays σ_s). */
    public static final String BG_CONTRAST = "bg_contrast";
    /** Spurious correlation ρ of a benchmark's training split (background type = class with probability ρ). */
    public static final String RHO = "rho";
    /** Correlation ρ′ of a shifted test split (background type = π(class) with probability ρ′). */
    public static final String RHO_TEST = "rho_test";
    /** The class → background pairing π of a shifted test split: same (identity), next (y + 1 mod K), or the map. */
    public static final String PAIRING = "pairing";
    /** Share of a test split's images whose background type is their class's. */
    public static final String AGREEMENT = "agreement";
    /** Clean accuracy on a test split named by the row (e.g. a shifted one). */
    public static final String ACCURACY = "accuracy";
    /** What a deep benchmark is for in a reproduction: main, scale_ratio or uncorrelated. */
    public static final String ROLE = "role";
    /** Image side in pixels. */
    public static final String IMAGE_SIZE = "image_size";
    /** Test images per variant or split. */
    public static final String TEST_IMAGES = "test_images";
    /** The training regimes of a benchmark, e.g. {@code standard l2:0.5 linf:0.0314}. */
    public static final String TRAIN_REGIMES = "train_regimes";
    /** The robust-accuracy ε grid per norm, e.g. {@code linf:0,0.0314 l2:0,0.5}. */
    public static final String EVAL_EPS = "eval_eps";
    /** PGD steps of the evaluation attacks. */
    public static final String EVAL_ATTACK_STEPS = "eval_attack_steps";
    /** Restarts of the evaluation attacks. */
    public static final String EVAL_RESTARTS = "eval_restarts";
    /** The measurements taken of every model of a benchmark. */
    public static final String MEASURES = "measures";
    /** A metric of the standard model (ε = 0) beside an adversarially trained one's. */
    public static final String STANDARD_VALUE = "standard_value";
    /** A metric of the adversarially trained model (largest ε). */
    public static final String ADVERSARIAL_VALUE = "adversarial_value";
    /** Paired change from the standard model towards more background reliance (mean over seeds). */
    public static final String RELIANCE_CHANGE = "reliance_change";
    /** Two standard errors of a change (seed and binomial parts). */
    public static final String TWO_SE = "two_se";
    /** The direction a change shows beyond two standard errors. */
    public static final String OBSERVED = "observed";
    /** The direction of a (benchmark, norm) over all its reliance metrics. */
    public static final String OVERALL = "overall";
    /** The direction the theory predicts. */
    public static final String PREDICTED = "predicted";
    /** Training method: standard, pgd, max, avg, beta, trades. */
    public static final String TRAIN_METHOD = "train_method";
    /** Norm of adversarial training (several joined by '+' for max and avg), or standard. */
    public static final String TRAIN_NORM = "train_norm";
    /** Radius of adversarial training, of its first norm for max and avg (0 for standard training). */
    public static final String TRAIN_EPS = "train_eps";
    /** Norms and radii of a union robust accuracy, e.g. {@code linf:0.0314 l2:0.5}. */
    public static final String EPS_BY_NORM = "eps_by_norm";
    /** Share of images classified correctly under every attack of every norm at its radius. */
    public static final String UNION_ROBUST_ACCURACY = "union_robust_accuracy";
    /** Training epoch (1-based). */
    public static final String EPOCH = "epoch";
    /** The epoch with the highest robust accuracy on the held-out images (the first on ties). */
    public static final String BEST_EPOCH = "best_epoch";
    /** Robust accuracy at the best epoch. */
    public static final String BEST_ROBUST_ACCURACY = "best_robust_accuracy";
    /** Robust accuracy after the last epoch. */
    public static final String LAST_ROBUST_ACCURACY = "last_robust_accuracy";
    /** Best minus last robust accuracy over the epochs (positive: robust overfitting). */
    public static final String BEST_MINUS_LAST = "best_minus_last";
    /** Training replicate (seed) of a regime. */
    public static final String REPLICATE = "replicate";
    /** Number of training replicates (seeds) behind a mean. */
    public static final String REPLICATES = "replicates";
    /** Model architecture id. */
    public static final String ARCHITECTURE = "architecture";
    /** Training epochs. */
    public static final String EPOCHS = "epochs";
    /** Training images. */
    public static final String TRAIN_IMAGES = "train_images";
    /** PGD steps of adversarial training (0 for standard training). */
    public static final String ATTACK_STEPS = "attack_steps";
    /** Training throughput. */
    public static final String IMAGES_PER_SECOND = "images_per_second";
    /** Training loss of the last epoch. */
    public static final String FINAL_LOSS = "final_loss";
    /** Accuracy on clean inputs (test images; a classifier of the classification models, exactly). */
    public static final String CLEAN_ACCURACY = "clean_accuracy";
    /** Accuracy under attack (a DJL model's, or the invariance toy's exact one). */
    public static final String ROBUST_ACCURACY = "robust_accuracy";
    /** The attacks that all had to fail for a point to count as robust. */
    public static final String ATTACKS = "attacks";
    /** Which reliance metric a long-format row holds (accuracy, bg_gap, rfs, ...). */
    public static final String METRIC = "metric";
    /** The test set or variant of a metric row. */
    public static final String SET = "set";
    /** Noise level σ of an RFS row. */
    public static final String NOISE_SIGMA = "noise_sigma";
    /** The metric's value. */
    public static final String VALUE = "value";

    // ---- a sweep's point files (not in its tables) ----
    /** The grid point's id in a sweep (p000042). */
    public static final String POINT = "point";
    /** SHA-256 of the sweep config a point file was computed for (point files only). */
    public static final String CONFIG_SHA256 = "config_sha256";
    /** The number of rows of the point's file (point files only: a lost or doubled row shows). */
    public static final String POINT_ROWS = "point_rows";

    // ---- classification (docs/classification.md; the columns of `tradeoffs classification`) ----
    /** P(x₀ = y) of the Tramèr–Boneh distribution. */
    public static final String P0 = "p0";
    /** Number d of weak features. */
    public static final String DIM = "dim";
    /** Total signal α of the weak features (η = α/√d). */
    public static final String ALPHA = "alpha";
    /** ℓ∞ radius ε_∞. */
    public static final String EPS_LINF = "eps_linf";
    /** ℓ1 radius ε₁. */
    public static final String EPS_L1 = "eps_l1";
    /** Whether the MEP bound's premise ε_∞ ≥ 2η, ε₁ ≥ 2 holds. */
    public static final String MEP_APPLIES = "mep_applies";
    /** Which classifier a row is about (path, opt_linf, opt_l1, opt_union, opt_avg, random, ...). */
    public static final String CLASSIFIER = "classifier";
    /** Angle θ between the robust feature (0) and the weak features (π/2). */
    public static final String THETA = "theta";
    /** Weight w₀ of the robust feature. */
    public static final String W0 = "w0";
    /** Σ_{i≥1} w_i. */
    public static final String WEAK_SUM = "weak_sum";
    /** ‖w_{1:d}‖₂. */
    public static final String WEAK_L2 = "weak_l2";
    /** ‖w_{1:d}‖_∞. */
    public static final String WEAK_LINF = "weak_linf";
    /** Robust accuracy under the ℓ∞ ball. */
    public static final String LINF_ACCURACY = "linf_accuracy";
    /** Robust accuracy under the ℓ1 ball. */
    public static final String L1_ACCURACY = "l1_accuracy";
    /** Robust accuracy under the union of the balls. */
    public static final String UNION_ACCURACY = "union_accuracy";
    /** Mean of the per-ball robust accuracies. */
    public static final String AVG_ACCURACY = "avg_accuracy";
    /** (ℓ∞ robust error) + (ℓ1 robust error), ≥ 1 under the MEP premise. */
    public static final String ERROR_SUM = "error_sum";
    /** Weight a on the semantic feature of the invariance toy. */
    public static final String MIX = "mix";
    /** 1 − robust accuracy of a classifier of the invariance toy: sensitivity examples and plain errors. */
    public static final String SENSITIVITY_ERROR = "sensitivity_error";
    /** P(a change of the true label within the ball leaves the prediction unchanged). */
    public static final String INVARIANCE_ERROR = "invariance_error";
    /** Mean μ_s of the semantic feature. */
    public static final String MU_S = "mu_s";
    /** Standard deviation σ_s of the semantic feature. */
    public static final String SIGMA_S = "sigma_s";
    /** Mean μ_r of the non-semantic feature. */
    public static final String MU_R = "mu_r";
    /** Standard deviation σ_r of the non-semantic feature. */
    public static final String SIGMA_R = "sigma_r";
    /** Monte Carlo draws behind an estimate. */
    public static final String SAMPLES = "samples";
    /** Score offset of the reachable wrong class of the BETA counterexample. */
    public static final String TARGET_OFFSET = "target_offset";
    /** Score offset of the decoy classes of the BETA counterexample. */
    public static final String DECOY_OFFSET = "decoy_offset";
    /** Standard deviation of each input coordinate. */
    public static final String SPREAD = "spread";
    /** PGD step length α. */
    public static final String STEP_SIZE = "step_size";
    /** Fraction of points for which a misclassifying perturbation exists (exact margins, docs/math.md §10.6). */
    public static final String EXACT_ERROR = "exact_error";
    /** Fraction of points BETA (per-class margin PGD) misclassifies. */
    public static final String BETA_SUCCESS = "beta_success";
    /** Fraction of points cross-entropy PGD misclassifies. */
    public static final String CE_SUCCESS = "ce_success";
    /** Fraction of points with a misclassifying perturbation that cross-entropy PGD did not find. */
    public static final String CE_MISSED = "ce_missed";
    /** Largest |BETA's final margin − the exact maximum margin| over the points. */
    public static final String BETA_MARGIN_GAP = "beta_margin_gap";
    /** Points where an attack reported a success that the exact margins rule out (0 when the attacks are sound). */
    public static final String EXCEEDS_EXACT = "exceeds_exact";

    /** {@code <quantity>_theory}: the closed form beside an estimate. */
    public static String theory(String quantity) {
        return quantity + "_theory";
    }

    /** {@code <quantity>_deep}: the DJL-trained estimate. */
    public static String deep(String quantity) {
        return quantity + "_deep";
    }

    /** {@code <column>_z}: (estimate − closed form)/standard error of column {@code column}. */
    public static String z(String column) {
        return column + "_z";
    }

    /** {@code <column>_se}: the standard error of {@code column}. */
    public static String se(String column) {
        return column + "_se";
    }
}
