package tradeoffs.simulation.training;

import tradeoffs.theory.norm.LpNorm;

/**
 * The norm part N(w) = ‖w‖_q of the finite-sample objective (docs/math.md §6.3
 *), exact or smoothed: value, gradient and Hessian. The smoothings bound the
 * norm from above within a known error (ν for Σ√(w_j²+ν²) per coordinate, ν log 2d for the soft
 * maximum), so the smoothed objective converges to F as ν → 0.
 */
interface NormTerm {
    double value(double[] w);

    void gradient(double[] w, double[] out);

    /** hess += coef · ∇²N(w), hess row-major d×d. */
    void addHessian(double[] w, double coef, double[] hess);

    /**
     * out += coef · Pᵀ∇²N(w)P (k×k) for the basis P of a face. The default forms ∇²N (d×d) and
     * projects it, O(d²k); the terms with structure (none, diagonal, identity plus rank one)
     * override it.
     */
    default void addProjectedHessian(double[] w, double coef, NewtonOnFace.Basis basis, double[] out) {
        double[] h = new double[w.length * w.length];
        addHessian(w, coef, h);
        double[] ph = basis.projectHessian(h);
        for (int c = 0; c < out.length; c++) {
            out[c] += ph[c];
        }
    }

    /**
     * hess += coef/h · (I − wwᵀ/h²): the Hessian of an ℓ2 term of value h (docs/math.md §6.3).
     * Each row of hess is copied into a buffer, updated in one loop over k that reads only arrays
     * indexed by k (the shape C2 vectorises, the division included; see GramKernel) and copied
     * back; each entry is the same expression coef · (δ_jk − w_j w_k/h²)/h as a plain loop over all
     * entries gives, bit for bit.
     */
    private static void addL2Hessian(double[] w, double h, double coef, double[] hess) {
        int d = w.length;
        double hh = h * h;
        double[] buf = new double[d];
        for (int j = 0; j < d; j++) {
            double wj = w[j];
            int row = j * d;
            System.arraycopy(hess, row, buf, 0, d);
            for (int k = 0; k < d; k++) {
                buf[k] += coef * (0.0 - wj * w[k] / hh) / h;
            }
            buf[j] = hess[row + j] + coef * (1.0 - wj * wj / hh) / h;
            System.arraycopy(buf, 0, hess, row, d);
        }
    }

    /** out += coef/h · (PᵀP − (Pᵀw)(Pᵀw)ᵀ/h²): the projected Hessian of an ℓ2 term of value h. */
    private static void addProjectedL2(double[] w, double h, double coef, NewtonOnFace.Basis basis, double[] out) {
        double[] ptp = basis.gramOfBasis();
        for (int c = 0; c < out.length; c++) {
            out[c] += coef / h * ptp[c];
        }
        NewtonOnFace.Basis.addOuter(out, basis.project(w), basis.k, -coef / (h * h * h));
    }

    /** The exact or smoothed norm for the dual exponent q ∈ {1, 2, ∞} at smoothing width ν. */
    static NormTerm smoothed(double q, double nu) {
        return q == 2 ? new SmoothL2(nu) : q == 1 ? new SmoothL1(nu) : new SoftMax(nu);
    }

    /**
     * √(‖w‖₂² + ν²): smoothed ‖w‖₂. Unlike ‖w‖₂ its Hessian stays bounded (by 1/ν) near w = 0, so
     * Newton can cross the origin's neighbourhood when ε is close to the zero threshold and the
     * answer is small.
     */
    final class SmoothL2 implements NormTerm {
        private final double nu;

        SmoothL2(double nu) {
            this.nu = nu;
        }

        @Override
        public double value(double[] w) {
            return Math.hypot(LpNorm.L2.norm(w), nu);
        }

        @Override
        public void gradient(double[] w, double[] out) {
            double h = value(w);
            for (int j = 0; j < w.length; j++) {
                out[j] = w[j] / h;
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            NormTerm.addL2Hessian(w, value(w), coef, hess);
        }

        @Override
        public void addProjectedHessian(double[] w, double coef, NewtonOnFace.Basis basis, double[] out) {
            NormTerm.addProjectedL2(w, value(w), coef, basis, out);
        }
    }

    /** ‖w‖₂ (smooth away from 0, and the solver never visits 0 for ε below the zero threshold). */
    final class L2 implements NormTerm {
        @Override
        public double value(double[] w) {
            return LpNorm.L2.norm(w);
        }

