package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * The smoothing homotopy of the finite-sample solver and the exact finishes it hands over to
 * (docs/math.md §6.3): damped Newton on F_μ,ν for the widths μ = 10⁻ᵏ·r₀, ν = 10⁻ᵏ·w₀ (r₀, w₀
 * the residual and weight scales the caller chooses), k from {@link #firstStage} to
 * {@link #LAST_STAGE}, each stage from the answer of the one before (for the ℓ1 and ℓ∞ attacks
 * from its Euler predictor, {@link HomotopyPredictor}); from {@link #FIRST_CERTIFIED_STAGE} on
 * (earlier where the constants below say so) the exact finishes {@link ExactFinish} and, for the
 * ℓ∞ attack, {@link PiecewiseQuadraticFinish}, and the certificate ({@link DualCertificate}). The
 * schedule's constants say what was measured to choose them. Stateless.
 */
final class SmoothingStages {
    /**
     * Smoothing widths μ, ν are 10^-k relative to the least-squares residual and weight scales, k
     * from {@link #firstStage} to {@link #LAST_STAGE}.
     */
    private static final int FIRST_STAGE = 3;

    private static final int FIRST_CERTIFIED_STAGE = 4;
    private static final int LAST_STAGE = 10;
    /** Newton on a smoothed stage stops when the decrement −∇Fᵀs is below this fraction of F. */
    static final double SMOOTH_STOP = 1e-15;
    /**
     * ... and at this fraction on the ℓ∞ attack's stage that only serves as the start of the
     * early active-set finish ({@link #warmStartOnly}): the finish goes from the Euler predictor
     * of that answer, and its classification of zero coordinates and held rows (within 3ν and μ)
     * does not need the last digits. Measured on the seven ℓ∞ cells at n ≤ 2000 where the finish
     * runs from the predictor (d = 2, 20, 100; ε = 0.05 and 0.5 of the zero threshold): Newton
     * steps 25 → 24, 13 → 10, 32 → 19, 5 → 3, 8 → 5, 25 → 20, 39 → 33 (n = 10³ and 2·10³;
     * benchmarks/results/fslinf1e3.md). With 2000 &lt; n ≤ {@link #PIECES_MAX_N} the first stage
     * (10⁻²) stops here too, two stages before the finish: Newton steps in all on seeds 1–12 at
     * n = 10⁴, stopped at 10⁻¹⁵ / 10⁻⁴ / 10⁻³ / 10⁻²: d = 100, ε = 0.05 of the threshold: 210 / 183
     * / 205 / 204; d = 20, 0.5: 515 / 448 / 463 / 527; d = 2: 106 / 86 / 86 / 88 and 356 / 308 /
     * 307 / 276; n = 5000, d = 50, 0.05: 172 / 152 / 149 / 153 (benchmarks/results/fslinf100.md).
     */
    static final double WARM_START_STOP = 1e-4;
    /**
     * ... and at this fraction on the stage μ = 10⁻³ of r₀ when the early finish runs one stage
     * later, from the Euler predictor at the widths 10⁻⁴ (2000 &lt; n ≤ {@link #PIECES_MAX_N}),
     * instead of after a full Newton stage at 10⁻⁴. Measured on 6 samples per cell at n = 10⁴
     * (Newton steps in all, stage + finish; 10⁻⁴ stopped the stage after one step and left the
     * finish 8 of 19 zero coordinates): d = 100, ε = 0.05 of the threshold: 170 before, 228 with
     * 10⁻⁴, 109 with 10⁻⁶, 124 with 10⁻⁸; 0.5: 370, 438, 385, 362; d = 20: 107, 111, 78, 87 and
     * 405, 193, 295, 398 (benchmarks/results/fslinf100.md).
     */
    static final double LATE_WARM_START_STOP = 1e-6;
    /**
     * The early finish from the Euler predictor ({@link #warmStartOnly}) holds at zero the rows
     * with |r| below this many μ of the new widths, not one: the predicted point extrapolates a
     * loosely stopped stage, so the residuals that are zero at the optimum sit a few μ from zero
     * there, and each one left out costs the finish an iteration (a kink it stops on), while the
     * rows held wrongly are released together by the step's multipliers. Newton steps in all on
     * 12 samples (seeds 1–12; finish iterations count as steps) at d = 100, ε = 0.05 of the
     * threshold, band 1 (before) / 4 / 5 / 6 / 8 μ: n = 10³: 274 / 201 / 190 / 193 / 193;
     * n = 2·10³: 230 / 199 / 197 / 182 / 182; n = 10⁴ (with {@link #LATE_WARM_START_STOP}):
     * 318 / 208 / 210 / 206 / 208 (benchmarks/results/fslinf100.md).
     */
    static final double EARLY_HOLD_BAND = 5;
    /**
     * ... from this many features on (below, the band is μ itself): with few features few rows
     * are zero at the optimum (at most d − |Z|), and the wider band mostly holds rows by chance.
     * Newton steps in all on seeds 1–12, band 1 / 2 / 5 μ, n = 10³: d = 20, ε = 0.05 of the
     * threshold: 98 / 92 / 102, 0.5: 236 / 241 / 253; d = 50: 159 / 148 / 125 and 368 / 373 / 385;
     * n = 2·10³, d = 20, 0.05: 106 / 114 / 127; n = 10⁴, d = 20: 147 / 145 / 164 and 515 / 512 / 512.
     */
    static final int EARLY_HOLD_BAND_MIN_D = 50;

    static final int MAX_NEWTON_PER_STAGE = 200;
    /**
     * For the ℓ2 attack with at most this many rows, the exact finish is tried once already after
     * the first smoothing stage (μ = 10⁻³ of the residual scale), with the residuals in its Huber
     * band held at zero and no active-set changes. Rows whose residual is not zero at the optimum
     * fall into that band in proportion to nμ (about one at n = 10³): at n = 10³ the try was
     * certified in 4 of the 6 cells of benchmarks/results/fsl2.md (d = 2, 20, 100; 25 → 16 and 28 → 19
     * Newton steps at d = 100), at n = 10⁴ in none (the second stage then takes over, as without
     * the try, which costs up to six exact Newton steps).
     */
    private static final int EARLY_FINISH_MAX_N = 1000;
    /**
     * The ℓ∞ attack's exact finish is {@link PiecewiseQuadraticFinish} first for at most this many
     * rows: the Huber band |r| &lt; μ of the first certified stage (μ = 10⁻⁴ of the residual scale
     * r₀) holds about 10⁻⁴n rows by chance besides those that are zero at the optimum, and each
     * costs the active set an iteration with a dense factorisation on the free coordinates, where
     * ExactFinish's steps on a face are cheaper: at n = 10⁵, d = 100 it took 27 instead of 91
     * Newton steps (ε = 0.05 of the threshold) and 123 instead of 179 (0.5), but 10–19 % more CPU
     * time per fit (benchmarks/results/fslinf2.md); at n ≤ 10⁴ it is faster in every cell measured.
     */
    private static final int PIECES_MAX_N = 20_000;
    /**
     * ... and already after the stage μ = 10⁻³ of r₀ (k = 3) for at most this many rows, whose
     * Huber band then holds about 10⁻³n rows by chance: the finish from there replaced the k = 4
     * stage in fewer Newton steps in all six ℓ∞ cells at n = 10³ (d = 2, 20, 100; ε = 0.05 and 0.5
     * of the threshold: 11 → 8, 20 → 13, 22 → 18, 46 → 32, 39 → 30, 59 → 44), while at n = 10⁴
     * it took more at d = 20 and 100 (63 → 85, 31 → 39, 56 → 96): benchmarks/results/fslinfd100.md.
     */
    private static final int EARLY_PIECES_MAX_N = 2_000;
    /** How many stages may try the exact finish. */
    private static final int MAX_ENDGAMES = LAST_STAGE - FIRST_CERTIFIED_STAGE + 1;

    private SmoothingStages() {}

    /**
     * The smoothing homotopy and the exact finish (docs/math.md §6.3) on the run's sign classes,
     * from w, with the stages k = {@code first}, …, {@link #LAST_STAGE}: the first certified
     * answer, or the one with the smallest gap (null if none).
     */
    static EmpiricalFit run(FitRun run, double[] start, double rScale, double wScale, int first) {
        double q = run.q;
        double[] w = start.clone();
        EmpiricalFit best = null;
        double[] lastExact = null;
        int endgames = 0;
        double prevMu = 0;
        double prevNu = 0;
        for (int k = first; k <= LAST_STAGE; k++) {
            double mu = Math.pow(10, -k) * rScale;
            double nu = Math.pow(10, -k) * wScale;
            NormTerm term = NormTerm.smoothed(q, nu);
            if (q != 2 && k > first && 4L * run.classes.m <= run.stats.n) {
                // ℓ1 and ℓ∞ attacks: the Euler predictor along the homotopy (one Hessian and
                // five evaluations over U, taken only once U is at most a quarter of the rows)
                double[] predicted =
                        HomotopyPredictor.predict(run, w, prevMu, prevNu, mu / prevMu, v -> NormTerm.smoothed(q, v));
                if (predicted != w && k == earlyFinishStage(q, run.stats.n)) {
                    // ℓ∞ attack: the active-set finish straight from the predicted point, whose
                    // zero coordinates and held rows sit at the new widths' scale (docs/math.md
                    // §6.3); Newton at these widths runs only when it does not certify
                    double band = run.stats.d >= EARLY_HOLD_BAND_MIN_D ? EARLY_HOLD_BAND * mu : mu;
                    EmpiricalFit pieces = PiecewiseQuadraticFinish.finish(run, predicted, band, nu);
                    if (pieces != null && pieces.certified()) {
                        return ExactFinish.exactZeros(run, pieces, mu);
                    }
                    best = ExactFinish.better(best, pieces);
                }
                w = predicted;
            }
            double stop = !warmStartOnly(q, k, run.stats.n)
                    ? SMOOTH_STOP
                    : k + 1 < FIRST_CERTIFIED_STAGE ? WARM_START_STOP : LATE_WARM_START_STOP;
            w = NewtonOnFace.newton(run, w, null, mu, term, stop, MAX_NEWTON_PER_STAGE);
            prevMu = mu;
            prevNu = nu;
            boolean finished = false;
            if (q == 1 && finishesOnPieces(k, run.stats.n)) {
                // ℓ∞ attack: the active set on F's pieces first. When it runs and fails, the next
                // stage's answer is a better start than ExactFinish at this one.
                EmpiricalFit pieces = PiecewiseQuadraticFinish.finish(run, w, mu, nu);
                if (pieces != null && pieces.certified()) {
                    return ExactFinish.exactZeros(run, pieces, mu);
                }
                best = ExactFinish.better(best, pieces);
                finished = pieces != null;
            }
            if (k < FIRST_CERTIFIED_STAGE) {
                if (q == 2 && run.stats.n <= EARLY_FINISH_MAX_N) {
                    // one active set of held residuals, no changes: a failed try costs a few steps
                    EmpiricalFit early = ExactFinish.endgame(run, w, mu, nu, 1);
                    if (early != null && early.certified()) {
                        return early;
                    }
                    best = ExactFinish.better(best, early);
                }
                continue;
            }
            EmpiricalFit smooth = null;
            if (q == 2) {
                // ℓ2 has no zeros or ties to make exact: a certified smoothed stage is the answer
                smooth = DualCertificate.certify(run, w, mu, new NormTerm.L2(), null);
                if (smooth.certified()) {
                    return smooth;
                }
            }
            if (!finished && endgames < MAX_ENDGAMES) {
                endgames++;
                EmpiricalFit exact = ExactFinish.endgame(run, w, mu, nu);
                if (exact != null && exact.certified()) {
                    return ExactFinish.exactZeros(run, exact, mu);
                }
                if (exact != null && lastExact != null && Arrays.equals(exact.w(), lastExact)) {
                    endgames = MAX_ENDGAMES; // the finish lands on the same point: finer stages will not help it
                }
                lastExact = exact == null ? null : exact.w();
                best = ExactFinish.better(best, exact);
            }
            if (smooth == null) {
                smooth = DualCertificate.certify(run, w, mu, term, null);
            }
            best = ExactFinish.better(best, smooth);
            if (smooth.certified() && k == LAST_STAGE) {
                return ExactFinish.exactZeros(run, smooth, mu);
            }
        }
        return best;
    }

    /**
     * Whether the ℓ∞ attack's active-set finish runs after stage k: at every certified stage with
     * at most {@link #PIECES_MAX_N} rows, and one stage earlier with at most
     * {@link #EARLY_PIECES_MAX_N}.
     */
    private static boolean finishesOnPieces(int k, int n) {
        return k >= FIRST_CERTIFIED_STAGE
                ? n <= PIECES_MAX_N
                : k == FIRST_CERTIFIED_STAGE - 1 && n <= EARLY_PIECES_MAX_N;
    }

    /**
     * The stage at whose widths the ℓ∞ attack (q = 1) runs its early active-set finish, from the
     * Euler predictor ({@link HomotopyPredictor}) of the stage before: 3 (μ = 10⁻³ of r₀) with at
     * most {@link #EARLY_PIECES_MAX_N} rows, 4 (the first certified stage) with at most
     * {@link #PIECES_MAX_N}; 0 for none. When the predictor is not taken (it would move the
     * residuals too far for the sign classes) or the finish does not certify, Newton at those
     * widths runs as before. Before this, Newton at k = 3 took 11 of the 30 Newton steps at
     * n = 10³, d = 100, ε = 0.05 of the threshold, with steps of length 2⁻¹–2⁻³
     * (benchmarks/results/fslinf1e3.md), and at k = 4 10 of 31 at n = 10⁴ (fslinf100.md).
     */
    private static int earlyFinishStage(double q, int n) {
        if (q != 1 || n > PIECES_MAX_N) {
            return 0;
        }
        return n <= EARLY_PIECES_MAX_N ? FIRST_CERTIFIED_STAGE - 1 : FIRST_CERTIFIED_STAGE;
    }

    /**
     * Whether stage k only serves as a start of the early finish ({@link #earlyFinishStage}): it
     * comes before it, and its Newton stops at {@link #WARM_START_STOP}, or at
     * {@link #LATE_WARM_START_STOP} for the stage 10⁻³ just before the finish at 10⁻⁴.
     */
    private static boolean warmStartOnly(double q, int k, int n) {
        return k < earlyFinishStage(q, n);
    }

    /**
     * The first smoothing stage for the dual exponent q. The non-smooth norms start wider: from
     * least squares, Newton on the soft maximum of |w_j| at ν = 10⁻³ (q = ∞, the ℓ1 attack, whose
     * optimum ties many coordinates) took 60–125 damped steps and up to 215 passes over the rows
     * before the classes formed, against 10–20 steps and 6 passes with ν = 10⁻¹ first
     * (n = 10³–10⁵, d = 20–100, ε = 0.5 of the zero threshold); Σ√(w_j² + ν²) (q = 1, the ℓ∞
     * attack) gains less and starts at 10⁻². ℓ2 keeps 10⁻³.
     */
    static int firstStage(double q) {
        return q == Double.POSITIVE_INFINITY ? 1 : q == 1 ? 2 : FIRST_STAGE;
    }
}
