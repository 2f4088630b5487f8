package tradeoffs.simulation.training;

/**
 * The finite-sample adversarial training objective (docs/math.md (finite-sample adversarial
 * training); Ribeiro, Zachariah, Bach, Schön 2023)
 *
 * <pre>  F(w) = (1/n) Σ_i (|y_i − x_iᵀw| + ε‖w‖_q)²</pre>
 *
 * and its smoothed form F_μ(w) = (1/n) Σ_i (ρ_μ(r_i) + εN(w))², r_i = y_i − x_iᵀw, with the Huber
 * function ρ_μ(r) = |r| for |r| ≥ μ and r²/(2μ) + μ/2 inside (so |r| ≤ ρ_μ ≤ |r| + μ/2) and N a
 * {@link NormTerm} (μ = 0 and the exact norm give F). Value, gradient and Hessian in one pass over
 * the data: ∇F_μ = −(2/n) Σ α_i ρ'_μ(r_i) x_i + 2ε (mean α) ∇N with α_i = ρ_μ(r_i) + εN, and the
 * Hessian 2S + (2/n) Σ_{|r_i|<μ} (α_i/μ − 1 + ρ'²) x_i x_iᵀ − 2ε(u∇Nᵀ + ∇N uᵀ) + 2ε²∇N∇Nᵀ
 * + 2ε(mean α)∇²N, u = (1/n) Σ ρ'_μ(r_i) x_i.
 */
final class SmoothedObjective {
    private SmoothedObjective() {
    }

    /**
     * F_μ(w) for the run's ε; fills grad and hess (row-major d×d) when non-null. One pass over the
     * data, counted in {@code run}.
     */
    static double evaluate(FitRun run, double[] w, double mu, NormTerm term, double[] grad, double[] hess) {
        run.passes++;
        SufficientStatistics s = run.stats;
        int n = s.n;
        int d = s.d;
        double[] x = s.x;
        double[] gram = s.gram;
        double eps = run.eps;
        double a = eps * term.value(w);
        double f = 0;
        double sumAlpha = 0;
        double[] ga = grad == null ? null : new double[d];
        double[] u = grad == null ? null : new double[d];
        double[] band = hess == null ? null : new double[d * d];
        double[] res = s.residuals(w, run.residuals);
        if (ga == null) {
            // objective only (line-search trials): a tight loop over the residuals
            double halfMu = mu / 2;
            double inv2mu = mu > 0 ? 1 / (2 * mu) : 0;
            for (int i = 0; i < n; i++) {
                double r = res[i];
                double ar = Math.abs(r);
                double alpha = (ar < mu ? r * r * inv2mu + halfMu : ar) + a;
                f += alpha * alpha;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int off = i * d;
                double r = res[i];
                double ar = Math.abs(r);
                double rho;
                double drho;
                boolean inBand = ar < mu;
                if (inBand) {
                    rho = r * r / (2 * mu) + mu / 2;
                    drho = r / mu;
                } else {
                    rho = ar;
                    drho = r > 0 ? 1.0 : r < 0 ? -1.0 : 0.0;
                }
                double alpha = rho + a;
                f += alpha * alpha;
                sumAlpha += alpha;
                double c1 = alpha * drho;
                if (d == 2) {
                    double x0 = x[off];
                    double x1 = x[off + 1];
                    ga[0] += c1 * x0;
                    ga[1] += c1 * x1;
                    u[0] += drho * x0;
                    u[1] += drho * x1;
                } else {
                    for (int j = 0; j < d; j++) {
                        ga[j] += c1 * x[off + j];
                        u[j] += drho * x[off + j];
                    }
                }
                if (band != null && inBand) {
                    double coef = alpha / mu - (1 - drho * drho);
                    for (int j = 0; j < d; j++) {
                        double cj = coef * x[off + j];
                        for (int k = 0; k < d; k++) {
                            band[j * d + k] += cj * x[off + k];
                        }
                    }
                }
            }
        }
        f /= n;
        if (grad != null) {
            double meanAlpha = sumAlpha / n;
            double[] gn = new double[d];
            term.gradient(w, gn);
            for (int j = 0; j < d; j++) {
                grad[j] = -2 * ga[j] / n + 2 * eps * meanAlpha * gn[j];
                u[j] /= n;
            }
            if (hess != null) {
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) {
                        hess[j * d + k] = 2 * gram[j * d + k] + 2 * band[j * d + k] / n
                                - 2 * eps * (u[j] * gn[k] + gn[j] * u[k]) + 2 * eps * eps * gn[j] * gn[k];
                    }
                }
                term.addHessian(w, 2 * eps * meanAlpha, hess);
            }
        }
        return f;
    }
}
