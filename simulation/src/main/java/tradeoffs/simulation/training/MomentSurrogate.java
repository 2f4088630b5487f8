package tradeoffs.simulation.training;

import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.optim.DampedNewton;

/**
 * The start of the ℓ2 attack's smoothing stages: the minimiser of a surrogate of F that needs
 * only the moments (docs/math.md §6.3 item 7, [derived]). F = m₂(w) + 2ε‖w‖m₁(w) + ε²‖w‖² with
 * m₁ = mean |r_i| (docs/math.md §6.1); when the residuals keep one distribution shape, m₁ ≈ κ√m₂
 * with κ = mean|r|/rms(r) (√(2/π) for Gaussian residuals), which gives
 *
 * <pre>  F̃(w) = m₂ + 2εκ‖w‖√m₂ + ε²‖w‖² = (R + εκN)² + ε²(1 − κ²)N²,   R = √m₂(w), N = ‖w‖₂,</pre>
 *
 * convex (R and N are norms of affine maps and κ ≤ 1) and smooth away from w = 0 and m₂ = 0, and
 * O(d²) per point from S, c, ȳ² ({@link SufficientStatistics}). κ is taken from y (mean|y| over
 * its root mean square, the moments already at hand). Newton from least squares on F̃ costs a few
 * d × d factorisations and no pass over the rows, and its minimiser lies near F's: at n = 10⁵,
 * d = 100 the first Newton step of the first smoothing stage from there moved the residuals by
 * a root mean square of 2–5·10⁻³ of their scale, against 0.08 (ε = 0.05 of the zero threshold)
 * and 0.9 (0.5) from least squares, so the sign classes take over the rows after the first pass
 * instead of the second or fourth. The start changes only how fast the certified answer is found.
 */
final class MomentSurrogate {
    /** Newton on F̃ stops when its decrement −∇F̃ᵀs is below this fraction of F̃: a start needs no more. */
    private static final double STOP = 1e-9;

    private static final int MAX_STEPS = 30;
    /** Below this m₂ (relative to ȳ²) the residuals are all but zero and √m₂ is not smooth: no surrogate. */
    private static final double MIN_RELATIVE_M2 = 1e-12;

    private MomentSurrogate() {}

    /**
     * The minimiser of F̃ for radius ε &gt; 0 from the least-squares answer {@code w0} (returned as
     * it is, a copy, when F̃ is not smooth there or Newton makes no progress); counts the Newton
     * steps in {@code run}.
     */
    static double[] start(FitRun run, double[] w0) {
        SufficientStatistics s = run.stats;
        double kappa = Math.min(1.0, s.meanAbsY / Math.sqrt(Math.max(s.yy, 1e-300)));
        if (!(s.meanSquaredResidual(w0) > MIN_RELATIVE_M2 * s.yy) || !(LpNorm.L2.norm(w0) > 0)) {
            return w0.clone();
        }
        Surrogate f = new Surrogate(s, run.eps, kappa);
        DampedNewton.Result result =
                DampedNewton.minimise(f, w0, DampedNewton.Settings.of(MAX_STEPS).withDecrementTolerance(STOP));
        run.steps += result.steps();
        double[] w = result.x();
        return Double.isFinite(result.value()) && result.value() <= f.value(w0) ? w : w0.clone();
    }

    /** F̃ with its gradient and Hessian (class comment), the Hessian in a kept {@link NewtonSystem}. */
    static final class Surrogate implements DampedNewton.Function {
        private final SufficientStatistics s;
        private final double eps;
        private final double kappa;
        private final NewtonSystem system;

        Surrogate(SufficientStatistics s, double eps, double kappa) {
            this.s = s;
            this.eps = eps;
            this.kappa = kappa;
            this.system = new NewtonSystem(s.d);
        }

        /** ∇²F̃ at the point of the last {@link #at} (row-major d × d; overwritten by the next). */
        double[] hessian() {
            return system.hessian;
        }

        @Override
        public double value(double[] w) {
            double m2 = Math.max(s.meanSquaredResidual(w), 0.0);
            double nw = LpNorm.L2.norm(w);
            return m2 + 2 * eps * kappa * nw * Math.sqrt(m2) + eps * eps * nw * nw;
        }

        /**
         * With e = Sw − c (∇m₂ = 2e, ∇R = e/R), ŵ = w/N, ∇N = ŵ and ∇²N = (I − ŵŵᵀ)/N,
         * ∇²R = S/R − eeᵀ/R³:
         *
         * <pre>  ∇F̃ = 2e + 2εκ(Rŵ + (N/R)e) + 2ε²w,
         *  ∇²F̃ = 2(1 + εκN/R)S + (2ε² + 2εκR/N)I − (2εκR/N)ŵŵᵀ + (2εκ/R)(ŵeᵀ + eŵᵀ) − (2εκN/R³)eeᵀ.</pre>
         */
        @Override
        public DampedNewton.Point at(double[] w) {
            int d = s.d;
            double[] sw = s.gramTimes(w);
            double m2 = s.yy;
            double[] e = new double[d];
            for (int j = 0; j < d; j++) {
                m2 += w[j] * sw[j] - 2 * s.xty[j] * w[j];
                e[j] = sw[j] - s.xty[j];
            }
            double nw = LpNorm.L2.norm(w);
            if (!(m2 > 0) || !(nw > 0)) {
                // outside the region where F̃ is smooth: no direction (the run ends here)
                return new DampedNewton.Point(value(w), new double[d], direction -> false);
            }
            double r = Math.sqrt(m2);
            double ek = eps * kappa;
            double[] g = new double[d];
            double[] what = new double[d];
            for (int j = 0; j < d; j++) {
                what[j] = w[j] / nw;
                g[j] = 2 * e[j] + 2 * ek * (r * what[j] + nw / r * e[j]) + 2 * eps * eps * w[j];
            }
            double a = 2 * (1 + ek * nw / r);
            double b = 2 * eps * eps + 2 * ek * r / nw;
            double c1 = -2 * ek * r / nw;
            double c2 = 2 * ek / r;
            double c3 = -2 * ek * nw / (m2 * r);
            double[] gram = s.gram();
            double[] h = system.hessian;
            for (int j = 0; j < d; j++) {
                int row = j * d;
                double wj = what[j];
                double ej = e[j];
                for (int k = 0; k < d; k++) {
                    h[row + k] =
                            a * gram[row + k] + c1 * wj * what[k] + c2 * (wj * e[k] + ej * what[k]) + c3 * ej * e[k];
                }
                h[row + j] += b;
            }
            double f = m2 + 2 * ek * nw * r + eps * eps * nw * nw;
            return new DampedNewton.Point(f, g, direction -> system.direction(g, direction));
        }
    }
}
