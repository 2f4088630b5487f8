package tradeoffs.simulation.training;

import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.optim.DampedNewton;

/**
 * A start for the ℓ1-attack fit (q = ∞) and the ℓ2-attack fit ({@link #minimiseL2}) from the
 * moments (docs/math.md §6.3 item 7, [derived]).
 * Expanding the square, F(w) = m₂(w) + 2εN(w)·m₁(w) + ε²N(w)² with m₂ the mean squared residual
 * (from {@link SufficientStatistics}, O(d²)) and m₁ the mean absolute residual (a pass over the
 * rows). Replacing m₁ by κ√m₂, κ = m₁(w₀)/√m₂(w₀) measured once at the least-squares point w₀
 * (κ = √(2/π) for Gaussian residuals; κ ≤ 1 always, by Jensen), gives the surrogate
 *
 * <pre>  G(w) = m₂(w) + 2εκ N(w) √m₂(w) + ε² N(w)² = (√m₂ + εκN)² + ε²(1 − κ²)N²,</pre>
 *
 * the population risk of docs/math.md §4.1 (s = √m₂, c = κ) with the sample's moments: convex
 * (√m₂ is the norm of an affine map of w, N a norm) and evaluated in O(d²) without a pass. Its
 * minimiser with N the soft maximum of width ν ({@link NormTerm.SoftMax}) is the start of the
 * smoothing stage of that width; it differs from that stage's optimum only as far as m₁/√m₂ moves
 * away from κ between w₀ and the optimum, where least squares itself can be far off (ε at half the
 * zero threshold on the two-feature benchmark sample: w shrinks from about (1, 0) to the tie
 * (0.16, 0.16)). Only the speed of the fit depends on the start; the certificate decides.
 */
final class MomentStart {
    /** Newton steps per smoothing width (each O(d³) at most, no pass over the rows). */
    private static final int MAX_STEPS = 50;

    private static final int MAX_HALVINGS = 30;
    /** Newton on G stops when the decrement is below this fraction of G. */
    private static final double STOP = 1e-15;
    /** The widest soft maximum, relative to the weight scale (the ℓ1 attack's first smoothing stage). */
    private static final double FIRST_WIDTH = 0.1;

    /** Below this m₂ (relative to ȳ²) the residuals are all but zero and √m₂ is not smooth: no start. */
    private static final double MIN_RELATIVE_M2 = 1e-12;

    /**
     * The ℓ2 start's stop: a start needs no more than a decrement of 10⁻⁹ G (3–5 Newton steps at
     * n = 10⁵, d = 100; the stages of item 1 take over from there).
     */
    private static final double L2_STOP = 1e-9;

    private MomentStart() {}

    /**
     * The minimiser of G with N the soft maximum of width ν, for ν = 10⁻¹·{@code wScale}, then
     * ten times smaller each time down to {@code nu}, each from the last, starting at least
     * squares w₀. Measures κ in one pass over the rows (counted in the run's passes).
     */
    static double[] minimise(FitRun run, double[] w0, double nu, double wScale) {
        SufficientStatistics st = run.stats;
        int n = st.n;
        run.visit(n);
        double[] r = SmoothedObjective.residuals(st.x, st.y, n, st.d, w0, run.residuals);
        double abs = 0;
        for (int i = 0; i < n; i++) {
            abs += Math.abs(r[i]);
        }
        return minimise(st, run.eps, w0, kappa(abs / n, st.meanSquaredResidual(w0)), nu, wScale);
    }

    /**
     * The ℓ2 attack's start (docs/math.md §6.3 item 7): the minimiser of G with N = ‖w‖₂ from
     * least squares {@code w0}, κ = mean|y|/√ȳ² from the moments (no pass over the rows; at w = 0
     * the residuals are y, so G's zero threshold is F's). Returns a copy of w0 where G is not
     * smooth (m₂(w0) ≈ 0 or w0 = 0) or Newton does not lower G; counts the Newton steps in the run.
     */
    static double[] minimiseL2(FitRun run, double[] w0) {
        SufficientStatistics st = run.stats;
        if (!(st.meanSquaredResidual(w0) > MIN_RELATIVE_M2 * st.yy) || !(LpNorm.L2.norm(w0) > 0)) {
            return w0.clone();
        }
        Surrogate g = new Surrogate(st, run.eps, kappa(st.meanAbsY, st.yy), new NormTerm.L2());
        DampedNewton.Result result = DampedNewton.minimise(
                g,
                w0,
                DampedNewton.Settings.of(MAX_STEPS)
                        .withMaxHalvings(MAX_HALVINGS)
                        .withDecrementTolerance(L2_STOP));
        run.steps += result.steps();
        return Double.isFinite(result.value()) && result.value() <= g.value(w0) ? result.x() : w0.clone();
    }

