package tradeoffs.simulation.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import tradeoffs.theory.norm.LpNorm;

/**
 * The exact finish of a finite-sample fit (docs/math.md §6.3).
 * From a smoothed answer, F is minimised exactly on the set where the residuals in the Huber band
 * are held at zero and the norm stays on the face the smoothed answer is near (zero coordinates
 * for q = 1, tied maximal coordinates for q = ∞): there F is smooth (piecewise quadratic for
 * q ∈ {1, ∞}) and Newton on the affine set converges in a few steps. An active set updates the
 * held residuals (drop those whose solved dual sign leaves [−1, 1], add the smallest free one)
 * and, for q = 1, the zero coordinates (free those whose solved subgradient leaves [−1, 1], fix
 * those that change sign). This makes the sparsity (ℓ∞ attack: w_s = 0) and the ties (ℓ1 attack:
 * |w_c| = |w_s|) exact, and the certificate tight. Whether a guessed set is right is decided by
 * the {@link DualCertificate}, not here.
 */
final class ExactFinish {
    /**
     * The exact finish runs to round-off: the dual gap is first order in ‖∇F‖ while the decrement
     * is second order; Newton is quadratic there, so this costs one or two extra passes.
     */
    private static final double EXACT_STOP = 1e-24;

    private static final int MAX_NEWTON_EXACT = 6;
    /** How many changes of the held zero residuals (and zero coordinates) the finish may try. */
    private static final int MAX_ACTIVE_SET_CHANGES = 3;
    /**
     * The ℓ2 finish holds its rows by the range-space method (no null-space basis) while at most
     * d / this many rows are held: h + 1 solves per step against O(d³) once per set of rows; with
     * more rows, or none, the null-space route stays.
     */
    private static final int RANGE_SPACE_MAX_HELD = 2;
    /** Coordinates below this fraction of ‖w‖∞ are tried at exactly 0 (ℓ∞ attack). */
    private static final double ZERO_SNAP = 1e-7;

    private ExactFinish() {}

    /**
     * Exact zeros for the ℓ∞ attack (q = 1): coordinates of a fit with |w_j| ≤ 1e-7‖w‖∞ are set to
     * 0 and F is minimised again on that face of ‖·‖₁ (residuals held by the active set, band
     * width μ); the result replaces the fit only if its own certificate reaches the tolerance.
     * A certified fit that keeps a coordinate of 1e-11 where the optimum has 0 is within the gap
     * of the optimum but not the answer a user reads for sparsity.
     */
    static EmpiricalFit exactZeros(FitRun run, EmpiricalFit fit, double mu) {
        if (run.q != 1 || fit == null) {
            return fit;
        }
        double[] w = fit.w();
        double m = LpNorm.LINF.norm(w);
        boolean[] zero = new boolean[w.length];
        boolean snapped = false;
        int nz = 0;
        for (int j = 0; j < w.length; j++) {
            if (w[j] != 0 && Math.abs(w[j]) <= ZERO_SNAP * m) {
                snapped = true;
            }
            zero[j] = Math.abs(w[j]) <= ZERO_SNAP * m;
            nz += zero[j] ? 1 : 0;
        }
        if (!snapped || nz == w.length) {
            return fit;
        }
        Face face = l1Face(w, zero);
        EmpiricalFit exact =
                residualActiveSet(run, face, w, mu, Integer.MAX_VALUE, false).best();
        if (exact != null && exact.certified()) {
            return exact;
        }
        // the snapped point itself, its near-zero residuals' signs solved from stationarity
        int[] band = inBand(run, face.start, mu, Integer.MAX_VALUE);
        EmpiricalFit plain = DualCertificate.certify(run, face.start, 0.0, face.term, band);
        return plain.certified() ? plain : fit;
    }

    /** The fit with the smaller gap (either may be null). */
    static EmpiricalFit better(EmpiricalFit a, EmpiricalFit b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.gap() < a.gap() ? b : a;
    }

    /**
     * The exact finish: F is smooth on the set where the residuals inside the Huber band are
     * zero and the norm stays on one face (zeros for q = 1, ties for q = ∞), and piecewise
     * quadratic there for q ∈ {1, ∞}. Newton on that affine set (μ = 0), then a certificate
     * whose dual signs for the zero residuals are solved from the stationarity condition.
     * Null when the identified set is degenerate.
     */
    static EmpiricalFit endgame(FitRun run, double[] wSmooth, double mu, double nu) {
        return endgame(run, wSmooth, mu, nu, Integer.MAX_VALUE);
    }

