package tradeoffs.simulation.training;

import static tradeoffs.theory.optim.Vectors.dot;

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
     * Backtracking halvings on a near-noiseless sample ({@link FitRun#nearNoiseless}), where the
     * short-step stop is off too (docs/math.md §6.3 item 9): F is nearly polyhedral there, the
     * Newton step of F_μ is valid only within about μ of its kinks, and with 14 halvings and the
     * short-step stop the stages at μ below the noise ended after 1–8 steps far from their optimum
     * (n = 3000, d = 5, ε = 0.05 of the threshold: relative gaps 1.8·10⁻⁸, 3.1·10⁻⁹, then 3·10⁻³ at
     * μ = 10⁻⁸ε‖w₀‖₂). On NearNoiselessProbe's 128 ℓ2 fits with noise 10⁻⁶ of the signal
     * (n = 1500–25000, d = 2–100, ε at 10⁻⁴, 0.05, 0.5, 0.999 of the zero threshold), widths
     * from ε‖w₀‖₂, uncertified: 34 with 14 halvings and the short-step stop, 34 without that stop,
     * 31 with 40 halvings and the stop; without the stop 12 / 1 / 1 / 1 with 20 / 30 / 40 / 60
     * halvings (main: 49); benchmarks/results/fsl2exact.md.
     */
    private static final int NEAR_NOISELESS_HALVINGS = 40;
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
                .withMaxHalvings(halvings(run))
                .withDecrementTolerance(stop)
                .withRoundOff(ROUND_OFF)
                .withShortStep(mu > 0 && !run.nearNoiseless ? SHORT_STEP : 0);
        DampedNewton.Result result = DampedNewton.minimise(f, f.basis == null ? start : new double[f.k], settings);
        run.steps += result.steps();
        return f.point(result.x());
    }

    /**
     * Exact Newton (μ = 0) on F over {w : x_iᵀw = x_iᵀ start for the held rows i}, in w itself:
     * each direction solves the KKT system by the range-space method
     * ({@link NewtonSystem#directionWithHeldRows}), and the gradient the stopping tests see is ∇F
     * projected on the null space of the held rows, g − Aᵀ(AAᵀ)⁻¹Ag (its norm is that of Pᵀ∇F
     * for an orthonormal basis P of the null space, as {@link #newton} with that basis would
     * see). For the ℓ2 attack's exact finish (docs/math.md §6.3), where a basis of the null space
     * (an SVD with its d × d factor, then 2PᵀSP and PᵀP) cost O(d³) per set of held residuals.
     */
    static double[] newtonWithHeldRows(
            FitRun run, double[] start, double[][] held, NormTerm term, double stop, int maxSteps) {
        Smoothed f = new Smoothed(run, start, null, 0.0, term);
        f.held = held;
        f.heldGram = new NewtonSystem(held.length);
        for (int a = 0; a < held.length; a++) {
            for (int b = 0; b < held.length; b++) {
                f.heldGram.hessian[a * held.length + b] = dot(held[a], held[b]);
            }
        }
        DampedNewton.Settings settings = DampedNewton.Settings.of(maxSteps)
                .withMaxHalvings(halvings(run))
                .withDecrementTolerance(stop)
                .withRoundOff(ROUND_OFF)
                .withShortStep(0);
        DampedNewton.Result result = DampedNewton.minimise(f, start, settings);
        run.steps += result.steps();
        return result.x();
    }

    /** {@link #MAX_HALVINGS}, or {@link #NEAR_NOISELESS_HALVINGS} on a near-noiseless sample. */
    private static int halvings(FitRun run) {
        return run.nearNoiseless ? NEAR_NOISELESS_HALVINGS : MAX_HALVINGS;
    }

    /**
     * F_μ as a function of w (no basis) or of θ (w = start + Pθ). On a face the projected Hessian
     * PᵀHP is formed from its parts ({@link SmoothedObjective.Curvature}): 2PᵀSP once per run, and
     * per point the band rows (Pᵀx_k), the rank-two part (Pᵀu, Pᵀ∇N) and the norm's curvature
     * ({@link NormTerm#addProjectedHessian}), O(k² + dk) per point instead of O(d²k). The
     * backtracking trials interpolate the residuals of U between the step's two ends (they are
     * affine in w), O(|U|) instead of a pass over the rows.
     */
    private static final class Smoothed implements DampedNewton.Function {
        private final FitRun run;
        private final double[] start;
        private final Basis basis;
        private final double mu;
        private final NormTerm term;
        private final int d;
        private final int k;
        private final SmoothedObjective.Curvature parts;
        /** Residuals of U at the last two full evaluations, and the U arrays they belong to. */
        private double[] previous;

        private double[] current;
        private SignClasses previousRows;
        private SignClasses currentRows;
        /** {@link SignClasses#version} of U at the last two full evaluations. */
        private int previousVersion;

        private int currentVersion;
        private double[] between;
        /** H (or PᵀHP) of the last full evaluation and its factorisation, reused across steps. */
        private final NewtonSystem system;
        /** Full evaluations so far: a point's direction is formed from the latest one only. */
        private int evaluations;
        /** Rows held at their residual ({@link #newtonWithHeldRows}; null: none), and AAᵀ. */
        private double[][] held;

        private NewtonSystem heldGram;

        Smoothed(FitRun run, double[] start, double[] basis, double mu, NormTerm term) {
            this.run = run;
            this.start = start;
            this.d = run.stats.d;
            this.basis = basis == null || isIdentity(basis, d) ? null : new Basis(basis, d, run.stats);
            this.mu = mu;
            this.term = term;
            this.k = basis == null ? d : basis.length / d;
            this.parts = this.basis == null ? null : new SmoothedObjective.Curvature(d);
            this.system = new NewtonSystem(k);
        }

        double[] point(double[] x) {
            if (basis == null) {
                return x.clone();
            }
            double[] w = basis.lift(x);
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
        public double valueBetween(double[] trial, double t) {
            SignClasses c = run.classes;
            if (previous == null
                    || previousRows != c
                    || currentRows != c
                    || previousVersion != c.version
                    || currentVersion != c.version) {
                return value(trial); // U changed between the two ends
            }
            int m = c.m;
            if (between == null || between.length < m) {
                between = new double[m];
            }
            for (int i = 0; i < m; i++) {
                between[i] = previous[i] + t * (current[i] - previous[i]);
            }
            return SmoothedObjective.value(run, point(trial), mu, term, between);
        }

        /** Keeps the residuals of U of the evaluation just made (for {@link #valueBetween}). */
        private void remember() {
            SignClasses c = run.classes;
            int m = c.m;
            double[] keep = previous != null && previous.length >= m ? previous : new double[m];
            System.arraycopy(run.residuals, 0, keep, 0, m);
            previous = current;
            previousRows = currentRows;
            previousVersion = currentVersion;
            current = keep;
            currentRows = c;
            currentVersion = c.version;
        }

        @Override
        public DampedNewton.Point at(double[] x) {
            double[] g = new double[d];
            double[] w = point(x);
            double[] gk;
            double f;
            if (basis == null) {
                f = SmoothedObjective.evaluate(run, w, mu, term, g, system.hessian);
                gk = held == null ? g : projectOffHeldRows(g);
            } else {
                f = SmoothedObjective.evaluate(run, w, mu, term, g, null, parts);
                gk = basis.project(g);
                System.arraycopy(faceHessian(w), 0, system.hessian, 0, k * k);
            }
            remember();
            int evaluation = ++evaluations;
            return new DampedNewton.Point(f, gk, direction -> {
                // DampedNewton forms each point's direction before it evaluates the next point
                if (evaluation != evaluations) {
                    throw new IllegalStateException("the Newton system was overwritten by a later evaluation");
                }
                if (held != null) {
                    return system.directionWithHeldRows(g, held, direction);
                }
                if (!system.direction(gk, direction)) {
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

        /** g − Aᵀ(AAᵀ)⁻¹Ag for the held rows A: g projected on their null space. */
        private double[] projectOffHeldRows(double[] g) {
            int h = held.length;
            double[] ag = new double[h];
            for (int a = 0; a < h; a++) {
                ag[a] = -dot(held[a], g);
            }
            double[] mult = new double[h];
            if (!heldGram.direction(ag, mult)) {
                return g;
            }
            double[] out = g.clone();
            for (int a = 0; a < h; a++) {
                double[] row = held[a];
                for (int j = 0; j < d; j++) {
                    out[j] -= mult[a] * row[j];
                }
            }
            return out;
        }

        /** PᵀHP from the parts of H (SmoothedObjective's class comment). */
        private double[] faceHessian(double[] w) {
            int n = run.stats.n;
            double eps = run.eps;
            double[] hk = basis.twiceProjectedGram().clone();
            double[] x = run.classes.x;
            for (int b = 0; b < parts.count; b++) {
                Basis.addOuter(hk, basis.projectRow(x, parts.band[b] * d), k, 2 * parts.coef[b] / n);
            }
            double[] pu = basis.project(parts.u);
            double[] pg = basis.project(parts.gn);
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                    hk[a * k + c] += -2 * eps * (pu[a] * pg[c] + pg[a] * pu[c]) + 2 * eps * eps * pg[a] * pg[c];
                }
            }
            term.addProjectedHessian(w, 2 * eps * parts.meanAlpha, basis, hk);
            return hk;
        }
    }

    /** Whether a d×d row-major basis is the identity (the face is all of ℝ^d). */
    private static boolean isIdentity(double[] basis, int d) {
        if (basis.length != d * d) {
            return false;
        }
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < d; c++) {
                if (basis[j * d + c] != (j == c ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A basis P (d×k, row-major) of the directions of a face, with what the projected Hessians
     * reuse: 2PᵀSP, formed once, and PᵀP, formed on first use. The nonzero entries of each row
     * are listed once (compressed rows): the faces of ‖·‖₁ and ‖·‖_∞ are coordinate selections
     * with one or a few nonzeros per row, so Pᵀg, Pθ and PᵀHP cost O(nnz) and O(d·nnz + nnz·k)
     * instead of O(dk) and O(d²k). Every entry sums the same nonzero products in the same order
     * as the dense loops (which only add zeros besides), so the results are the same bit for bit.
     */
    static final class Basis {
        final double[] p;
        final int d;
        final int k;
        private final SufficientStatistics stats;
        /** Row j's nonzeros are cols/vals[rowStart[j] .. rowStart[j + 1]). */
        private final int[] rowStart;

        private final int[] cols;
        private final double[] vals;
        /** Whether P has at most a quarter of its entries nonzero (else the dense loops are faster). */
        private final boolean sparse;

        private double[] twicePsp;
        private double[] ptp;

        Basis(double[] p, int d, SufficientStatistics stats) {
            this.p = p;
            this.d = d;
            this.k = p.length / d;
            this.stats = stats;
            int nnz = 0;
            for (double v : p) {
                nnz += v != 0 ? 1 : 0;
            }
            this.rowStart = new int[d + 1];
            this.cols = new int[nnz];
            this.vals = new double[nnz];
            int at = 0;
            for (int j = 0; j < d; j++) {
                rowStart[j] = at;
                for (int c = 0; c < k; c++) {
                    double v = p[j * k + c];
                    if (v != 0) {
                        cols[at] = c;
                        vals[at++] = v;
                    }
                }
            }
            rowStart[d] = at;
            this.sparse = 4L * nnz <= (long) d * k;
        }

        /** Pᵀg (k entries). */
        double[] project(double[] g) {
            double[] out = new double[k];
            for (int j = 0; j < d; j++) {
                double gj = g[j];
                for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                    out[cols[e]] += vals[e] * gj;
                }
            }
            return out;
        }

        /** Pθ (d entries). */
        double[] lift(double[] theta) {
            double[] out = new double[d];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                    s += vals[e] * theta[cols[e]];
                }
                out[j] = s;
            }
            return out;
        }

        /** Pᵀx for the row of a row-major block at offset off. */
        double[] projectRow(double[] x, int off) {
            double[] out = new double[k];
            for (int j = 0; j < d; j++) {
                double xj = x[off + j];
                if (xj != 0) {
                    for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                        out[cols[e]] += xj * vals[e];
                    }
                }
            }
            return out;
        }

        /** PM for a row-major k×m matrix M (d×m). */
        double[] times(double[] m, int width) {
            double[] out = new double[d * width];
            for (int j = 0; j < d; j++) {
                for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                    double b = vals[e];
                    int row = cols[e] * width;
                    for (int c = 0; c < width; c++) {
                        out[j * width + c] += b * m[row + c];
                    }
                }
            }
            return out;
        }

        /** Pᵀ h P for a d×d h. */
        double[] projectHessian(double[] h) {
            if (!sparse) {
                return NewtonOnFace.projectHessian(p, h, d, k);
            }
            double[] hp = new double[d * k];
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    double v = h[j * d + l];
                    if (v != 0) {
                        for (int e = rowStart[l]; e < rowStart[l + 1]; e++) {
                            hp[j * k + cols[e]] += v * vals[e];
                        }
                    }
                }
            }
            double[] out = new double[k * k];
            for (int j = 0; j < d; j++) {
                for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                    int a = cols[e];
                    double b = vals[e];
                    for (int c = 0; c < k; c++) {
                        out[a * k + c] += b * hp[j * k + c];
                    }
                }
            }
            return out;
        }

        double[] twiceProjectedGram() {
            if (twicePsp == null) {
                twicePsp = projectHessian(stats.gram());
                for (int c = 0; c < twicePsp.length; c++) {
                    twicePsp[c] *= 2;
                }
            }
            return twicePsp;
        }

        /** PᵀP (k×k). */
        private double[][] rowsOfPtp;

        private double[] rowOfP;

        double[] gramOfBasis() {
            if (ptp == null) {
                ptp = new double[k * k];
                for (int j = 0; j < d; j++) {
                    int pj = j * k;
                    if (sparse) {
                        for (int e = rowStart[j]; e < rowStart[j + 1]; e++) {
                            int a = cols[e];
                            double v = vals[e];
                            for (int f = rowStart[j]; f < rowStart[j + 1]; f++) {
                                ptp[a * k + cols[f]] += v * vals[f];
                            }
                        }
                        continue;
                    }
                    // dense: through row buffers (the loop shape C2 vectorises; see GramKernel),
                    // the same products in the same order as ptp[a·k + c] += p_ja p_jc
                    if (rowsOfPtp == null) {
                        rowsOfPtp = new double[k][k];
                        rowOfP = new double[k];
                    }
                    System.arraycopy(p, pj, rowOfP, 0, k);
                    for (int a = 0; a < k; a++) {
                        double v = rowOfP[a];
                        if (v != 0) {
                            double[] out = rowsOfPtp[a];
                            for (int c = 0; c < k; c++) {
                                out[c] += v * rowOfP[c];
                            }
                        }
                    }
                }
                if (rowsOfPtp != null) {
                    for (int a = 0; a < k; a++) {
                        System.arraycopy(rowsOfPtp[a], 0, ptp, a * k, k);
                    }
                    rowsOfPtp = null;
                    rowOfP = null;
                }
            }
            return ptp;
        }

        /** out += coef · v vᵀ (k×k). */
        static void addOuter(double[] out, double[] v, int k, double coef) {
            for (int a = 0; a < k; a++) {
                double ca = coef * v[a];
                if (ca != 0) {
                    for (int c = 0; c < k; c++) {
                        out[a * k + c] += ca * v[c];
                    }
                }
            }
        }
    }

    /**
     * PᵀHP (k×k, row-major). The rows of P, HP and the result are held as separate arrays, so
     * that each inner loop reads and writes only arrays indexed by c (the shape C2 vectorises; see
     * GramKernel); every entry sums the same products in the same order as the plain loops over
     * the row-major arrays, bit for bit.
     */
    static double[] projectHessian(double[] basis, double[] h, int d, int k) {
        double[][] p = new double[d][k];
        for (int l = 0; l < d; l++) {
            System.arraycopy(basis, l * k, p[l], 0, k);
        }
        double[][] hp = new double[d][k];
        for (int j = 0; j < d; j++) {
            double[] hpj = hp[j];
            for (int l = 0; l < d; l++) {
                double v = h[j * d + l];
                if (v != 0) {
                    double[] pl = p[l];
                    for (int c = 0; c < k; c++) {
                        hpj[c] += v * pl[c];
                    }
                }
            }
        }
        double[][] rows = new double[k][k];
        for (int j = 0; j < d; j++) {
            double[] hpj = hp[j];
            double[] pj = p[j];
            for (int a = 0; a < k; a++) {
                double b = pj[a];
                if (b != 0) {
                    double[] row = rows[a];
                    for (int c = 0; c < k; c++) {
                        row[c] += b * hpj[c];
                    }
                }
            }
        }
        double[] out = new double[k * k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(rows[a], 0, out, a * k, k);
        }
        return out;
    }
}
