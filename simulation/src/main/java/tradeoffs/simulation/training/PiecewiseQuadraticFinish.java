package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * The exact finish of the ℓ∞ attack (q = 1, N = ‖w‖₁) as an active-set method on the pieces of F
 * (docs/math.md §6.3). Fix a pattern: rows H of U held at r_i = 0, coordinates Z held at w_j = 0,
 * and the signs σ_i of the other residuals and τ_j of the other coordinates. On the affine set
 * {r_H = 0, w_Z = 0} F then equals the quadratic
 *
 * <pre>  F_P(w) = (1/n) Σ_i (σ_i r_i + ε τᵀw)²,</pre>
 *
 * whose minimiser one Newton step reaches ({@link PatternStep}: the range-space KKT step with the
 * held rows and zero coordinates as constraints, from the factor of S by a rank-two update, no
 * factorisation of its own). Along the step w + tΔ, F
 * is convex and piecewise quadratic in t, with a kink where a residual of U or a coordinate
 * crosses zero; the line search minimises it exactly by walking the kinks in order, keeping
 * (with σ, τ) the sums over all rows that give each piece's slope (2/n)(B + Ct):
 *
 * <pre>  B = a₁Σσr − Σrc + n a₀a₁ − a₀Σσc,   C = n a₁² − 2a₁Σσc + Σc²,</pre>
 *
 * c_i = x_iᵀΔ, a₀ + a₁t = ε τᵀ(w + tΔ), Σrc = nΔᵀ(Xᵀy/n − Sw) and Σc² = nΔᵀSΔ over all rows, the
 * rows of G with their class signs ({@link SignClasses}: Σ_G s r = t₀ − vᵀw, Σ_G s c = vᵀΔ). When
 * the minimum along the step lies on a kink, that residual joins H (or that coordinate Z); when
 * the whole step is taken without a kink the point minimises F_P: the step's multipliers give the
 * dual signs of H and the subgradients of Z ({@link #releaseByMultipliers}); the rows and
 * coordinates whose values leave [−1, 1] are released, and when none does the certificate
 * ({@link DualCertificate#certify}) proves the point optimal or names violators of its own
 * ({@link #release}). A released row keeps the sign its dual value gives it until the next step
 * moves it off zero; a released row or coordinate that the next step would move to the other side
 * is held again, and the release after that frees the worst violator alone (docs/math.md §6.3).
 * [derived]
 *
 * <p>Each iteration costs one evaluation over U and O(d²) with the factor of S, and the
 * iterations do not backtrack at the kinks: smoothed Newton at small
 * widths took damped steps of length 2⁻³–2⁻⁷ there (benchmarks/results/fslinf2.md). Started from
 * a smoothed answer, with Z its coordinates within 3ν of zero and H its residuals in the Huber band
 * of width μ. Returns null when it cannot start or stalls; the caller then uses
 * {@link ExactFinish}.
 */
final class PiecewiseQuadraticFinish {
    /** Iterations at most (each one Newton step). */
    private static final int MAX_ITERATIONS = 40;
    /** A solved dual sign or subgradient within this of [−1, 1] counts as inside. */
    private static final double INSIDE = 1e-9;

    private PiecewiseQuadraticFinish() {}

    /**
     * The finish from the smoothed answer {@code wSmooth} of widths μ, ν: the first certified fit,
     * or the best one found (null if none).
     */
    static EmpiricalFit finish(FitRun run, double[] wSmooth, double mu, double nu) {
        return finish(run, wSmooth, mu, nu, MAX_ITERATIONS);
    }

    /** As {@link #finish(FitRun, double[], double, double)}, with at most {@code maxIterations} iterations. */
    static EmpiricalFit finish(FitRun run, double[] wSmooth, double mu, double nu, int maxIterations) {
        int d = run.stats.d;
        double[] w = wSmooth.clone();
        boolean[] zero = new boolean[d];
        double[] tau = new double[d];
        int nz = 0;
        for (int j = 0; j < d; j++) {
            zero[j] = Math.abs(w[j]) <= 3 * nu;
            if (zero[j]) {
                w[j] = 0;
                nz++;
            } else {
                tau[j] = w[j] > 0 ? 1 : -1;
            }
        }
        if (nz == d) {
            return null;
        }
        SignClasses c = run.classes;
        run.visit(c.m);
        double[] r0 = SmoothedObjective.residuals(c.x, c.y, c.m, d, wSmooth, run.residuals);
        int[] held = new int[0];
        for (int i = 0; i < c.m; i++) {
            if (Math.abs(r0[i]) < mu) {
                held = Arrays.copyOf(held, held.length + 1);
                held[held.length - 1] = i;
            }
        }
        if (held.length >= d - nz) {
            held = new int[0];
        }
        double[] start = ontoHeldRows(run, w, zero, held);
        if (start == null) {
            held = new int[0];
        } else {
            w = start;
        }
        EmpiricalFit best = null;
        // rows released from H at the last certificate, with the sign their dual value gives them
        // (+1/−1; 0: not released): their residual is zero to round-off, so sign(r) says nothing
        byte[] released = new byte[c.m];
        boolean single = false;
        PatternStep pattern = new PatternStep(run.stats, c);
        for (int it = 0; it < maxIterations; it++) {
            Step step = step(run, w, zero, tau, held, released, pattern);
            Arrays.fill(released, (byte) 0);
            if (step == null) {
                return best;
            }
            w = step.w;
            // a free coordinate that the line search carried across zero (a kink it walked past)
            // changes its sign in F_P: τ_j = sign(w_j), else the next step's gradient and K use
            // the sign it had before the crossing and the step is no descent direction for F
            for (int j = 0; j < d; j++) {
                if (!zero[j] && w[j] != 0) {
                    tau[j] = w[j] > 0 ? 1 : -1;
                }
            }
            if (step.backRows != null) {
                // released elements the step would move to the wrong side: back into the pattern,
                // and the next release frees one element only
                held = Arrays.copyOf(held, held.length + step.backRows.length);
                System.arraycopy(step.backRows, 0, held, held.length - step.backRows.length, step.backRows.length);
                for (int j : step.backCoordinates) {
                    w[j] = 0;
                    zero[j] = true;
                    tau[j] = 0;
                }
                single = true;
                continue;
            }
            if (step.kinkRow >= 0) {
                held = Arrays.copyOf(held, held.length + 1);
                held[held.length - 1] = step.kinkRow;
                continue;
            }
            if (step.kinkCoordinate >= 0) {
                int j = step.kinkCoordinate;
                w[j] = 0;
                zero[j] = true;
                tau[j] = 0;
                continue;
            }
            if (!step.interior) {
                continue;
            }
            // the minimiser of F_P: release the violators of the multipliers of its KKT step, or
            // certify it and release the violators of the certificate's solved dual signs
            if (pattern.lambda != null && step.lambda) {
                int[] kept = releaseByMultipliers(run, w, held, zero, tau, released, pattern.lambda, pattern.heldSigns);
                if (kept != null) {
                    held = kept;
                    continue;
                }
            }
            EmpiricalFit fit = DualCertificate.certify(run, w, 0.0, new NormTerm.Linear(tau.clone()), held);
            best = ExactFinish.better(best, fit);
            if (fit.certified()) {
                return fit;
            }
            int[] kept = release(run, held, zero, tau, released, single);
            single = false;
            if (kept == null) {
                return best; // nothing violated and still not certified: leave it to the caller
            }
            held = kept;
        }
        return best;
    }

    /**
     * After a certificate that failed: every held row whose solved dual sign leaves [−1, 1] is
     * dropped and every zero coordinate whose solved subgradient g_j leaves it is freed, with the
     * sign of g_j (the side to which F decreases; docs/math.md §6.3). All at once, not only the
     * worst: a smoothed answer at n = 10⁵ has rows in its Huber band by chance (about 2nμ times
     * the residuals' density at 0), and dropping them one by one took two iterations each
     * (n = 10⁵, d = 20, ε = 0.05 of the threshold: 40 iterations without a certificate; 14 all at
     * once). Returns the held rows that stay, or null if nothing was released.
     */
    private static int[] release(
            FitRun run, int[] held, boolean[] zero, double[] tau, byte[] released, boolean single) {
        double[] signs = run.lastBandSigns;
        double[] sub = run.lastFreeSubgradient;
        if (single) {
            // only the worst violator
            int worstRow = -1;
            int worstCoordinate = -1;
            double worst = 1 + INSIDE;
            for (int h = 0; signs != null && h < held.length; h++) {
                if (Math.abs(signs[h]) > worst) {
                    worst = Math.abs(signs[h]);
                    worstRow = h;
                }
            }
            for (int j = 0; sub != null && j < zero.length; j++) {
                if (zero[j] && !Double.isNaN(sub[j]) && Math.abs(sub[j]) > worst) {
                    worst = Math.abs(sub[j]);
                    worstCoordinate = j;
                }
            }
            if (worstCoordinate >= 0) {
                zero[worstCoordinate] = false;
                tau[worstCoordinate] = sub[worstCoordinate] > 0 ? 1 : -1;
                return held;
            }
            if (worstRow < 0) {
                return null;
            }
            released[held[worstRow]] = (byte) (signs[worstRow] > 0 ? 1 : -1);
            int[] kept = new int[held.length - 1];
            for (int h = 0, o = 0; h < held.length; h++) {
                if (h != worstRow) {
                    kept[o++] = held[h];
                }
            }
            return kept;
        }
        boolean any = false;
        int[] kept = new int[held.length];
        int nk = 0;
        for (int h = 0; h < held.length; h++) {
            if (signs != null && Math.abs(signs[h]) > 1 + INSIDE) {
                any = true;
                released[held[h]] = (byte) (signs[h] > 0 ? 1 : -1);
            } else {
                kept[nk++] = held[h];
            }
        }
        for (int j = 0; sub != null && j < zero.length; j++) {
            if (zero[j] && !Double.isNaN(sub[j]) && Math.abs(sub[j]) > 1 + INSIDE) {
                zero[j] = false;
                tau[j] = sub[j] > 0 ? 1 : -1;
                any = true;
            }
        }
        return any ? Arrays.copyOf(kept, nk) : null;
    }

    /**
     * The dual signs and zero-coordinate subgradients that the multipliers λ of the KKT step give
     * at the minimiser w of F_P (docs/math.md §6.3, [derived]): F's subgradient there is F_P's
     * gradient plus (2/n) α_h (σ_h − s_h) x_h for the held rows (α_h = a = ε τᵀw, σ_h the sign
     * F_P gave the row) and 2εᾱ ξ_j e_j for the zero coordinates, so g + Aᵀλ = 0 gives
     *
     * <pre>  s_h = σ_h − n λ_h / (2a),   ξ_j = λ_j / (2εᾱ),   ᾱ = (1/n) Σ_i (|r_i| + a).</pre>
     *
     * Releases (as {@link #release}, all at once) every row with |s_h| &gt; 1 and coordinate with
     * |ξ_j| &gt; 1; returns the held rows that stay, or null if none violates (then the
     * certificate decides).
     */
    private static int[] releaseByMultipliers(
            FitRun run,
            double[] w,
            int[] held,
            boolean[] zero,
            double[] tau,
            byte[] released,
            double[] lambda,
            double[] heldSigns) {
        SufficientStatistics st = run.stats;
        SignClasses cl = run.classes;
        int n = st.n;
        int d = st.d;
        double eps = run.eps;
        double a = 0;
        for (int j = 0; j < d; j++) {
            a += tau[j] * w[j];
        }
        a *= eps;
        int nz = 0;
        for (boolean b : zero) {
            if (b) {
                nz++;
            }
        }
        if (lambda.length != nz + held.length || !(a > 0)) {
            return null;
        }
        run.visit(cl.m);
        double[] r = SmoothedObjective.residuals(cl.x, cl.y, cl.m, d, w, run.residuals);
        double sumAbs = cl.t0 - tradeoffs.theory.optim.Vectors.dot(cl.v, w);
        for (int i = 0; i < cl.m; i++) {
            sumAbs += Math.abs(r[i]);
        }
        double meanAlpha = sumAbs / n + a;
        boolean any = false;
        int c = 0;
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                double xi = lambda[c++] / (2 * eps * meanAlpha);
                if (Math.abs(xi) > 1 + INSIDE) {
                    zero[j] = false;
                    tau[j] = xi > 0 ? 1 : -1;
                    any = true;
                }
            }
        }
        int[] kept = new int[held.length];
        int nk = 0;
        for (int h = 0; h < held.length; h++) {
            double s = heldSigns[h] - n * lambda[nz + h] / (2 * a);
            if (Math.abs(s) > 1 + INSIDE) {
                released[held[h]] = (byte) (s > 0 ? 1 : -1);
                any = true;
            } else {
                kept[nk++] = held[h];
            }
        }
        return any ? Arrays.copyOf(kept, nk) : null;
    }

    /** The outcome of one iteration: the new point, and the kink it stopped on (−1: none). */
    private record Step(
            double[] w,
            int kinkRow,
            int kinkCoordinate,
            boolean interior,
            int[] backRows,
            int[] backCoordinates,
            boolean lambda) {
        Step(double[] w, int kinkRow, int kinkCoordinate, boolean interior) {
            this(w, kinkRow, kinkCoordinate, interior, null, null, false);
        }
    }

    /**
     * One Newton step on the current pattern ({@link PatternStep}) with the exact line search
     * along it; null when the system cannot be solved.
     */
    private static Step step(
            FitRun run, double[] w, boolean[] zero, double[] tau, int[] held, byte[] released, PatternStep pattern) {
        SufficientStatistics st = run.stats;
        SignClasses cl = run.classes;
        int n = st.n;
        int d = st.d;
        int m = cl.m;
        double eps = run.eps;
        int free = 0;
        for (boolean z : zero) {
            if (!z) {
                free++;
            }
        }
        if (held.length >= free) {
            // the held rows fix w on the free coordinates: certify it as it is
            return held.length == free ? new Step(w, -1, -1, true) : null;
        }
        run.steps++;
        // F_P's gradient (class comment) with the pattern's signs: sign(r_i), or the released sign
        // for a row just released from H; p and u of PatternStep
        run.visit(m);
        double[] r = SmoothedObjective.residuals(cl.x, cl.y, m, d, w, run.residuals);
        double[] u = cl.v.clone();
        double sr = cl.t0 - tradeoffs.theory.optim.Vectors.dot(cl.v, w);
        double[] signs = new double[m];
        for (int i = 0; i < m; i++) {
            double ri = r[i];
            double s = released[i] != 0 ? released[i] : ri >= 0 ? 1 : -1;
            sr += s * ri;
            signs[i] = s;
        }
        // u += Σ s_i x_i row after row, four rows at a time (the same sums as one row at a time)
        GramKernel.addScaledBlock(
                u,
                signs,
                null,
                null,
                null,
                null,
                cl.x,
                0,
                m,
                d >= GramKernel.ROW_BUFFER_MIN_D_PASS ? new double[4][d] : null);
        double a = 0;
        for (int j = 0; j < d; j++) {
            a += tau[j] * w[j];
        }
        a *= eps;
        double meanAlpha = (sr + n * a) / n;
        double[] sw = st.gramTimes(w);
        double[] g = new double[d];
        double[] p = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] /= n;
            double e = eps * tau[j];
            p[j] = e - u[j];
            g[j] = -2 * (st.xty[j] - sw[j]) - 2 * a * u[j] + 2 * meanAlpha * e;
        }
        double[] delta = new double[d];
        pattern.heldSigns = new double[held.length];
        for (int h = 0; h < held.length; h++) {
            pattern.heldSigns[h] = released[held[h]] != 0 ? released[held[h]] : r[held[h]] >= 0 ? 1 : -1;
        }
        if (!pattern.direction(g, p, u, w, a, meanAlpha, eps, tau, zero, held, delta)) {
            return null;
        }
        double slope = tradeoffs.theory.optim.Vectors.dot(g, delta);
        if (!(slope < 0)) {
            // no descent: w minimises F_P (to round-off), the multipliers hold at w
            return new Step(w, -1, -1, true, null, null, true);
        }
        return lineSearch(run, w, sw, delta, zero, tau, held, released);
    }

    /**
     * The exact minimisation of F along w + tΔ, t &gt; 0 (class comment), from the residuals of U
     * at w that the last evaluation left in the run; null when F does not decrease along Δ.
     */
    private static Step lineSearch(
            FitRun run,
            double[] w,
            double[] sw,
            double[] delta,
            boolean[] zero,
            double[] tau,
            int[] held,
            byte[] released) {
        SufficientStatistics st = run.stats;
        SignClasses cl = run.classes;
        int n = st.n;
        int d = st.d;
        int m = cl.m;
        double eps = run.eps;
        double[] r = run.residuals;
        boolean[] isHeld = new boolean[m];
        for (int h : held) {
            isHeld[h] = true;
        }
        // the sums over all rows (those of G through the classes' sums); sw = S·w from the step
        double[] sd = st.gramTimes(delta);
        double sumRc = 0;
        double sumCc = 0;
        double sumSr = cl.t0;
        double sumSc = 0;
        for (int j = 0; j < d; j++) {
            sumRc += delta[j] * (st.xty[j] - sw[j]);
            sumCc += delta[j] * sd[j];
            sumSr -= cl.v[j] * w[j];
            sumSc += cl.v[j] * delta[j];
        }
        sumRc *= n;
        sumCc *= n;
        // kinks: residuals of U (not held) and free coordinates crossing zero
        double[] kinkT = new double[m + d];
        int[] kinkId = new int[m + d];
        int kinks = 0;
        // c_i = x_iᵀΔ for every row of U, four rows at a time (the same sums as one dot per row)
        double[] ci = new double[m];
        SmoothedObjective.dots(cl.x, 0, m, d, delta, ci);
        double[] sigma = new double[m];
        for (int i = 0; i < m; i++) {
            if (isHeld[i]) {
                ci[i] = 0;
                continue;
            }
            double cc = ci[i];
            double ri = r[i];
            // a row at zero (exactly, or just released from H) takes the side the step moves it to
            boolean atZero = ri == 0 || released[i] != 0;
            double s = atZero ? (cc > 0 ? -1 : 1) : ri > 0 ? 1 : -1;
            sigma[i] = s;
            sumSr += s * ri;
            sumSc += s * cc;
            if (!atZero && cc != 0 && ri / cc > 0) {
                kinkT[kinks] = ri / cc;
                kinkId[kinks++] = i;
            }
        }
        double a0 = 0;
        double a1 = 0;
        double[] sign = new double[d];
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                continue;
            }
            double s = w[j] > 0 ? 1 : w[j] < 0 ? -1 : (delta[j] >= 0 ? 1 : -1);
            sign[j] = s;
            a0 += eps * s * w[j];
            a1 += eps * s * delta[j];
            if (delta[j] != 0 && -w[j] / delta[j] > 0) {
                kinkT[kinks] = -w[j] / delta[j];
                kinkId[kinks++] = m + j;
            }
        }
        int[] backRows = new int[0];
        int[] backCoordinates = new int[0];
        for (int i = 0; i < m; i++) {
            if (released[i] != 0 && !isHeld[i] && sigma[i] != released[i] && ci[i] != 0) {
                backRows = Arrays.copyOf(backRows, backRows.length + 1);
                backRows[backRows.length - 1] = i;
            }
        }
        for (int j = 0; j < d; j++) {
            if (!zero[j] && w[j] == 0 && sign[j] != tau[j] && delta[j] != 0) {
                backCoordinates = Arrays.copyOf(backCoordinates, backCoordinates.length + 1);
                backCoordinates[backCoordinates.length - 1] = j;
            }
        }
        if (backRows.length + backCoordinates.length > 0) {
            return new Step(w, -1, -1, false, backRows, backCoordinates, false);
        }
        KinkOrder order = new KinkOrder(kinkT, kinks);
        if (kinks == 0 || order.peek() > 1) {
            // no kink before the Newton point: F = F_P on the whole step
            return new Step(move(w, delta, 1.0), -1, -1, true, null, null, true);
        }
        double t = 0;
        int lastKink = -1;
        for (int e = 0; e <= kinks; e++) {
            double b = a1 * sumSr - sumRc + n * a0 * a1 - a0 * sumSc;
            double cq = n * a1 * a1 - 2 * a1 * sumSc + sumCc;
            if (!(cq > 0)) {
                return null;
            }
            int next = e < kinks ? order.poll() : -1;
            double end = next >= 0 ? kinkT[next] : Double.POSITIVE_INFINITY;
            if (b + cq * end >= 0) {
                // the minimum is in this piece, or on the kink that began it
                double tStar = -b / cq;
                if (tStar > t) {
                    return new Step(move(w, delta, tStar), -1, -1, false);
                }
                if (lastKink < 0) {
                    // F does not decrease along Δ: w minimises F_P already (to round-off)
                    return new Step(w, -1, -1, true);
                }
                double[] at = move(w, delta, t);
                return lastKink < m ? new Step(at, lastKink, -1, false) : new Step(at, -1, lastKink - m, false);
            }
            // cross the kink: flip its sign in the sums
            int id = kinkId[next];
            t = end;
            lastKink = id;
            if (id < m) {
                double s = sigma[id];
                sumSr -= 2 * s * r[id];
                sumSc -= 2 * s * ci[id];
                sigma[id] = -s;
            } else {
                int j = id - m;
                double s = sign[j];
                a0 -= 2 * eps * s * w[j];
                a1 -= 2 * eps * s * delta[j];
                sign[j] = -s;
            }
        }
        return null;
    }

    private static double[] move(double[] w, double[] delta, double t) {
        double[] out = w.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += t * delta[j];
        }
        return out;
    }

    /**
     * w shifted on its free coordinates by the least-norm Δ with x_iᵀ(w + Δ) = y_i for the held
     * rows: Δ = Aᵀ(AAᵀ)⁻¹(y_H − A w); null if AAᵀ cannot be factored.
     */
    private static double[] ontoHeldRows(FitRun run, double[] w, boolean[] zero, int[] held) {
        if (held.length == 0) {
            return w;
        }
        int d = run.stats.d;
        SignClasses c = run.classes;
        int h = held.length;
        double[][] a = new double[h][d];
        double[] g = new double[h];
        for (int b = 0; b < h; b++) {
            int off = held[b] * d;
            for (int j = 0; j < d; j++) {
                a[b][j] = zero[j] ? 0 : c.x[off + j];
            }
            g[b] = -(c.y[held[b]] - SmoothedObjective.dot(c.x, off, w, d));
        }
        NewtonSystem aat = new NewtonSystem(h);
        for (int p = 0; p < h; p++) {
            for (int q = 0; q < h; q++) {
                aat.hessian[p * h + q] = tradeoffs.theory.optim.Vectors.dot(a[p], a[q]);
            }
        }
        double[] mult = new double[h];
        if (!aat.direction(g, mult)) {
            return null;
        }
        double[] out = w.clone();
        for (int b = 0; b < h; b++) {
            for (int j = 0; j < d; j++) {
                out[j] += mult[b] * a[b][j];
            }
        }
        return out;
    }
}
