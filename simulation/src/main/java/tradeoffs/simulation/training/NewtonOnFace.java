package tradeoffs.simulation.training;

import tradeoffs.theory.optim.DampedNewton;

/**
 * The solver step: damped Newton with Armijo backtracking ({@link DampedNewton} of theory.optim,
 * the project's one implementation; Nocedal &amp; Wright, Numerical Optimization, §3.1 and §3.5)
 * on the smoothed objective {@link SmoothedObjective}, over all of ℝ^d or over an affine set
 * w = w₀ + Pθ (a face of the norm, residuals held at zero; docs/math.md §6.3). On a face the
 * variable is θ: the gradient is Pᵀ∇F_μ and the Hessian PᵀHP. Over ℝ^d, each Newton direction
 * may also move rows into the run's sign classes ({@link SignClasses}).
 */
final class NewtonOnFace {
    /** Backtracking halvings before a Newton step is given up. */
    private static final int MAX_HALVINGS = 14;
    /** A full step within this fraction of F that halves the gradient is accepted (round-off of F's sum). */
    private static final double ROUND_OFF = 1e-12;
    /** A smoothed stage ends after an accepted step shorter than this (the next stage takes over). */
    private static final double SHORT_STEP = 1e-4;
    /**
     * Rows of U whose |r| exceeds μ + SHRINK_MARGIN·(2‖Δw‖_S + STAGE_MOVE·μ) join the sign classes:
     * ‖Δw‖_S = √(ΔwᵀSΔw) is the root mean square of the residual changes x_iᵀΔw of the Newton
     * step, twice the step bounds the rest of a converging Newton path, and the smoothed optimum
     * of a later stage lies within a few μ of this one. A row that still changes sign is found and
     * reopened by the final check ({@link DualCertificate#verify}).
     */
    private static final double SHRINK_MARGIN = 6;

    private static final double STAGE_MOVE = 3;

    private NewtonOnFace() {}

    /**
     * Damped Newton on F_μ over w = start + Pθ (P: d×k row-major basis of the face, or null for
     * all of ℝ^d), stopping when the decrement −∇Fᵀs is below {@code stop}·F or after
     * {@code maxSteps} steps. Returns the last accepted iterate; counts the steps in {@code run}.
     */
    static double[] newton(
            FitRun run, double[] start, double[] basis, double mu, NormTerm term, double stop, int maxSteps) {
        Smoothed f = new Smoothed(run, start, basis, mu, term);
        DampedNewton.Settings settings = DampedNewton.Settings.of(maxSteps)
                .withMaxHalvings(MAX_HALVINGS)
                .withDecrementTolerance(stop)
                .withRoundOff(ROUND_OFF)
                .withShortStep(mu > 0 ? SHORT_STEP : 0);
        DampedNewton.Result result = DampedNewton.minimise(f, basis == null ? start : new double[f.k], settings);
        run.steps += result.steps();
        return f.point(result.x());
    }

    /** F_μ as a function of w (no basis) or of θ (w = start + Pθ). */
    private static final class Smoothed implements DampedNewton.Function {
        private final FitRun run;
        private final double[] start;
        private final double[] basis;
        private final double mu;
        private final NormTerm term;
        private final int d;
        private final int k;

        Smoothed(FitRun run, double[] start, double[] basis, double mu, NormTerm term) {
            this.run = run;
            this.start = start;
            this.basis = basis;
            this.mu = mu;
            this.term = term;
            this.d = run.stats.d;
            this.k = basis == null ? d : basis.length / d;
        }

        double[] point(double[] x) {
            if (basis == null) {
                return x.clone();
            }
            double[] w = lift(basis, x, d, k);
            for (int j = 0; j < d; j++) {
                w[j] += start[j];
            }
            return w;
        }

        @Override
        public double value(double[] x) {
            return SmoothedObjective.evaluate(run, point(x), mu, term, null, null);
        }

        @Override
        public DampedNewton.Point at(double[] x) {
            double[] g = new double[d];
            double[] h = new double[d * d];
            double f = SmoothedObjective.evaluate(run, point(x), mu, term, g, h);
            double[] gk = basis == null ? g : project(basis, g, d, k);
            double[] hk = basis == null ? h : projectHessian(basis, h, d, k);
            return new DampedNewton.Point(f, gk, direction -> {
                if (!DampedNewton.choleskyDirection(hk, gk, k, direction)) {
                    return false;
                }
                if (run.shrinking && basis == null && mu > 0) {
                    // the residuals of U at x are those of this evaluation (the last one made)
                    double move = 2 * Math.sqrt(Math.max(0, dot(direction, run.stats.gramTimes(direction))))
                            + STAGE_MOVE * mu;
                    run.classes.shrink(run.residuals, mu + SHRINK_MARGIN * move, mu, run.uU, run.uyU);
                }
                return true;
            });
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** Pᵀg (k entries). */
    static double[] project(double[] basis, double[] g, int d, int k) {
        double[] out = new double[k];
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < k; c++) {
                out[c] += basis[j * k + c] * g[j];
            }
        }
        return out;
    }

    /** PᵀHP (k×k, row-major). */
    static double[] projectHessian(double[] basis, double[] h, int d, int k) {
        double[] hp = new double[d * k];
        for (int j = 0; j < d; j++) {
            for (int l = 0; l < d; l++) {
                double v = h[j * d + l];
                if (v != 0) {
                    for (int c = 0; c < k; c++) {
                        hp[j * k + c] += v * basis[l * k + c];
                    }
                }
            }
        }
        double[] out = new double[k * k];
        for (int j = 0; j < d; j++) {
            for (int a = 0; a < k; a++) {
                double b = basis[j * k + a];
                if (b != 0) {
                    for (int c = 0; c < k; c++) {
                        out[a * k + c] += b * hp[j * k + c];
                    }
                }
            }
        }
        return out;
    }

    /** Pθ (d entries). */
    static double[] lift(double[] basis, double[] theta, int d, int k) {
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += basis[j * k + c] * theta[c];
            }
            out[j] = s;
        }
        return out;
    }
}