    /** κ = m₁/√m₂, at most 1 (Jensen's bound, which round-off could break). */
    static double kappa(double meanAbs, double meanSquare) {
        return Math.min(1, meanAbs / Math.sqrt(Math.max(meanSquare, 1e-300)));
    }

    /** As {@link #minimise(FitRun, double[], double, double)} with κ given. */
    static double[] minimise(SufficientStatistics st, double eps, double[] w0, double kappa, double nu, double wScale) {
        double[] w = w0.clone();
        DampedNewton.Settings settings = DampedNewton.Settings.of(MAX_STEPS)
                .withMaxHalvings(MAX_HALVINGS)
                .withDecrementTolerance(STOP);
        for (double v = Math.max(nu, FIRST_WIDTH * wScale); ; v = Math.max(nu, v / 10)) {
            Surrogate g = new Surrogate(st, eps, kappa, NormTerm.smoothed(Double.POSITIVE_INFINITY, v));
            w = DampedNewton.minimise(g, w, settings).x();
            if (v <= nu) {
                return w;
            }
        }
    }

    /** G with a smoothed N (or ‖w‖₂), its gradient and Hessian (class comment). */
    static final class Surrogate implements DampedNewton.Function {
        private final SufficientStatistics st;
        private final double eps;
        private final double kappa;
        private final NormTerm norm;
        private final int d;
        /** The Newton system of the last {@link #at}. */
        private NewtonSystem last;

        Surrogate(SufficientStatistics st, double eps, double kappa, NormTerm norm) {
            this.st = st;
            this.eps = eps;
            this.kappa = kappa;
            this.norm = norm;
            this.d = st.d;
        }

        /** ∇²G at the point of the last {@link #at} (row-major d × d). */
        double[] hessian() {
            return last.hessian;
        }

        @Override
        public double value(double[] w) {
            double m2 = Math.max(st.meanSquaredResidual(w), 1e-300);
            double nw = norm.value(w);
            return m2 + 2 * eps * kappa * nw * Math.sqrt(m2) + eps * eps * nw * nw;
        }

        @Override
        public DampedNewton.Point at(double[] w) {
            double[] sw = st.gramTimes(w);
            double m2 = st.yy;
            double[] e = new double[d];
            for (int j = 0; j < d; j++) {
                m2 += w[j] * sw[j] - 2 * st.xty[j] * w[j];
                e[j] = sw[j] - st.xty[j];
            }
            m2 = Math.max(m2, 1e-300);
            double sigma = Math.sqrt(m2);
            double nw = norm.value(w);
            double[] gn = new double[d];
            norm.gradient(w, gn);
            double f = m2 + 2 * eps * kappa * nw * sigma + eps * eps * nw * nw;
            // ∇σ = e/σ with e = Sw − c; ∇²σ = S/σ − eeᵀ/σ³
            double a = 2 * eps * kappa;
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                double ds = e[j] / sigma;
                g[j] = 2 * e[j] + a * (sigma * gn[j] + nw * ds) + 2 * eps * eps * nw * gn[j];
            }
            double[] s = st.gram();
            NewtonSystem system = new NewtonSystem(d);
            last = system;
            double[] h = system.hessian;
            for (int j = 0; j < d; j++) {
                double dsj = e[j] / sigma;
                for (int k = 0; k < d; k++) {
                    double dsk = e[k] / sigma;
                    double hs = s[j * d + k] / sigma - e[j] * e[k] / (sigma * sigma * sigma);
                    h[j * d + k] = 2 * s[j * d + k]
                            + a * (dsj * gn[k] + gn[j] * dsk + nw * hs)
                            + 2 * eps * eps * gn[j] * gn[k];
                }
            }
            norm.addHessian(w, a * sigma + 2 * eps * eps * nw, h);
            return new DampedNewton.Point(f, g, direction -> system.direction(g, direction));
        }
    }
}