        @Override
        public void gradient(double[] w, double[] out) {
            double nrm = Math.max(value(w), 1e-300);
            for (int j = 0; j < w.length; j++) {
                out[j] = w[j] / nrm;
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            NormTerm.addL2Hessian(w, Math.max(value(w), 1e-300), coef, hess);
        }

        @Override
        public void addProjectedHessian(double[] w, double coef, NewtonOnFace.Basis basis, double[] out) {
            NormTerm.addProjectedL2(w, Math.max(value(w), 1e-300), coef, basis, out);
        }
    }

    /** Σ_j √(w_j² + ν²): smoothed ‖w‖₁. */
    final class SmoothL1 implements NormTerm {
        private final double nu;

        SmoothL1(double nu) {
            this.nu = nu;
        }

        @Override
        public double value(double[] w) {
            double s = 0;
            for (double v : w) {
                s += Math.hypot(v, nu);
            }
            return s;
        }

        @Override
        public void gradient(double[] w, double[] out) {
            for (int j = 0; j < w.length; j++) {
                out[j] = w[j] / Math.hypot(w[j], nu);
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            int d = w.length;
            for (int j = 0; j < d; j++) {
                double h = Math.hypot(w[j], nu);
                hess[j * d + j] += coef * nu * nu / (h * h * h);
            }
        }

        @Override
        public void addProjectedHessian(double[] w, double coef, NewtonOnFace.Basis basis, double[] out) {
            // diagonal: Σ_j D_j p_j p_jᵀ over the rows p_j of P
            int k = basis.k;
            double[] row = new double[k];
            for (int j = 0; j < w.length; j++) {
                double h = Math.hypot(w[j], nu);
                System.arraycopy(basis.p, j * k, row, 0, k);
                NewtonOnFace.Basis.addOuter(out, row, k, coef * nu * nu / (h * h * h));
            }
        }
    }

    /** ν log Σ_j (e^{w_j/ν} + e^{−w_j/ν}): smoothed ‖w‖_∞ (error ≤ ν log 2d). */
    final class SoftMax implements NormTerm {
        private final double nu;

        SoftMax(double nu) {
            this.nu = nu;
        }

        /** Softmax weights of +w_j (out[j]) and −w_j (out[d+j]); returns the smoothed value. */
        private double weights(double[] w, double[] out) {
            int d = w.length;
            double m = LpNorm.LINF.norm(w);
            double z = 0;
            for (int j = 0; j < d; j++) {
                out[j] = Math.exp((w[j] - m) / nu);
                out[d + j] = Math.exp((-w[j] - m) / nu);
                z += out[j] + out[d + j];
            }
            for (int j = 0; j < 2 * d; j++) {
                out[j] /= z;
            }
            return m + nu * Math.log(z);
        }

        @Override
        public double value(double[] w) {
            return weights(w, new double[2 * w.length]);
        }

        @Override
        public void gradient(double[] w, double[] out) {
            int d = w.length;
            double[] pi = new double[2 * d];
            weights(w, pi);
            for (int j = 0; j < d; j++) {
                out[j] = pi[j] - pi[d + j];
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            int d = w.length;
            double[] pi = new double[2 * d];
            weights(w, pi);
            for (int j = 0; j < d; j++) {
                double gj = pi[j] - pi[d + j];
                hess[j * d + j] += coef * (pi[j] + pi[d + j]) / nu;
                for (int k = 0; k < d; k++) {
                    double gk = pi[k] - pi[d + k];
                    hess[j * d + k] -= coef * gj * gk / nu;
                }
            }
        }
    }

    /** N = gᵀw: the q-norm restricted to one face (linear there). */
    final class Linear implements NormTerm {
        final double[] g;

        Linear(double[] g) {
            this.g = g;
        }

        @Override
        public double value(double[] w) {
            double s = 0;
            for (int j = 0; j < w.length; j++) {
                s += g[j] * w[j];
            }
            return s;
        }

        @Override
        public void gradient(double[] w, double[] out) {
            System.arraycopy(g, 0, out, 0, w.length);
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            // linear: no curvature
        }

        @Override
        public void addProjectedHessian(double[] w, double coef, NewtonOnFace.Basis basis, double[] out) {
            // linear: no curvature
        }
    }
}
