package tradeoffs.simulation.training;

/**
 * The finite-sample adversarial training objective (docs/math.md §6.1, §6.3; Ribeiro, Zachariah,
 * Bach, Schön 2023)
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
        GlobbedRows g = run.globbed;
        if (g == null || !g.covers(w, mu)) {
            if (g != null && !g.useful && run.radiusHint > g.radius / 4) {
                // the last region had too many unsure rows and this one would not be much smaller
                return evaluateAll(run, w, mu, term, grad, hess);
            }
            g = GlobbedRows.build(run, w, run.radiusHint, mu);
            run.globbed = g;
        }
        if (g.useful) {
            return evaluateGlobbed(run, g, w, mu, term, grad, hess);
        }
        return evaluateAll(run, w, mu, term, grad, hess);
    }

    /** F_μ from every row (one pass). */
    private static double evaluateAll(FitRun run, double[] w, double mu, NormTerm term, double[] grad, double[] hess) {
        run.passes++;
        SufficientStatistics s = run.stats;
        int n = s.n;
        int d = s.d;
        double[] x = s.x;
        double[] gram = s.gram();
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

    /**
     * F_μ from the rows U of the region and the sums over the sure rows G ({@link GlobbedRows}):
     * O(|U| d + d²), no pass over the data. The same quantities as {@link #evaluateAll}.
     */
    private static double evaluateGlobbed(FitRun run, GlobbedRows g, double[] w, double mu, NormTerm term, double[] grad,
                                          double[] hess) {
        SufficientStatistics s = run.stats;
        int n = s.n;
        int d = s.d;
        double[] x = s.x;
        double[] y = s.y;
        double[] gram = s.gram();
        double eps = run.eps;
        double a = eps * term.value(w);
        double f = 0;
        double sumAlpha = 0;
        double sumR2 = 0;
        double[] ga = grad == null ? null : new double[d];
        double[] u = grad == null ? null : new double[d];
        double[] rx = grad == null ? null : new double[d];
        double[] band = hess == null ? null : new double[d * d];
        for (int i : g.unsure) {
            int off = i * d;
            double r = y[i];
            for (int j = 0; j < d; j++) {
                r -= x[off + j] * w[j];
            }
            double ar = Math.abs(r);
            boolean inBand = ar < mu;
            double rho = inBand ? r * r / (2 * mu) + mu / 2 : ar;
            double drho = inBand ? r / mu : r > 0 ? 1.0 : r < 0 ? -1.0 : 0.0;
            double alpha = rho + a;
            f += alpha * alpha;
            sumAlpha += alpha;
            sumR2 += r * r;
            if (ga != null) {
                double c1 = alpha * drho;
                for (int j = 0; j < d; j++) {
                    double xij = x[off + j];
                    ga[j] += c1 * xij;
                    u[j] += drho * xij;
                    rx[j] += r * xij;
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
        // the sure rows: Σ_G r² = n m₂(w) − Σ_U r², Σ_G s r = t₀ − vᵀw (class comment of GlobbedRows)
        double[] sw = new double[d];
        double m2 = s.yy;
        double vw = 0;
        for (int j = 0; j < d; j++) {
            double row = 0;
            for (int k = 0; k < d; k++) {
                row += gram[j * d + k] * w[k];
            }
            sw[j] = row;
            m2 += w[j] * row - 2 * s.xty[j] * w[j];
            vw += g.v[j] * w[j];
        }
        double sumSr = g.t0 - vw;
        f += n * m2 - sumR2 + 2 * a * sumSr + g.count * a * a;
        sumAlpha += sumSr + g.count * a;
        f /= n;
        if (grad != null) {
            for (int j = 0; j < d; j++) {
                // Σ_G α s x = Σ_G r x + a v, Σ_G r x = n(c − Sw) − Σ_U r x
                ga[j] += n * (s.xty[j] - sw[j]) - rx[j] + a * g.v[j];
                u[j] += g.v[j];
            }
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
