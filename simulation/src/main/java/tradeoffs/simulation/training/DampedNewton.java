package tradeoffs.simulation.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The solver step: damped Newton with Armijo backtracking (sufficient decrease 10⁻⁴·t·∇Fᵀs,
 * halving t) on the smoothed objective {@link SmoothedObjective}, over all of ℝ^d or over an
 * affine set w = w₀ + Pθ (a face of the norm, residuals held at zero). Nocedal &amp; Wright,
 * Numerical Optimization, §3.1 and §3.5.
 */
final class DampedNewton {
    /** Backtracking halvings before a Newton step is given up. */
    private static final int MAX_HALVINGS = 14;
    /** A predicted decrease below this fraction of F is lost in the round-off of F's sum. */
    private static final double ROUND_OFF = 1e-12;
    /**
     * Rows of U whose |r| exceeds μ + SHRINK_MARGIN·(2‖Δw‖_S + STAGE_MOVE·μ) join the sign classes:
     * ‖Δw‖_S = √(ΔwᵀSΔw) is the root mean square of the residual changes x_iᵀΔw of the Newton
     * step, twice the step bounds the rest of a converging Newton path, and the smoothed optimum
     * of a later stage lies within a few μ of this one. A row that still changes sign is found and
     * reopened by the final check ({@link DualCertificate#verify}).
     */
    private static final double SHRINK_MARGIN = 6;
    private static final double STAGE_MOVE = 3;

    private DampedNewton() {
    }

    /**
     * Damped Newton on F_μ over w = w0 + Pθ (P: d×k row-major basis of the face, or null for all
     * of ℝ^d). Returns the last iterate.
     */
    static double[] newton(FitRun run, double[] start, double[] basis, double mu, NormTerm term, double stop,
                           int maxSteps) {
        int d = run.stats.d;
        int k = basis == null ? d : basis.length / d;
        double[] w = start.clone();
        double[] g = new double[d];
        double[] h = new double[d * d];
        double f = SmoothedObjective.evaluate(run, w, mu, term, g, h);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(k);
        for (int it = 0; it < maxSteps; it++) {
            double[] gk = basis == null ? g : project(basis, g, d, k);
            double[] hk = basis == null ? h : projectHessian(basis, h, d, k);
            double[] step = solveSpd(chol, hk, gk, k);
            double[] dw = basis == null ? step : lift(basis, step, d, k);
            double slope = 0;
            for (int j = 0; j < d; j++) {
                slope += g[j] * dw[j];
            }
            run.steps++;
            if (!(slope < 0) || -slope <= stop * Math.max(f, 1e-300)) {
                break;
            }
            if (run.shrinking && basis == null && mu > 0) {
                double move = 2 * Math.sqrt(Math.max(0, dot(dw, run.stats.gramTimes(dw)))) + STAGE_MOVE * mu;
                if (run.classes.shrink(run.residuals, mu + SHRINK_MARGIN * move, mu, run.uU, run.uyU)) {
                    // the same F up to the round-off of the new sums: re-evaluate so Armijo compares like with like
                    f = SmoothedObjective.evaluate(run, w, mu, term, null, null);
                }
            }
            // The full step is evaluated with its gradient and Hessian in the same pass (it is
            // accepted almost always); backtracking trials evaluate F only.
            double t = 1;
            double[] trial = new double[d];
            double[] gt = new double[d];
            double[] ht = new double[d * d];
            boolean accepted = false;
            boolean derivatives = false;
            for (int ls = 0; ls < MAX_HALVINGS; ls++) {
                for (int j = 0; j < d; j++) {
                    trial[j] = w[j] + t * dw[j];
                }
                derivatives = ls == 0;
                double ft = SmoothedObjective.evaluate(run, trial, mu, term, derivatives ? gt : null, derivatives ? ht : null);
                if (ft <= f + 1e-4 * t * slope) {
                    accepted = true;
                    f = ft;
                    break;
                }
                if (ls == 0 && -slope <= ROUND_OFF * Math.abs(f)
                        && norm2(basis == null ? gt : project(basis, gt, d, k)) < norm2(gk)) {
                    // the predicted decrease is below the round-off of F, so Armijo cannot judge
                    // the step; in Newton's quadratic region a smaller gradient is the test
                    accepted = true;
                    f = ft;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                break;
            }
            w = trial;
            if (t < 1e-4 && mu > 0) {
                // smoothed stage at round-off level or chasing kinks: the next stage takes over
                break;
            }
            if (derivatives) {
                g = gt;
                h = ht;
            } else {
                f = SmoothedObjective.evaluate(run, w, mu, term, g, h);
            }
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double norm2(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /** Solves H s = −g for SPD H (k×k); adds a tiny ridge when round-off breaks definiteness. */
    static double[] solveSpd(LinearSolverDense<DMatrixRMaj> chol, double[] h, double[] g, int k) {
        DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
        for (int j = 0; j < k; j++) {
            rhs.data[j] = -g[j];
        }
        double ridge = 0;
        double diag = 0;
        for (int j = 0; j < k; j++) {
            diag = Math.max(diag, Math.abs(h[j * k + j]));
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            DMatrixRMaj hm = new DMatrixRMaj(k, k);
            System.arraycopy(h, 0, hm.data, 0, k * k);
            for (int j = 0; j < k; j++) {
                hm.data[j * k + j] += ridge;
            }
            if (chol.setA(hm)) {
                DMatrixRMaj out = new DMatrixRMaj(k, 1);
                chol.solve(rhs, out);
                return out.data;
            }
            ridge = ridge == 0 ? 1e-14 * Math.max(diag, 1e-300) : ridge * 100;
        }
        throw new IllegalStateException("Newton system is not positive definite");
    }

    static double[] project(double[] basis, double[] g, int d, int k) {
        double[] out = new double[k];
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < k; c++) {
                out[c] += basis[j * k + c] * g[j];
            }
        }
        return out;
    }

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