    /**
     * As {@link #endgame(FitRun, double[], double, double)}, solving at most {@code activeSets}
     * sets of held residuals on each face (1: the band's residuals only, no changes).
     */
    static EmpiricalFit endgame(FitRun run, double[] wSmooth, double mu, double nu, int activeSets) {
        double q = run.q;
        EmpiricalFit fit = endgameOnFace(run, wSmooth, mu, q == 1 ? 3 * nu : 10 * nu, activeSets);
        if (q == Double.POSITIVE_INFINITY && (fit == null || !fit.certified())) {
            // soft-max smoothing can leave tied entries several ν apart: try a wider tie window
            fit = better(fit, endgameOnFace(run, wSmooth, mu, 100 * nu, activeSets));
        }
        return fit;
    }

    private static EmpiricalFit endgameOnFace(
            FitRun run, double[] wSmooth, double mu, double faceThreshold, int activeSets) {
        int d = run.stats.d;
        double q = run.q;
        Face face =
                q == 2 ? new Face(wSmooth.clone(), identity(d), new NormTerm.L2()) : face(wSmooth, q, faceThreshold);
        if (face == null) {
            // no zero (q = 1) or tie (q = ∞): the norm is linear near w
            face = new Face(wSmooth.clone(), identity(d), new NormTerm.Linear(localGradient(wSmooth, q)));
        }
        // ℓ∞ attack (q = 1): the zero set of w is updated as soon as a solve on the face shows it
        // wrong, by the solved subgradient of the zero coordinates (|g_j| > 1: free it) and sign
        // changes of the others (crossed zero: fix it), before the held residuals are changed:
        // on a wrong face the solved dual signs of the held residuals are not informative either
        // (n = 10³, d = 100, ε = 0.05 of the threshold: one coordinate 1.1·3ν from zero crossed it,
        // and seven sets of held residuals, 36 Newton steps, were tried on the wrong face first).
        EmpiricalFit best = null;
        double[] start = wSmooth;
        for (int change = 0; ; change++) {
            Outcome o = residualActiveSet(run, face, start, mu, activeSets, q == 1 && change < MAX_ACTIVE_SET_CHANGES);
            best = better(best, o.best);
            if (o.nextZeros == null || (best != null && best.certified())) {
                return best;
            }
            face = l1Face(o.at, o.nextZeros, o.subgradient);
            start = o.at;
        }
    }

    /**
     * What an active-set run on one face gave: the best fit, and (when face changes were allowed
     * and a solve showed the face wrong) the zero set to try next, from the solution {@code at}.
     */
    private record Outcome(EmpiricalFit best, boolean[] nextZeros, double[] at, double[] subgradient) {
        Outcome(EmpiricalFit best) {
            this(best, null, null, null);
        }
    }

    /**
     * The zero set of w that the solve at w says to try next (q = 1), or null if it is the
     * face's own or would make every coordinate zero: a zero coordinate whose solved subgradient
     * g_j has |g_j| > 1 is freed, a nonzero one whose sign differs from the face's is fixed at 0.
     */
    private static boolean[] nextZeros(double[] faceSigns, double[] w, double[] g) {
        int d = w.length;
        boolean[] zero = new boolean[d];
        boolean changed = false;
        int nz = 0;
        for (int j = 0; j < d; j++) {
            boolean wasZero = faceSigns[j] == 0;
            if (wasZero) {
                zero[j] = g == null || Double.isNaN(g[j]) || Math.abs(g[j]) <= 1 + 1e-9;
            } else {
                zero[j] = w[j] * faceSigns[j] <= 0;
            }
            changed |= zero[j] != wasZero;
            nz += zero[j] ? 1 : 0;
        }
        return changed && nz < d ? zero : null;
    }

