package tradeoffs.figures;

import java.util.List;

/**
 * The result tables a results folder may hold, by file name, and the columns each figure and
 * report section reads. This is the contract between the commands that write tables
 * ({@code theory}, {@code simulate}, {@code reproduce}) and the figures and report, which only
 * read them. The theory columns follow DESIGN.md's CSV contract of {@code tradeoffs theory}.
 */
public final class ResultSchema {
    private ResultSchema() {
    }

    // ---- column names (DESIGN.md spelling) ----
    public static final String NORM = "norm";
    public static final String EPS = "eps";
    public static final String W_CORE = "w_core";
    public static final String W_SPURIOUS = "w_spurious";
    public static final String RELIANCE = "spurious_reliance";
    public static final String STANDARD_RISK = "standard_risk";
    public static final String ADVERSARIAL_RISK = "adversarial_risk";
    public static final String SHIFTED_RISK = "shifted_risk";
    public static final String SIGMA_CORE = "sigma_core";
    public static final String SIGMA_SPURIOUS = "sigma_spurious";
    public static final String ETA = "eta";
    public static final String ETA_TEST = "eta_test";
    public static final String NOISE = "noise";
    /** σ_s·|η|/σ_c, the ℓ∞ scale-condition ratio (THEORY.md §1.5). */
    public static final String SCALE_RATIO = "scale_ratio";
    /** min over (w_c, w_s) of R_ε (THEORY.md §1.7, claim 4). */
    public static final String RISK_WITH_SPURIOUS = "risk_with_spurious";
    /** min over (w_c, 0) of R_ε (THEORY.md §1.7, claim 4). */
    public static final String RISK_CORE_ONLY = "risk_core_only";
    public static final String QUANTITY = "quantity";
    public static final String THEORY = "theory";
    public static final String MEAN = "mean";
    public static final String SE = "se";
    public static final String CI_LOW = "ci_low";
    public static final String CI_HIGH = "ci_high";
    public static final String Z = "z";
    public static final String N = "n";
    public static final String REPS = "reps";
    /** Root-mean-square error of the weights, √(mean ‖ŵ − w*‖²) (the simulation's convergence study). */
    public static final String RMSE_W = "rmse_w";
    public static final String SLOPE = "slope";
    public static final String SLOPE_CI_LOW = "slope_ci_low";
    public static final String SLOPE_CI_HIGH = "slope_ci_high";

    // ---- tables (file name without .csv) and the columns they must have ----
    /** Theory over an ε grid, per norm and σ_s: DESIGN.md's theory columns plus the model's parameters. */
    public static final String THEORY_EPS = "theory_eps";
    /** ℓ∞ theory over (σ_s·|η|/σ_c, ε). */
    public static final String THEORY_PHASE = "theory_linf_phase";
    /** Theory over ε at a few η′ (frontier). */
    public static final String THEORY_FRONTIER = "theory_frontier";
    /** Theory over η′ at a few ε (shifted risk). */
    public static final String THEORY_SHIFT = "theory_shift";
    /** Claim 4: best adversarial risk with and without the spurious feature. */
    public static final String THEORY_CLAIM4 = "theory_claim4";
    /** Monte Carlo against theory: one row per (grid point, quantity). */
    public static final String SIM_AGREEMENT = "sim_agreement";
    /** Monte Carlo of adversarial training restricted to the core features (claim 4), same columns as sim_agreement. */
    public static final String SIM_CORE_ONLY = "sim_core_only";
    /** Monte Carlo error of the weights against n (simulation ConvergenceStudy table). */
    public static final String SIM_CONVERGENCE = "sim_convergence";

    public static final List<String> THEORY_FRONTIER_COLUMNS = List.of(NORM, EPS, ETA_TEST, ADVERSARIAL_RISK, SHIFTED_RISK);
    public static final List<String> THEORY_SHIFT_COLUMNS = List.of(NORM, EPS, ETA_TEST, SHIFTED_RISK);
    public static final List<String> THEORY_CLAIM4_COLUMNS = List.of(NORM, EPS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY);
    public static final List<String> SIM_AGREEMENT_COLUMNS = List.of(NORM, EPS, SIGMA_SPURIOUS, QUANTITY, THEORY, MEAN, SE,
            CI_LOW, CI_HIGH, Z);
    public static final List<String> SIM_CONVERGENCE_COLUMNS = List.of(NORM, N, RMSE_W);

    /**
     * Other names a table may have: the file names {@code tradeoffs sweep} writes ({@code theory.csv},
     * {@code simulate.csv}, with the same columns), so figures can be drawn from a sweep's folder.
     */
    public static final java.util.Map<String, List<String>> ALIASES = java.util.Map.of(
            THEORY_EPS, List.of("theory"),
            SIM_AGREEMENT, List.of("simulate"));

    /** The file name of a table. */
    public static String file(String table) {
        return table + ".csv";
    }

    /** How a norm name is written in legends: "l1" → "ℓ1", "linf" → "ℓ∞". */
    public static String normLabel(String norm) {
        return switch (norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> "ℓ1";
            case "l2" -> "ℓ2";
            case "linf", "l_inf", "inf" -> "ℓ∞";
            default -> norm;
        };
    }
}
