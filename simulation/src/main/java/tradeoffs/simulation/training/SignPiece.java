package tradeoffs.simulation.training;

import tradeoffs.theory.optim.Vectors;

/**
 * A sign piece of the ℓ2-attack objective (docs/math.md §6.3 item 4, [derived]): the signs
 * s_i = sign r_i of the free rows fixed, the rows of a set Z held at r_i = 0,
 *
 * <pre>  F = m₂(w) + 2ε‖w‖ m₁(w) + ε²‖w‖²,   m₁ = t − bᵀw,
 *  b = (1/n) Σ_{i∉Z} s_i x_i,   t = (1/n) Σ_{i∉Z} s_i y_i,
 *  ∇F = 2(Sw − c) + 2ε(m₁ŵ − ‖w‖b) + 2ε²w,
 *  ∇²F = 2S + γI − 2ε((m₁/‖w‖)ŵŵᵀ + ŵbᵀ + bŵᵀ),   γ = 2ε(m₁/‖w‖ + ε),</pre>
 *
 * with m₂ = wᵀSw − 2cᵀw + ȳ² from {@link SufficientStatistics}: O(d²) per point given b and t,
 * which this class forms from the signs and moves by the rows whose sign flips (O(d) each).
 * Static methods only: the loops over the rows are methods of their own, so the JIT compiles
 * each sweep alone (not the Newton run on the stack).
 */
final class SignPiece {
    private SignPiece() {}