    /**
     * The active set of held residuals on one face (up to {@code activeSets} sets). With
     * {@code faceChanges} (q = 1), stops at the first solve whose {@link #nextZeros} differ from
     * the face's.
     */
    private static Outcome residualActiveSet(
            FitRun run, Face face, double[] wSmooth, double mu, int activeSets, boolean faceChanges) {
        int d = run.stats.d;
        int k = face.basis.length / d;
        // Residuals that are zero at the optimum sit inside the band |r| < μ of the smoothed
        // answer when it is converged. When the face fixed some coordinates, first re-solve the
        // smoothed problem on the face so the band belongs to it.
        double[] onFace = wSmooth;
        if (k < d) {
            onFace = NewtonOnFace.newton(
                    run,
                    face.start,
                    face.basis,
                    mu,
                    face.term,
                    SmoothingStages.SMOOTH_STOP,
                    SmoothingStages.MAX_NEWTON_PER_STAGE);
            face = new Face(onFace, face.basis, face.term);
        }
        int[] band = inBand(run, onFace, mu, k);
        if (band == null) {
            // more residuals in the band than the face has dimensions: hold the smallest ones
            band = smallestResiduals(run, onFace, k);
        }
        // Active-set iteration on the held residuals: drop those whose solved dual sign is
        // outside [−1, 1] (not zero at the optimum), else hold the smallest free residual.
        int[] held = band;
        Set<Integer> dropped = new HashSet<>();
        EmpiricalFit best = null;
        for (int iter = 0;
                iter <= MAX_ACTIVE_SET_CHANGES + Math.min(k, MAX_ACTIVE_SET_CHANGES) && iter < activeSets;
                iter++) {
            EmpiricalFit fit = solveOnFace(run, face, held);
            if (fit == null) {
                break;
            }
            best = better(best, fit);
            if (best.certified()) {
                return new Outcome(best);
            }
            if (faceChanges) {
                boolean[] zeros = nextZeros(((NormTerm.Linear) face.term).g, fit.w(), run.lastFreeSubgradient);
                if (zeros != null) {
                    return new Outcome(best, zeros, fit.w(), run.lastFreeSubgradient);
                }
            }
            double[] signs = run.lastBandSigns;
            int[] kept = new int[held.length];
            int nk = 0;
            for (int h = 0; h < held.length; h++) {
                if (signs == null || Math.abs(signs[h]) <= 1 + 1e-9) {
                    kept[nk++] = held[h];
                } else {
                    dropped.add(held[h]);
                }
            }
            if (nk < held.length) {
                held = Arrays.copyOf(kept, nk);
                continue;
            }
            if (held.length >= k) {
                break;
            }
            // Newton stalls at the kinks it runs into: hold every free residual inside the band at
            // once, or else the smallest one.
            List<Integer> add = new ArrayList<>();
            int[] near = inBand(run, fit.w(), mu, Integer.MAX_VALUE);
            for (int cand : near) {
                if (!contains(held, cand) && !dropped.contains(cand) && held.length + add.size() < k) {
                    add.add(cand);
                }
            }
            if (add.isEmpty()) {
                for (int cand : smallestResiduals(run, fit.w(), held.length + dropped.size() + 1)) {
                    if (!contains(held, cand) && !dropped.contains(cand)) {
                        add.add(cand);
                        break;
                    }
                }
            }
            if (add.isEmpty()) {
                break;
            }
            int old = held.length;
            held = Arrays.copyOf(held, old + add.size());
            for (int c = 0; c < add.size(); c++) {
                held[old + c] = add.get(c);
            }
        }
        return new Outcome(best);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rows of U (positions in U) with |r| < μ; null if more than {@code max}. The rows of G are
     * outside the band by construction (their |r| exceeded the classes' threshold, which is above
     * μ, and the final check confirms they kept their sign).
     */
    private static int[] inBand(FitRun run, double[] w, double mu, int max) {
        SignClasses c = run.classes;
        int n = c.m;
        run.visit(n);
        double[] r = SmoothedObjective.residuals(c.x, c.y, n, run.stats.d, w, run.residuals);
        int[] out = new int[16];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(r[i]) < mu) {
                if (count >= max) {
                    return null;
                }
                if (count == out.length) {
                    out = Arrays.copyOf(out, 2 * count);
                }
                out[count++] = i;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Exact Newton on {w on the face : r_k(w) = 0 for the rows k of U in band}, then the certificate. */
    private static EmpiricalFit solveOnFace(FitRun run, Face face, int[] band) {
        int d = run.stats.d;
        double[] x = run.classes.x;
        double[] y = run.classes.y;
        int k = face.basis.length / d;
        double[] start = face.start.clone();
        double[] basis = face.basis;
        if (run.q == 2 && band.length > 0 && RANGE_SPACE_MAX_HELD * band.length <= d) {
            // ℓ2: the face is all of ℝ^d; hold the rows by the range-space method, no null-space basis
            double[][] held = new double[band.length][];
            double[] rhs = new double[band.length];
            for (int b = 0; b < band.length; b++) {
                held[b] = Arrays.copyOfRange(x, band[b] * d, band[b] * d + d);
                rhs[b] = y[band[b]] - dotRow(held[b], start);
            }
            // the least-norm shift onto {x_bᵀw = y_b}: Aᵀ(AAᵀ)⁻¹(y − A start)
            NewtonSystem aat = new NewtonSystem(band.length);
            for (int a = 0; a < band.length; a++) {
                for (int b = 0; b < band.length; b++) {
                    aat.hessian[a * band.length + b] = dotRow(held[a], held[b]);
                }
            }
            double[] mult = new double[band.length];
            double[] negRhs = new double[band.length];
            for (int b = 0; b < band.length; b++) {
                negRhs[b] = -rhs[b];
            }
            if (!aat.direction(negRhs, mult)) {
                return null;
            }
            for (int b = 0; b < band.length; b++) {
                for (int j = 0; j < d; j++) {
                    start[j] += mult[b] * held[b][j];
                }
            }
            double[] w = NewtonOnFace.newtonWithHeldRows(run, start, held, face.term, EXACT_STOP, MAX_NEWTON_EXACT);
            return DualCertificate.certify(run, w, 0.0, face.term, band);
        }
        if (band.length > 0) {
            // rows x_iᵀ P, right-hand sides y_i − x_iᵀ start
            // P's nonzeros listed once: the faces are mostly coordinate selections (the identity
            // for q = 2), so Pᵀx_i and P·N below cost O(nnz) per column, not O(dk)
            NewtonOnFace.Basis face0 = new NewtonOnFace.Basis(basis, d, run.stats);
            DMatrixRMaj m = new DMatrixRMaj(band.length, k);
            DMatrixRMaj rhs = new DMatrixRMaj(band.length, 1);
            for (int b = 0; b < band.length; b++) {
                int off = band[b] * d;
                double res = y[band[b]];
                for (int j = 0; j < d; j++) {
                    res -= x[off + j] * start[j];
                }
                System.arraycopy(face0.projectRow(x, off), 0, m.data, b * k, k);
                rhs.data[b] = res;
            }
            DMatrixRMaj pinv = new DMatrixRMaj(k, band.length);
            CommonOps_DDRM.pinv(m, pinv);
            DMatrixRMaj theta = new DMatrixRMaj(k, 1);
            CommonOps_DDRM.mult(pinv, rhs, theta);
            double[] shift = face0.lift(theta.data);
            for (int j = 0; j < d; j++) {
                start[j] += shift[j];
            }
            // null space of M: the directions that keep the band residuals at zero
            var svd = DecompositionFactory_DDRM.svd(band.length, k, false, true, false);
            if (!svd.decompose(m.copy())) {
                return null;
            }
            DMatrixRMaj ns = SingularOps_DDRM.nullSpace(svd, null, 1e-12);
            int kk = ns == null ? 0 : ns.numCols;
            if (kk == 0) {
                // the held residuals fix w on this face: nothing left to optimise
                return DualCertificate.certify(run, start, 0.0, face.term, band);
            }
            basis = face0.times(ns.data, kk);
        }
        double[] w = NewtonOnFace.newton(run, start, basis, 0.0, face.term, EXACT_STOP, MAX_NEWTON_EXACT);
        return DualCertificate.certify(run, w, 0.0, face.term, band);
    }

    private static double dotRow(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static double[] identity(int d) {
        double[] id = new double[d * d];
        for (int j = 0; j < d; j++) {
            id[j * d + j] = 1;
        }
        return id;
    }

    /** The gradient of ‖·‖_q at a w where it is linear nearby (q = 1: no zeros; q = ∞: one maximum). */
    private static double[] localGradient(double[] w, double q) {
        double[] g = new double[w.length];
        if (q == 1) {
            for (int j = 0; j < w.length; j++) {
                g[j] = Math.signum(w[j]);
            }
        } else {
            int arg = 0;
            for (int j = 1; j < w.length; j++) {
                if (Math.abs(w[j]) > Math.abs(w[arg])) {
                    arg = j;
                }
            }
            g[arg] = Math.signum(w[arg]);
        }
        return g;
    }

    /** Positions in U of the {@code count} smallest |r|, in increasing order (insertion). */
    private static int[] smallestResiduals(FitRun run, double[] w, int count) {
        SignClasses classes = run.classes;
        int n = classes.m;
        run.visit(n);
        double[] r = SmoothedObjective.residuals(classes.x, classes.y, n, run.stats.d, w, run.residuals);
        int c = Math.max(0, Math.min(count, n));
        int[] idx = new int[c];
        double[] val = new double[c];
        int filled = 0;
        for (int i = 0; i < n && c > 0; i++) {
            double a = Math.abs(r[i]);
            if (filled == c && a >= val[c - 1]) {
                continue;
            }
            int pos = filled == c ? c - 1 : filled++;
            while (pos > 0 && val[pos - 1] > a) {
                val[pos] = val[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            val[pos] = a;
            idx[pos] = i;
        }
        return idx;
    }

    /** The face of ‖·‖₁ with the given zero coordinates and the signs of w elsewhere. */
    private static Face l1Face(double[] w, boolean[] zero) {
        return l1Face(w, zero, null);
    }

    /**
     * As {@link #l1Face(double[], boolean[])}, where a coordinate that is 0 in w but not in
     * {@code zero} (freed by {@link #nextZeros}) takes the sign of its solved subgradient g_j
     * ({@code subgradient}, NaN or null: +1). g_j is the entry of ∂‖w‖₁ that stationarity asks
     * for (the certificate writes sign(w_j) in the same place for a nonzero coordinate); |g_j| > 1
     * means F decreases as w_j moves away from 0 with the sign of g_j (docs/math.md §6.3), so
     * that is the face's sign: with +1 for g_j < −1 the norm would be held linear as +w_j while
     * Newton moves w_j below 0, and the next solve would fix it at 0 again.
     */
    static Face l1Face(double[] w, boolean[] zero, double[] subgradient) {
        int d = w.length;
        int k = 0;
        for (boolean z : zero) {
            k += z ? 0 : 1;
        }
        double[] start = w.clone();
        double[] basis = new double[d * k];
        double[] g = new double[d];
        int c = 0;
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                start[j] = 0;
            } else {
                basis[j * k + c++] = 1;
                boolean freed = w[j] == 0 && subgradient != null && subgradient[j] < 0;
                g[j] = w[j] > 0 || (w[j] == 0 && !freed) ? 1 : -1;
            }
        }
        return new Face(start, basis, new NormTerm.Linear(g));
    }

    /** A face of the q-norm ball: w = start + basis·θ moves on it, where N(w) = gᵀw. */
    record Face(double[] start, double[] basis, NormTerm term) {}

    /**
     * The face of the q-norm that the smoothed solution sits near: coordinates with |w_j| ≤
     * threshold are set to zero (q = 1), or coordinates within threshold of the maximum are tied
     * (q = ∞). Null when there is no proper face (then the smoothed solution stands). Whether the
     * guess is right is decided by the certificate, not here.
     */
    private static Face face(double[] w, double q, double threshold) {
        int d = w.length;
        double[] start = w.clone();
        double[] basis;
        double[] g = new double[d];
        int k;
        if (q == 1) {
            boolean[] zero = new boolean[d];
            int nz = 0;
            for (int j = 0; j < d; j++) {
                zero[j] = Math.abs(w[j]) <= threshold;
                nz += zero[j] ? 1 : 0;
            }
            return nz == 0 || nz == d ? null : l1Face(w, zero);
        } else {
            double m = LpNorm.LINF.norm(w);
            boolean[] tied = new boolean[d];
            int nt = 0;
            double t = 0;
            for (int j = 0; j < d; j++) {
                if (Math.abs(w[j]) >= m - threshold) {
                    tied[j] = true;
                    nt++;
                    t += Math.abs(w[j]);
                }
            }
            if (nt < 2) {
                return null;
            }
            t /= nt;
            k = d - nt + 1;
            basis = new double[d * k];
            int c = 1;
            for (int j = 0; j < d; j++) {
                if (tied[j]) {
                    double s = Math.signum(w[j]);
                    basis[j * k] = s;
                    g[j] = s / nt;
                    start[j] = s * t;
                } else {
                    basis[j * k + c++] = 1;
                }
            }
        }
        return new Face(start, basis, new NormTerm.Linear(g));
    }
}
