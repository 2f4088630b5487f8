package tradeoffs.simulation.training;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * Finite-sample adversarial training of a linear model (docs/math.md §6.1, §6.3; Ribeiro,
 * Zachariah, Bach, Schön 2023):
 *
 * <pre>  minimise F(w) = (1/n) Σ_i (|y_i − x_iᵀw| + ε‖w‖_q)²,   1/p + 1/q = 1, p the attack norm,</pre>
 *
 * which is the empirical risk under the worst ℓp perturbation of each example, solved to a stated
 * relative tolerance with a duality-gap certificate ({@link DualCertificate}).
 *
 * <h2>Method</h2>
 * Expanding the square, F = m₂(w) + 2εN m₁(w) + ε²N² with m₂ = wᵀSw − 2cᵀw + ȳ²
 * ({@link SufficientStatistics}, computed once), m₁ = mean |r_i| and N = ‖w‖_q. The two
 * non-smooth parts are smoothed ({@link SmoothedObjective}, {@link NormTerm}): |r| by a Huber
 * function of width μ and the ℓ1/ℓ∞ norm by √(w_j²+ν²) / a soft maximum of width ν. Damped Newton
 * ({@link NewtonOnFace}, on theory.optim.DampedNewton; the stages in {@link SmoothingStages})
 * minimises the smoothed objective for a
 * decreasing sequence μ, ν = 10⁻³ (10⁻¹ for the ℓ1 attack, 10⁻² for ℓ∞), 10⁻⁴, …, 10⁻¹⁰ (relative to the least-squares residual and weight scales; for the ℓ2 attack on a
 * near-noiseless sample, {@link #NEAR_NOISELESS}, again relative to ε‖w₀‖₂ when that does not
 * certify), warm-started from
 * least squares or a given start; for the ℓ1 and ℓ∞ attacks each later stage starts from the
 * Euler predictor along the path ({@link HomotopyPredictor}). The ℓ1 attack with d = 2 and no
 * warm start instead starts at ν = 10⁻³ from the minimiser of a surrogate of F built from the
 * moments ({@link MomentStart}, docs/math.md §6.3 item 7); the ℓ2 attack with no warm start starts
 * its stages from that surrogate's minimiser with N = ‖w‖₂ (no pass over the rows). From μ = 10⁻⁴ on (for the ℓ2 attack with n ≤ 10³ once already
 * at 10⁻³), {@link ExactFinish} minimises F exactly on the
 * set of held zero residuals and the face of the norm the smoothed answer is near; for the ℓ∞
 * attack {@link PiecewiseQuadraticFinish} does so first, by an active set on the pieces of F
 * (from the Euler predictor of a loosely stopped stage: with n ≤ 2000 of the first,
 * {@link SmoothingStages#WARM_START_STOP}, at the widths 10⁻³; with n ≤ 2·10⁴ of the stage 10⁻³,
 * {@link SmoothingStages#LATE_WARM_START_STOP}, at the widths 10⁻⁴; holding the rows within
 * {@link SmoothingStages#EARLY_HOLD_BAND}·μ of zero).
 *
 * <p>The ℓ2 attack with 8 ≤ d ≤ 100 and n·d ≤ 2·10⁵ first runs {@link SignPieceNewton}: Newton on the sign pieces of F (fixed signs
 * of the residuals, a set of rows held at zero), O(d²) per point from the moments, with an exact
 * line search across the kinks ({@link KinkLineSearch}) and the rows far from a kink screened out
 * (docs/math.md §6.3 item 4); the smoothing stages run only when it does not certify.
 *
 * <p>w = 0 is returned at once when ε ≥ ‖Xᵀy‖_p/‖y‖₁, the threshold above which it is optimal
 * (docs/math.md §6; Ribeiro et al. 2023).
 *
 * <p>Stateless after {@link #of}: the instance holds the sample's immutable moments, and each
 * fit keeps its work arrays to itself, so one instance may be shared by threads without locks.
 *
 * <p>Scope: n ≥ d with XᵀX non-singular (the under-determined regime is not covered). Memory is
 * the n×d design plus O(d²); time is O(nd²) once for S plus O(nd) per Newton step.
 */
public final class EmpiricalAdversarialTraining {
    /** Default relative tolerance on the duality gap. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /**
     * The ℓ1 attack (q = ∞) from least squares with at most this many features starts from the
     * minimiser of the moment surrogate ({@link MomentStart}, docs/math.md §6.3 item 7) at the
     * stage {@link #MOMENT_FIRST_STAGE} instead of from least squares at ν = 10⁻¹: on the
     * benchmark samples at d = 2 (n = 10³–10⁵, ε at 0.05 and 0.5 of the zero threshold) 5–11
     * Newton steps and 3 passes over the rows instead of 11–25 steps and 6–11 passes (one of the
     * three is the pass for m₁ at least squares; benchmarks/results/fsl1d2.md). A warm start (a
     * path, the population solution of a Monte Carlo) keeps its own start and the stages from
     * {@link SmoothingStages#firstStage}. At d = 4–20 the passes also fell from 6 to 3 (n = 10⁴, ε = 0.05 of the
     * threshold), but the CPU time there was not measured.
     */
    static final int MOMENT_START_MAX_D = 2;
    /**
     * ... and its first stage: ν = 10⁻³ of the weight scale. From 10⁻⁴ (the first certified
     * stage) the fits took fewer steps on the benchmark samples, but on 108 other samples (d = 2,
     * n = 10⁴; Gaussian, Laplace, Cauchy-like and near-zero noise, outlying and badly scaled
     * features; ε from 10⁻⁴ to 0.999 of the threshold) 6 fits with noise 10⁻⁶ of the signal ended
     * uncertified with gaps of 6·10⁻⁴–0.1; from 10⁻³ every fit that main certified was certified
     * (main and this route both leave one at a gap of 3.4·10⁻⁷), with 410 passes over the rows in
     * all against main's 1084.
     */
    private static final int MOMENT_FIRST_STAGE = 3;
    /** How many times the rows of the sign classes that changed sign may be reopened. */
    private static final int MAX_REOPENS = 3;

    /**
     * The ℓ2 attack's sign-piece route runs from this many features on. At d = 2 the smoothing
     * route already needs two passes and 10–11 cheap steps; the pieces cut the steps to 4–5 but,
     * run by the benchmark entry point (fresh JVM, median of 7 solves, load 5–11), measured 4–6×
     * main's CPU time at n = 10³ and 10⁴ (d = 20, 100 at n = 10³: 0.57–0.77×); see
     * benchmarks/results/fspieces.md.
     */
    static final int PIECES_MIN_D = 8;
    /**
     * ... and up to n·d = 2·10⁵ rows × features: beyond, its certificate with every row explicit
     * (three sweeps over X) and its unscreened first steps outweigh the fewer steps (fspieces:
     * n = 10⁴, d = 100: 1.08–1.19×; n = 10⁵, d = 20: 0.94–1.40×; n = 10⁵, d = 100: 1.05–1.24×).
     * With the kept factorisation (PieceDirection) the steps are cheap, but the passes still
     * decide (fsl2d100, load 8–11, CPU ms against the smoothing route: n = 10⁵, d = 100: 114 vs
     * 111 at 0.05 and 135 vs 121 at 0.5 of the threshold; n = 10⁴, d = 100: 12.5 vs 10.7 and
     * 10.5 vs 15.3), so the bound stays.
     */
    static final long PIECES_MAX_ND = 200_000;
    /**
     * ... and up to d = 100. Each step's direction is projected CG preconditioned by a kept
     * Cholesky factor (PieceDirection, docs/math.md §6.3 item 6): at n = 10³, d = 100 one or two
     * factorisations per fit instead of one per step (16–18 and 12–13 steps at 0.05 and 0.5 of
     * the threshold), 0.47–0.66× main's CPU time per fit in interleaved runs at load 6.5–9.9
     * (benchmarks/results/fsl2d100.md).
     */
    static final int PIECES_MAX_D = 100;
    /**
     * The sign-piece route starts from the moment surrogate's minimiser ({@link MomentStart},
     * docs/math.md §6.3 item 7) instead of least squares when n ≥ this·d² (a pass costs O(nd),
     * the surrogate's Newton steps O(d³)). From least squares the first one or two sign-piece steps
     * are long and every row stays explicit, each a pass with its kink line search; from the
     * surrogate's minimiser the first step screens (benchmark samples, seeds 1–5: n = 10⁴, d = 20:
     * 3 → 2 passes at 0.05 and 4 → 2 at 0.5 of the threshold, CPU per fit 1.66–1.70 → 1.15–1.30 ms
     * at 0.5 in process). At n = 10³, d = 20 (n/d² = 2.5) the start cost more than the pass it
     * saved (0.06–0.07 → 0.10–0.12 ms above the ε = 0 fit at 0.05, no change at 0.5), and at
     * n = 10³, d = 100 (0.1) its d × d Newton steps added about 0.5 ms (benchmarks/results/fsl2sp.md).
     */
    static final double PIECES_MOMENT_MIN_RATIO = 10;

    /**
     * The ℓ2 attack treats a sample as near-noiseless when its least-squares residual scale r₀ is
     * below this fraction of ε‖w₀‖₂ (docs/math.md §6.3 item 9), and then, if the fit with the
     * widths from r₀ is not certified, fits again from cold with the widths from ε‖w₀‖₂ (a fit
     * certified before keeps its bits and cost). Below the interpolation radius the
     * optimum is then within the noise of y = Xw, every residual of order r₀, and F nearly
     * polyhedral at that scale: the widths 10⁻³r₀, 10⁻⁴r₀, … start below the kinks' spread and
     * Newton on F_μ stalled (main: 49 of NearNoiselessProbe's 128 fits with noise 10⁻⁶ of the
     * signal uncertified, gaps up to 2.3). Measured r₀/(ε‖w₀‖₂) on that probe's samples
     * (HardSamples' generator, n = 1500–25000, d = 2–100, ε at 10⁻⁴, 0.05, 0.5, 0.999 of the zero
     * threshold): at most 0.0137 with noise 10⁻⁶ (the largest at 10⁻⁴ of the threshold), at least
     * 0.355 with noise 0.5 (the smallest at 0.999); with 10⁻²
     * instead one noise-10⁻⁶ fit at ratio 0.0103 was left out and stayed at a gap of 2.1
     * (benchmarks/results/fsl2exact.md).
     */
    static final double NEAR_NOISELESS = 0.1;

    /**
     * When the sign-piece route hands over on a sample with r₀ below this fraction of ε‖w₀‖₂, the
     * smoothing stages run at once with item 9's widths (relative to ε‖w₀‖₂) and Newton settings,
     * from the route's last point, instead of first with the widths from r₀ (docs/math.md §6.3
     * item 11). On SignPieceNewtonTest's generator at n = 10³, d = 100 (seeds 0–40; CPU of the
     * thread, median of 3 fits, 2 alternated JVMs against main): at 0.5 of the threshold
     * (r₀/(ε‖w₀‖₂) = 0.0077–0.0087) passes 16662 → 1031 in all, at most 816 → 58, CPU 5490 →
     * 2629 ms; at 0.04–0.05 (PieceDirectionTest's sample, 0.5) passes 4158 → 1134 but CPU 1746 →
     * 1817 and 1936 → 1698 ms in two runs; at 0.08–0.09 (the generator at 0.05) passes
     * 3864 → 1088 but CPU 2211 → 2369 and 1897 → 2633 ms: the wide Huber band makes each Newton
     * step dearer at d = 100 (benchmarks/results/fsl2gen.md).
     */
    static final double HAND_OVER_NEAR_NOISELESS = 0.02;

    private final SufficientStatistics stats;

    private EmpiricalAdversarialTraining(Sample data) {
        this.stats = new SufficientStatistics(data);
    }

    /** Prepares the data (computes XᵀX/n and Xᵀy/n once; reuse the instance across ε and norms). */
    public static EmpiricalAdversarialTraining of(Sample data) {
        return new EmpiricalAdversarialTraining(data);
    }

    public Sample data() {
        return stats.sample;
    }

    /** S = XᵀX/n, row-major (a copy). */
    public double[] gram() {
        return stats.gram().clone();
    }

    /** Least squares: w = S⁻¹c. */
    public double[] leastSquares() {
        return stats.solveGram(stats.xty);
    }

    /**
     * Fits along a grid of radii, each fit warm-started from the previous answer (the solutions
     * move continuously with ε); results in the order of {@code eps}. The fits above the zero
     * threshold cost one pass each and do not form S.
     */
    public List<EmpiricalFit> fitPath(LpNorm attack, double[] eps, double tolerance) {
        List<EmpiricalFit> out = new ArrayList<>(eps.length);
        double[] start = null;
        for (double e : eps) {
            EmpiricalFit fit = fit(attack, e, tolerance, start);
            out.add(fit);
            start = fit.w();
        }
        return out;
    }

    /** Fits with the {@link #DEFAULT_TOLERANCE}. */
    public EmpiricalFit fit(LpNorm attack, double eps) {
        return fit(attack, eps, DEFAULT_TOLERANCE);
    }

    /**
     * Minimises F for the attack norm p ∈ {1, 2, ∞} (ℓ1, ℓ2, ℓ∞) and radius ε ≥ 0, aiming at a relative
     * duality gap ≤ {@code tolerance}; the returned fit states the gap reached.
     */
    public EmpiricalFit fit(LpNorm attack, double eps, double tolerance) {
        return fit(attack, eps, tolerance, null);
    }

    /**
     * As {@link #fit(LpNorm, double, double)}, warm-started from {@code start} (for example the
     * population solution, which the finite-sample one approaches at rate n^(−1/2)); null starts
     * from least squares. The start only changes how fast the answer is found.
     *
     * @throws ParameterException for a norm other than l1, l2, linf ({@code norm}), ε negative or
     *     not finite ({@code eps}), a tolerance that is not positive ({@code tolerance})
     */
    public EmpiricalFit fit(LpNorm attack, double eps, double tolerance, double[] start) {
        return fit(attack, eps, tolerance, start, true);
    }

    /** As {@link #fit(LpNorm, double, double, double[])}; {@code pieces} false skips the sign-piece route. */
    EmpiricalFit fit(LpNorm attack, double eps, double tolerance, double[] start, boolean pieces) {
        if (!(attack.isOne() || attack.isTwo() || attack.isInfinity())) {
            throw new ParameterException("norm", "must be l1, l2 or linf for finite-sample training", attack.name());
        }
        ParameterException.requireNonNegative("eps", eps);
        ParameterException.requirePositive("tolerance", tolerance);
        FitRun run = new FitRun(stats, attack.p(), eps, tolerance);
        int d = stats.d;
        // w = 0 is optimal iff ε ≥ ‖Xᵀy‖_p / ‖y‖₁ (docs/math.md §6.2): tested first, from one
        // O(nd) pass, before S is formed.
        if (eps > 0 && eps * stats.meanAbsY >= LpNorm.of(run.p).norm(stats.xty)) {
            return DualCertificate.certify(run, new double[d], 0.0, new NormTerm.Linear(new double[d]), null);
        }
        double[] w0 = leastSquares();
        if (eps == 0) {
            return DualCertificate.certify(run, w0, 0.0, new NormTerm.Linear(new double[d]), null);
        }
        double r0 = Math.sqrt(Math.max(stats.meanSquaredResidual(w0), 1e-300));
        EmpiricalFit best = solve(run, attack, w0, start, r0, pieces);
        double attackScale = eps * LpNorm.L2.norm(w0);
        if (run.q == 2
                && r0 < NEAR_NOISELESS * attackScale
                && !run.nearNoiseless
                && (best == null || !best.certified())) {
            // ℓ2 attack, near-noiseless sample (docs/math.md §6.3 item 9): again from cold with
            // the widths relative to ε‖w₀‖₂ and Newton without the short-step stop
            FitRun again = new FitRun(stats, run.p, eps, tolerance);
            again.nearNoiseless = true;
            EmpiricalFit retry = solve(again, attack, w0, null, attackScale, pieces);
            if (retry != null) {
                best = ExactFinish.better(
                        best,
                        new EmpiricalFit(
                                retry.w(),
                                retry.objective(),
                                retry.dualBound(),
                                retry.gap(),
                                tolerance,
                                run.steps + retry.newtonSteps(),
                                run.passes + retry.passes()));
            }
        }
        return best;
    }

    /**
     * The fit from least squares {@code w0} (or a warm {@code start}) with the smoothing widths
     * relative to the residual scale {@code rScale}: the sign-piece route where it applies, then
     * the stages with the reopened sign classes (class comment).
     */
    private EmpiricalFit solve(FitRun run, LpNorm attack, double[] w0, double[] start, double rScale, boolean pieces) {
        int d = stats.d;
        double eps = run.eps;
        double tolerance = run.tolerance;
        double wScale = Math.max(LpNorm.LINF.norm(w0), 1e-300);
        boolean warm = start != null && start.length == d && LpNorm.L2.norm(start) > 0;
        double[] w = warm ? start.clone() : w0.clone();
        int first = SmoothingStages.firstStage(run.q);
        if (!warm && run.q == Double.POSITIVE_INFINITY && d <= MOMENT_START_MAX_D) {
            // ℓ1 attack with few features: the first stage starts from the minimiser of the
            // moment surrogate at its width (docs/math.md §6.3 item 7)
            first = MOMENT_FIRST_STAGE;
            w = MomentStart.minimise(run, w0, Math.pow(10, -first) * wScale, wScale);
        }
        boolean onPieces =
                pieces && run.q == 2 && d >= PIECES_MIN_D && d <= PIECES_MAX_D && (long) stats.n * d <= PIECES_MAX_ND;
        boolean moment = run.q == 2 && !warm;
        if (onPieces) {
            if (moment && stats.n >= PIECES_MOMENT_MIN_RATIO * d * d) {
                // many rows per feature: the sign pieces too start at the moment surrogate's
                // minimiser (docs/math.md §6.3 item 7), whose first step is already local
                w = MomentStart.minimiseL2(run, w0);
                moment = false;
            }
            // ℓ2 attack: Newton on sign pieces with the exact line search across kinks
            // (docs/math.md §6.3 items 4–6); the smoothing stages below only if it does not certify
            EmpiricalFit onPiecesFit = SignPieceNewton.fit(run, w);
            if (onPiecesFit.certified()) {
                return onPiecesFit;
            }
            if (rScale < HAND_OVER_NEAR_NOISELESS * eps * LpNorm.L2.norm(w0)) {
                // far below item 9's noise scale, and the pieces too fine for Newton's model: item
                // 9's widths and Newton at once, from the route's last point (docs/math.md §6.3 item 11)
                rScale = eps * LpNorm.L2.norm(w0);
                run.nearNoiseless = true;
                w = onPiecesFit.w();
                moment = false;
            }
        }
        if (moment) {
            // ℓ2 attack from cold: the smoothing stages start at the minimiser of the moment
            // surrogate of F (docs/math.md §6.3 item 7), which needs no pass over the rows
            w = MomentStart.minimiseL2(run, w0);
        }
        run.shrinking = true;
        EmpiricalFit best = null;
        for (int round = 0; round <= MAX_REOPENS; round++) {
            run.witnesses.clear();
            EmpiricalFit reduced = SmoothingStages.run(run, w, rScale, wScale, first);
            if (reduced == null) {
                break;
            }
            DualCertificate.Reopen reopen = new DualCertificate.Reopen(Math.max(16, stats.n / 8));
            EmpiricalFit checked = DualCertificate.verify(run, reduced, run.classes.threshold, reopen);
            best = ExactFinish.better(best, checked);
            if (checked.certified() || checked == reduced || reopen.count == 0) {
                break;
            }
            w = reduced.w();
            if (reopen.overflow) {
                // the classes were far off: every row explicit from here
                run.classes = new SignClasses(stats);
                run.shrinking = false;
            } else {
                run.classes.reopen(reopen.rows, reopen.count);
            }
        }
        run.witnesses.clear();
        if ((best == null || !best.certified()) && run.shrinking) {
            // the classes did not settle: every row explicit, as if none had been classified
            run.classes = new SignClasses(stats);
            run.shrinking = false;
            best = ExactFinish.better(
                    best,
                    SmoothingStages.run(run, warm ? start : w0, rScale, wScale, SmoothingStages.firstStage(run.q)));
        }
        if (warm && (best == null || !best.certified())) {
            // a warm start can stall the exact finish at a kink next to the optimum: start afresh
            EmpiricalFit cold = fit(attack, eps, tolerance, null, pieces);
            int steps = run.steps + cold.newtonSteps();
            int passes = run.passes + cold.passes();
            best = ExactFinish.better(
                    best,
                    new EmpiricalFit(
                            cold.w(), cold.objective(), cold.dualBound(), cold.gap(), tolerance, steps, passes));
        }
        return best;
    }

    @Override
    public String toString() {
        return "EmpiricalAdversarialTraining[n=" + stats.n + ", d=" + stats.d + "]";
    }
}