    /**
     * Signs of r into {@code sign}, Σ s_i x_i added to {@code b} and ‖x_i‖ into {@code xnorm}
     * (four partial sums per row: one chain of d additions per row was the sweep's bottleneck);
     * returns Σ s_i y_i. Four rows at a time ({@link #addFourSignedRows}, sixteen addition chains),
     * the same bits as one row at a time. A static method of its own, so the JIT compiles the sweep
     * alone (not the constructor on the stack).
     */
    static double signsAndNorms(
            double[] x, double[] y, double[] r, int n, int d, byte[] sign, double[] b, double[] xnorm) {
        double sumY = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            byte s0 = signOf(r[i]);
            byte s1 = signOf(r[i + 1]);
            byte s2 = signOf(r[i + 2]);
            byte s3 = signOf(r[i + 3]);
            sign[i] = s0;
            sign[i + 1] = s1;
            sign[i + 2] = s2;
            sign[i + 3] = s3;
            sumY += s0 * y[i];
            sumY += s1 * y[i + 1];
            sumY += s2 * y[i + 2];
            sumY += s3 * y[i + 3];
            addFourSignedRows(b, s0, s1, s2, s3, x, i * d, d, xnorm, i);
        }
        for (; i < n; i++) {
            byte s = signOf(r[i]);
            sign[i] = s;
            sumY += s * y[i];
            xnorm[i] = addSignedRow(b, s, x, i * d, d);
        }
        return sumY;
    }

    /** sign r (zero counts as +1). */
    private static byte signOf(double r) {
        return r >= 0 ? (byte) 1 : (byte) -1;
    }

    /**
     * b += s₀x_i + s₁x_{i+1} + s₂x_{i+2} + s₃x_{i+3} entry by entry in row order (the rows from
     * {@code off}, d apart), and the four rows' ‖x‖ into {@code xnorm[at …]}: each row keeps the
     * four partial sums of {@link #addSignedRow}, so b and the norms are those of four calls of
     * it, bit for bit, with each entry of b loaded and stored once instead of four times.
     */
    private static void addFourSignedRows(
            double[] b, byte s0, byte s1, byte s2, byte s3, double[] x, int off, int d, double[] xnorm, int at) {
        double t0 = s0;
        double t1 = s1;
        double t2 = s2;
        double t3 = s3;
        int o1 = off + d;
        int o2 = o1 + d;
        int o3 = o2 + d;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        double u0 = 0;
        double u1 = 0;
        double u2 = 0;
        double u3 = 0;
        double v0 = 0;
        double v1 = 0;
        double v2 = 0;
        double v3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double a0 = x[off + j];
            double a1 = x[off + j + 1];
            double a2 = x[off + j + 2];
            double a3 = x[off + j + 3];
            double c0 = x[o1 + j];
            double c1 = x[o1 + j + 1];
            double c2 = x[o1 + j + 2];
            double c3 = x[o1 + j + 3];
            double e0 = x[o2 + j];
            double e1 = x[o2 + j + 1];
            double e2 = x[o2 + j + 2];
            double e3 = x[o2 + j + 3];
            double g0 = x[o3 + j];
            double g1 = x[o3 + j + 1];
            double g2 = x[o3 + j + 2];
            double g3 = x[o3 + j + 3];
            b[j] = b[j] + t0 * a0 + t1 * c0 + t2 * e0 + t3 * g0;
            b[j + 1] = b[j + 1] + t0 * a1 + t1 * c1 + t2 * e1 + t3 * g1;
            b[j + 2] = b[j + 2] + t0 * a2 + t1 * c2 + t2 * e2 + t3 * g2;
            b[j + 3] = b[j + 3] + t0 * a3 + t1 * c3 + t2 * e3 + t3 * g3;
            p0 += a0 * a0;
            p1 += a1 * a1;
            p2 += a2 * a2;
            p3 += a3 * a3;
            q0 += c0 * c0;
            q1 += c1 * c1;
            q2 += c2 * c2;
            q3 += c3 * c3;
            u0 += e0 * e0;
            u1 += e1 * e1;
            u2 += e2 * e2;
            u3 += e3 * e3;
            v0 += g0 * g0;
            v1 += g1 * g1;
            v2 += g2 * g2;
            v3 += g3 * g3;
        }
        for (; j < d; j++) {
            double a = x[off + j];
            double c = x[o1 + j];
            double e = x[o2 + j];
            double g = x[o3 + j];
            b[j] = b[j] + t0 * a + t1 * c + t2 * e + t3 * g;
            p0 += a * a;
            q0 += c * c;
            u0 += e * e;
            v0 += g * g;
        }
        xnorm[at] = Math.sqrt((p0 + p1) + (p2 + p3));
        xnorm[at + 1] = Math.sqrt((q0 + q1) + (q2 + q3));
        xnorm[at + 2] = Math.sqrt((u0 + u1) + (u2 + u3));
        xnorm[at + 3] = Math.sqrt((v0 + v1) + (v2 + v3));
    }

    /** b += s·x_i (x_i at {@code off}); returns ‖x_i‖ (four partial sums). */
    private static double addSignedRow(double[] b, byte s, double[] x, int off, int d) {
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double v0 = x[off + j];
            double v1 = x[off + j + 1];
            double v2 = x[off + j + 2];
            double v3 = x[off + j + 3];
            b[j] += s * v0;
            b[j + 1] += s * v1;
            b[j + 2] += s * v2;
            b[j + 3] += s * v3;
            q0 += v0 * v0;
            q1 += v1 * v1;
            q2 += v2 * v2;
            q3 += v3 * v3;
        }
        for (; j < d; j++) {
            double v = x[off + j];
            b[j] += s * v;
            q0 += v * v;
        }
        return Math.sqrt((q0 + q1) + (q2 + q3));
    }

    /**
     * F on the sign piece with b, t (class comment): returns F(w) and writes ∇F into {@code grad}
     * and ∇²F (d × d, row-major) into {@code hess} (null: not formed); {@code sw} = Sw. O(d²), no pass over the rows.
     */
    static double objective(
            SufficientStatistics st,
            double eps,
            double[] b,
            double t,
            double[] w,
            double[] sw,
            double[] grad,
            double[] hess) {
        int d = st.d;
        double[] c = st.xty;
        double nw = Math.sqrt(Vectors.dot(w, w));
        double m1 = t - Vectors.dot(b, w);
        double m2 = st.yy;
        for (int j = 0; j < d; j++) {
            m2 += w[j] * (sw[j] - 2 * c[j]);
        }
        for (int j = 0; j < d; j++) {
            grad[j] = 2 * (sw[j] - c[j]) + 2 * eps * (m1 * w[j] / nw - nw * b[j]) + 2 * eps * eps * w[j];
        }
        if (hess != null) {
            hessian(st.gram(), d, w, b, Curvature.at(eps, m1, nw), hess);
        }
        return m2 + 2 * eps * nw * m1 + eps * eps * nw * nw;
    }

    /**
     * The coefficients of ∇²F = 2S + γI − ρwwᵀ − κ(wbᵀ + bwᵀ) at a point (class comment, with
     * ŵ = w/‖w‖): γ = 2ε(m₁/‖w‖ + ε), ρ = 2εm₁/‖w‖³, κ = 2ε/‖w‖.
     */
    record Curvature(double gamma, double rho, double kappa) {
        /** At radius ε, m₁ = t − bᵀw and ‖w‖ = {@code nw}. */
        static Curvature at(double eps, double m1, double nw) {
            return new Curvature(2 * eps * (m1 / nw + eps), 2 * eps * m1 / (nw * nw * nw), 2 * eps / nw);
        }
    }

    /** ∇²F = 2S + γI − ρwwᵀ − κ(wbᵀ + bwᵀ) into {@code hess} (d × d, row-major; class comment). */
    static void hessian(double[] s, int d, double[] w, double[] b, Curvature c, double[] hess) {
        double gamma = c.gamma();
        double rho = c.rho();
        double kappa = c.kappa();
        for (int j = 0; j < d; j++) {
            int off = j * d;
            double wj = w[j];
            double bj = b[j];
            for (int k = 0; k < d; k++) {
                hess[off + k] = 2 * s[off + k] - rho * wj * w[k] - kappa * (wj * b[k] + bj * w[k]);
            }
            hess[off + j] += gamma;
        }
    }

    /**
     * r −= τz over the m explicit rows; the rows whose residual changed sign (held rows, sign 0,
     * zeros and {@code hold} never count) take the new sign, b moves by 2s_i x_i/n; returns the
     * change of n·t (Σ 2s_i y_i). Static, so the JIT compiles these sweeps apart from the run.
     */
    static double flipSigns(
            double step,
            double[] z,
            int hold,
            double[] r,
            byte[] sign,
            double[] b,
            double[] x,
            double[] y,
            int m,
            int d,
            int n,
            double[] row) {
        for (int i = 0; i < m; i++) {
            r[i] -= step * z[i];
        }
        double dt = 0;
        for (int i = 0; i < m; i++) {
            double ri = r[i];
            byte old = sign[i];
            if (ri * old < 0 && i != hold) {
                byte now = (byte) -old;
                sign[i] = now;
                GramKernel.addScaledRow(b, 2.0 * now / n, x, i * d, row);
                dt += 2.0 * now * y[i];
            }
        }
        return dt;
    }
}
