package tradeoffs.simulation.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import tradeoffs.simulation.sampling.Dataset;
import tradeoffs.theory.norm.LpBall;
import tradeoffs.theory.norm.LpNorm;

/**
 * Finite-sample adversarial training of a linear model (THEORY.md §1.8, Ribeiro et al. 2023):
 *
 * <pre>  minimise F(w) = (1/n) Σ_i (|y_i − x_iᵀw| + ε‖w‖_q)²,   1/p + 1/q = 1, p the attack norm,</pre>
 *
 * which is the empirical risk under the worst ℓp perturbation of each example (THEORY.md §1.2),
 * solved to a stated relative tolerance with a duality-gap certificate.
 *
 * <h2>Method</h2>
 * Expanding the square, F = m₂(w) + 2εN m₁(w) + ε²N² with m₂ = wᵀSw − 2cᵀw + ȳ² (S = XᵀX/n and
 * c = Xᵀy/n computed once), m₁ = mean |r_i| and N = ‖w‖_q. The two non-smooth parts are smoothed:
 * |r| by a Huber function of width μ and the ℓ1/ℓ∞ norm by √(w_j²+ν²) / a soft maximum of width ν.
 * Damped Newton with Armijo backtracking minimises the smoothed objective for a decreasing
 * sequence μ, ν = 10⁻³, 10⁻⁴, …, 10⁻¹⁰ (relative to the least-squares residual and weight
 * scales), warm-started from least squares or a given start. Each Newton step costs one pass over
 * the data: the Hessian is 2S plus the few examples whose residual lies in the Huber band plus
 * rank-two norm terms.
 *
 * <h2>Exact finish</h2>
 * From the stage μ = 10⁻⁴ on, F is minimised exactly on the set where the residuals in the Huber
 * band are held at zero and the norm stays on the face the smoothed answer is near (zero
 * coordinates for q = 1, tied maximal coordinates for q = ∞): there F is smooth (piecewise
 * quadratic for q ∈ {1, ∞}) and Newton on the affine set converges in a few steps. An active set
 * updates the held residuals (drop those whose solved dual sign leaves [−1, 1], add the smallest
 * free one) and, for q = 1, the zero coordinates (free those whose solved subgradient leaves
 * [−1, 1], fix those that change sign). This makes the sparsity (ℓ∞ attack: w_s = 0) and the ties
 * (ℓ1 attack: |w_c| = |w_s|) exact, and the certificate tight.
 *
 * <h2>Certificate</h2>
 * [derived] With t² = max_{α≥0}(2αt − α²), |r| = max_{|s|≤1} s r and ‖w‖_q = max_{‖u‖_p≤1} uᵀw,
 * F(w) = max over (α, β, γ) with |β_i| ≤ α_i, ‖γ‖_p ≤ mean α of
 * (1/n)(2βᵀy − ‖α‖²) + wᵀ(2εγ − (2/n)Xᵀβ). Choosing γ = Xᵀβ/(nε) removes w, so every (α, β) with
 * |β_i| ≤ α_i and ‖Xᵀβ‖_p ≤ ε Σα_i gives the lower bound D = (1/n)(2βᵀy − ‖α‖²) ≤ min F.
 * From the answer w we take α_i = |r_i| + εN, β_i = α_i·s_i with s_i = sign r_i (the
 * maximisers; for residuals held at zero, s_i solved from stationarity by least squares; for a
 * smoothed answer, the Huber derivative), repair the constraint by moving Xᵀβ onto the ℓp ball
 * with the least-squares correction β ← β − X S⁻¹Δ/n, and raise α_i to |β_i| where needed. At the
 * optimum this D equals F(w). Whatever the solver did, D is a valid lower bound.
 *
 * <p>Scope: n ≥ d with XᵀX non-singular (the under-determined regime is not covered). Memory is
 * the n×d design plus O(d²); time is O(nd²) once for S plus O(nd) per Newton step.
 */
public final class EmpiricalAdversarialTraining {
    /** Default relative tolerance on the duality gap. */
    public static final double DEFAULT_TOLERANCE = 1e-9;

    /** Smoothing widths μ, ν are 10^-k relative to the least-squares residual and weight scales. */
    private static final int FIRST_STAGE = 3;
    private static final int FIRST_CERTIFIED_STAGE = 4;
    private static final int LAST_STAGE = 10;
    /** Newton on a smoothed stage stops when the decrement −∇Fᵀs is below this fraction of F. */
    private static final double SMOOTH_STOP = 1e-15;
    /**
     * The exact finish runs to round-off: the dual gap is first order in ‖∇F‖ while the decrement
     * is second order; Newton is quadratic there, so this costs one or two extra passes.
     */
    private static final double EXACT_STOP = 1e-24;
    private static final int MAX_NEWTON_EXACT = 6;
    /** How many stages may try the exact finish. */
    private static final int MAX_ENDGAMES = 3;
    /** How many changes of the held zero residuals the exact finish may try. */
    private static final int MAX_ACTIVE_SET_CHANGES = 3;
    /** Backtracking halvings before a Newton step is given up. */
    private static final int MAX_HALVINGS = 14;
    private static final int MAX_NEWTON_PER_STAGE = 60;

    private final Dataset data;
    private final int n;
    private final int d;
    private final double[] x;
    private final double[] y;
    /** S = XᵀX/n, row-major. */
    private final double[] gram;
    /** c = Xᵀy/n. */
    private final double[] xty;
    private final double yy;
    private final LinearSolverDense<DMatrixRMaj> gramSolver;

    private int passes;
    private int steps;
    /** Residual work array (fits are synchronized, so one per instance suffices). */
    private final double[] residualBuffer;
    /** Dual-variable work arrays of the certificate. */
    private final double[] alphaBuffer;
    private final double[] betaBuffer;
    /** The unclipped dual signs of the held residuals from the last certificate (null if none). */
    private double[] lastBandSigns;
    /** The solved subgradient entries of the zero coordinates (q = 1) from the last certificate; NaN elsewhere. */
    private double[] lastFreeSubgradient;

    private EmpiricalAdversarialTraining(Dataset data) {
        this.data = data;
        this.n = data.n();
        this.d = data.d();
        this.x = data.x();
        this.y = data.y();
        DMatrixRMaj xm = DMatrixRMaj.wrap(n, d, x);
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(xm, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        DMatrixRMaj c = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.multTransA(xm, DMatrixRMaj.wrap(n, 1, y), c);
        CommonOps_DDRM.scale(1.0 / n, c);
        this.gram = s.data;
        this.xty = c.data;
        double acc = 0;
        for (double v : y) {
            acc += v * v;
        }
        this.yy = acc / n;
        this.gramSolver = LinearSolverFactory_DDRM.chol(d);
        this.residualBuffer = new double[n];
        this.alphaBuffer = new double[n];
        this.betaBuffer = new double[n];
        if (!gramSolver.setA(s.copy())) {
            throw new IllegalArgumentException("X'X must be positive definite (n = " + n + ", d = " + d
                    + "): the under-determined regime is not supported");
        }
    }

    /** Prepares the data (computes XᵀX/n and Xᵀy/n once; reuse the instance across ε and norms). */
    public static EmpiricalAdversarialTraining of(Dataset data) {
        return new EmpiricalAdversarialTraining(data);
    }

    public Dataset data() {
        return data;
    }

    /** S = XᵀX/n, row-major (a copy). */
    public double[] gram() {
        return gram.clone();
    }

    /** Least squares: w = S⁻¹c. */
    public double[] leastSquares() {
        return solveGram(xty);
    }

    /** Fits with the {@link #DEFAULT_TOLERANCE}. */
    public EmpiricalFit fit(LpNorm attack, double eps) {
        return fit(attack, eps, DEFAULT_TOLERANCE);
    }

    /**
     * Minimises F for the attack norm p ∈ {1, 2, ∞} (ℓ1, ℓ2, ℓ∞) and radius ε ≥ 0, aiming at a relative
     * duality gap ≤ {@code tolerance}; the returned fit states the gap reached.
     */
    public EmpiricalFit fit(LpNorm attack, double eps, double tolerance) {
        return fit(attack, eps, tolerance, null);
    }

    /**
     * As {@link #fit(LpNorm, double, double)}, warm-started from {@code start} (for example the
     * population solution, which the finite-sample one approaches at rate n^(−1/2)); null starts
     * from least squares. The start only changes how fast the answer is found.
     */
    public synchronized EmpiricalFit fit(LpNorm attack, double eps, double tolerance, double[] start) {
        if (!(attack.isOne() || attack.isTwo() || attack.isInfinity())) {
            throw new IllegalArgumentException("norm must be l1, l2 or linf for finite-sample training (got "
                    + attack.name() + ")");
        }
        double p = attack.p();
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be >= 0 and finite (got " + eps + ")");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0 (got " + tolerance + ")");
        }
        passes = 0;
        steps = 0;
        double q = dual(p);
        double[] w0 = leastSquares();
        if (eps == 0) {
            return certify(w0, p, q, eps, 0.0, new LinearTerm(new double[d]), null, tolerance);
        }
        // THEORY.md §1.8: w = 0 is optimal iff ε ≥ ‖Xᵀy‖_p / ‖y‖₁.
        double[] nxty = xty.clone();
        double l1y = 0;
        for (double v : y) {
            l1y += Math.abs(v);
        }
        if (eps * l1y / n >= norm(p, nxty)) {
            return certify(new double[d], p, q, eps, 0.0, new LinearTerm(new double[d]), null, tolerance);
        }
        double rScale = Math.sqrt(Math.max(meanSquaredResidual(w0), 1e-300));
        double wScale = Math.max(norm(Double.POSITIVE_INFINITY, w0), 1e-300);
        boolean warm = start != null && start.length == d && LpNorm.L2.norm(start) > 0;
        double[] w = warm ? start.clone() : w0.clone();
        EmpiricalFit best = null;
        double[] lastExact = null;
        int endgames = 0;
        for (int k = FIRST_STAGE; k <= LAST_STAGE; k++) {
            double mu = Math.pow(10, -k) * rScale;
            double nu = Math.pow(10, -k) * wScale;
            NormTerm term = q == 2 ? new L2Term() : q == 1 ? new SmoothL1Term(nu) : new SoftMaxTerm(nu);
            w = newton(w, null, eps, mu, term, SMOOTH_STOP, MAX_NEWTON_PER_STAGE);
            if (k < FIRST_CERTIFIED_STAGE) {
                continue;
            }
            if (endgames < MAX_ENDGAMES) {
                endgames++;
                EmpiricalFit exact = endgame(w, p, q, eps, mu, nu, tolerance);
                if (exact != null && exact.certified()) {
                    return exact;
                }
                if (exact != null && lastExact != null && Arrays.equals(exact.w(), lastExact)) {
                    endgames = MAX_ENDGAMES; // the finish lands on the same point: finer stages will not help it
                }
                lastExact = exact == null ? null : exact.w();
                best = better(best, exact);
            }
            EmpiricalFit smooth = certify(w, p, q, eps, mu, term, null, tolerance);
            best = better(best, smooth);
            if (smooth.certified() && (q == 2 || k == LAST_STAGE)) {
                return smooth;
            }
        }
        if (warm && (best == null || !best.certified())) {
            // a warm start can stall the exact finish at a kink next to the optimum: start afresh
            int used = passes;
            int usedSteps = steps;
            EmpiricalFit cold = fit(attack, eps, tolerance, null);
            passes += used;
            steps += usedSteps;
            best = better(best, new EmpiricalFit(cold.w(), cold.objective(), cold.dualBound(), cold.gap(), tolerance, steps,
                    passes));
        }
        return best;
    }

    private static EmpiricalFit better(EmpiricalFit a, EmpiricalFit b) {
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
    private EmpiricalFit endgame(double[] wSmooth, double p, double q, double eps, double mu, double nu,
                                   double tolerance) {
        EmpiricalFit fit = endgameOnFace(wSmooth, p, q, eps, mu, q == 1 ? 3 * nu : 10 * nu, tolerance);
        if (q == Double.POSITIVE_INFINITY && (fit == null || !fit.certified())) {
            // soft-max smoothing can leave tied entries several ν apart: try a wider tie window
            fit = better(fit, endgameOnFace(wSmooth, p, q, eps, mu, 100 * nu, tolerance));
        }
        return fit;
    }

    private EmpiricalFit endgameOnFace(double[] wSmooth, double p, double q, double eps, double mu, double faceThreshold,
                                 double tolerance) {
        Face face = q == 2 ? new Face(wSmooth.clone(), identity(d), new L2Term()) : face(wSmooth, q, faceThreshold);
        if (face == null) {
            // no zero (q = 1) or tie (q = ∞): the norm is linear near w
            face = new Face(wSmooth.clone(), identity(d), new LinearTerm(localGradient(wSmooth, q)));
        }
        EmpiricalFit best = residualActiveSet(face, wSmooth, mu, p, q, eps, tolerance);
        // ℓ∞ attack (q = 1): also update the zero set of w, by the solved subgradient of the zero
        // coordinates (|g_j| > 1: free it) and sign changes of the others (crossed zero: fix it).
        for (int change = 0; q == 1 && change < MAX_ACTIVE_SET_CHANGES && best != null && !best.certified(); change++) {
            double[] w = best.w();
            double[] g = lastFreeSubgradient;
            double[] faceSigns = ((LinearTerm) face.term).g;
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
            if (!changed || nz == d) {
                break;
            }
            face = l1Face(w, zero);
            best = better(best, residualActiveSet(face, w, mu, p, q, eps, tolerance));
        }
        return best;
    }

    private EmpiricalFit residualActiveSet(Face face, double[] wSmooth, double mu, double p, double q, double eps,
                                           double tolerance) {
        int k = face.basis.length / d;
        // Residuals that are zero at the optimum sit inside the band |r| < μ of the smoothed
        // answer when it is converged. When the face fixed some coordinates, first re-solve the
        // smoothed problem on the face so the band belongs to it.
        double[] onFace = wSmooth;
        if (k < d) {
            onFace = newton(face.start, face.basis, eps, mu, face.term, SMOOTH_STOP, MAX_NEWTON_PER_STAGE);
            face = new Face(onFace, face.basis, face.term);
        }
        int[] band = inBand(onFace, mu, k);
        if (band == null) {
            return null;
        }
        // Active-set iteration on the held residuals: drop those whose solved dual sign is
        // outside [−1, 1] (not zero at the optimum), else hold the smallest free residual.
        int[] held = band;
        java.util.Set<Integer> dropped = new java.util.HashSet<>();
        EmpiricalFit best = null;
        for (int iter = 0; iter <= MAX_ACTIVE_SET_CHANGES; iter++) {
            EmpiricalFit fit = solveOnFace(face, held, p, q, eps, tolerance);
            if (fit == null) {
                break;
            }
            best = better(best, fit);
            if (best.certified()) {
                return best;
            }
            double[] signs = lastBandSigns;
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
            int[] near = inBand(fit.w(), mu, Integer.MAX_VALUE);
            for (int cand : near) {
                if (!contains(held, cand) && !dropped.contains(cand) && held.length + add.size() < k) {
                    add.add(cand);
                }
            }
            if (add.isEmpty()) {
                for (int cand : smallestResiduals(fit.w(), held.length + dropped.size() + 1)) {
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
        return best;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Examples with |r_i| < μ; null if more than {@code max}. */
    private int[] inBand(double[] w, double mu, int max) {
        passes++;
        int[] out = new int[16];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(residual(w, i)) < mu) {
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

    /** Exact Newton on {w on the face : r_i(w) = 0 for i ∈ band}, then the certificate. */
    private EmpiricalFit solveOnFace(Face face, int[] band, double p, double q, double eps, double tolerance) {
        int k = face.basis.length / d;
        double[] start = face.start.clone();
        double[] basis = face.basis;
        if (band.length > 0) {
            // rows x_iᵀ P, right-hand sides y_i − x_iᵀ start
            DMatrixRMaj m = new DMatrixRMaj(band.length, k);
            DMatrixRMaj rhs = new DMatrixRMaj(band.length, 1);
            for (int b = 0; b < band.length; b++) {
                int off = band[b] * d;
                double res = y[band[b]];
                for (int j = 0; j < d; j++) {
                    res -= x[off + j] * start[j];
                    for (int c = 0; c < k; c++) {
                        m.data[b * k + c] += x[off + j] * basis[j * k + c];
                    }
                }
                rhs.data[b] = res;
            }
            DMatrixRMaj pinv = new DMatrixRMaj(k, band.length);
            CommonOps_DDRM.pinv(m, pinv);
            DMatrixRMaj theta = new DMatrixRMaj(k, 1);
            CommonOps_DDRM.mult(pinv, rhs, theta);
            double[] shift = lift(basis, theta.data, k);
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
                return certify(start, p, q, eps, 0.0, face.term, band, tolerance);
            }
            double[] nb = new double[d * kk];
            for (int j = 0; j < d; j++) {
                for (int c = 0; c < kk; c++) {
                    double v = 0;
                    for (int l = 0; l < k; l++) {
                        v += basis[j * k + l] * ns.get(l, c);
                    }
                    nb[j * kk + c] = v;
                }
            }
            basis = nb;
        }
        double[] w = newton(start, basis, eps, 0.0, face.term, EXACT_STOP, MAX_NEWTON_EXACT);
        return certify(w, p, q, eps, 0.0, face.term, band, tolerance);
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

    /** r = y − Xw into a reused buffer (one pass; the two-feature case unrolled). */
    private double[] residuals(double[] w) {
        double[] r = residualBuffer;
        if (d == 2) {
            double w0 = w[0];
            double w1 = w[1];
            for (int i = 0; i < n; i++) {
                r[i] = y[i] - x[2 * i] * w0 - x[2 * i + 1] * w1;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int off = i * d;
                double s = y[i];
                for (int j = 0; j < d; j++) {
                    s -= x[off + j] * w[j];
                }
                r[i] = s;
            }
        }
        return r;
    }

    private double residual(double[] w, int i) {
        double r = y[i];
        for (int j = 0; j < d; j++) {
            r -= x[i * d + j] * w[j];
        }
        return r;
    }

    /** Indices of the {@code count} smallest |r_i|, in increasing order (one pass, insertion). */
    private int[] smallestResiduals(double[] w, int count) {
        passes++;
        int c = Math.max(0, Math.min(count, n));
        int[] idx = new int[c];
        double[] val = new double[c];
        int filled = 0;
        for (int i = 0; i < n && c > 0; i++) {
            double a = Math.abs(residual(w, i));
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

    /** The dual exponent q of p (1/p + 1/q = 1) for p ∈ {1, 2, ∞}. */
    private static double dual(double p) {
        return p == 1 ? Double.POSITIVE_INFINITY : p == 2 ? 2 : 1;
    }

    /** ‖w‖ with exponent q (theory's {@link LpNorm}). */
    private static double norm(double q, double[] w) {
        return LpNorm.of(q).norm(w);
    }

    private double[] solveGram(double[] rhs) {
        DMatrixRMaj b = DMatrixRMaj.wrap(d, 1, rhs.clone());
        DMatrixRMaj out = new DMatrixRMaj(d, 1);
        gramSolver.solve(b, out);
        return out.data;
    }

    private double meanSquaredResidual(double[] w) {
        // m₂(w) = wᵀSw − 2cᵀw + ȳ² from the cached moments: no pass over the data.
        double s = yy;
        for (int j = 0; j < d; j++) {
            double row = 0;
            for (int k = 0; k < d; k++) {
                row += gram[j * d + k] * w[k];
            }
            s += w[j] * row - 2 * xty[j] * w[j];
        }
        return s;
    }

    // ---------------------------------------------------------------- smoothed objective

    /** The norm part N(w): value, gradient and Hessian (added with a coefficient). */
    private interface NormTerm {
        double value(double[] w);

        void gradient(double[] w, double[] out);

        /** hess += coef · ∇²N(w), hess row-major d×d. */
        void addHessian(double[] w, double coef, double[] hess);
    }

    /** ‖w‖₂ (smooth away from 0, and the solver never visits 0 for ε below the zero threshold). */
    private final class L2Term implements NormTerm {
        @Override
        public double value(double[] w) {
            return norm(2, w);
        }

        @Override
        public void gradient(double[] w, double[] out) {
            double nrm = Math.max(norm(2, w), 1e-300);
            for (int j = 0; j < d; j++) {
                out[j] = w[j] / nrm;
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            double nrm = Math.max(norm(2, w), 1e-300);
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    hess[j * d + k] += coef * ((j == k ? 1 : 0) - w[j] * w[k] / (nrm * nrm)) / nrm;
                }
            }
        }
    }

    /** Σ_j √(w_j² + ν²): smoothed ‖w‖₁. */
    private final class SmoothL1Term implements NormTerm {
        private final double nu;

        SmoothL1Term(double nu) {
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
            for (int j = 0; j < d; j++) {
                out[j] = w[j] / Math.hypot(w[j], nu);
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            for (int j = 0; j < d; j++) {
                double h = Math.hypot(w[j], nu);
                hess[j * d + j] += coef * nu * nu / (h * h * h);
            }
        }
    }

    /** ν log Σ_j (e^{w_j/ν} + e^{−w_j/ν}): smoothed ‖w‖_∞ (error ≤ ν log 2d). */
    private final class SoftMaxTerm implements NormTerm {
        private final double nu;

        SoftMaxTerm(double nu) {
            this.nu = nu;
        }

        /** Softmax weights of +w_j (out[j]) and −w_j (out[d+j]); returns the smoothed value. */
        private double weights(double[] w, double[] out) {
            double m = norm(Double.POSITIVE_INFINITY, w);
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
            return weights(w, new double[2 * d]);
        }

        @Override
        public void gradient(double[] w, double[] out) {
            double[] pi = new double[2 * d];
            weights(w, pi);
            for (int j = 0; j < d; j++) {
                out[j] = pi[j] - pi[d + j];
            }
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
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
    private final class LinearTerm implements NormTerm {
        private final double[] g;

        LinearTerm(double[] g) {
            this.g = g;
        }

        @Override
        public double value(double[] w) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += g[j] * w[j];
            }
            return s;
        }

        @Override
        public void gradient(double[] w, double[] out) {
            System.arraycopy(g, 0, out, 0, d);
        }

        @Override
        public void addHessian(double[] w, double coef, double[] hess) {
            // linear: no curvature
        }
    }

    /**
     * Smoothed objective F_μ(w) = (1/n) Σ (ρ_μ(r_i) + εN(w))², with ρ_μ(r) = |r| for |r| ≥ μ and
     * r²/(2μ) + μ/2 inside (so |r| ≤ ρ_μ ≤ |r| + μ/2). Fills grad and hess when non-null.
     */
    private double evaluate(double[] w, double eps, double mu, NormTerm term, double[] grad, double[] hess) {
        passes++;
        double a = eps * term.value(w);
        double f = 0;
        double sumAlpha = 0;
        double[] ga = grad == null ? null : new double[d];
        double[] u = grad == null ? null : new double[d];
        double[] band = hess == null ? null : new double[d * d];
        double[] res = residuals(w);
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
     * Damped Newton on F_μ over w = w0 + Pθ (P: d×k row-major basis of the face, or null for all
     * of ℝ^d). Returns the last iterate.
     */
    private double[] newton(double[] start, double[] basis, double eps, double mu, NormTerm term, double stop,
                            int maxSteps) {
        int k = basis == null ? d : basis.length / d;
        double[] w = start.clone();
        double[] g = new double[d];
        double[] h = new double[d * d];
        double f = evaluate(w, eps, mu, term, g, h);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(k);
        for (int it = 0; it < maxSteps; it++) {
            double[] gk = basis == null ? g : project(basis, g, k);
            double[] hk = basis == null ? h : projectHessian(basis, h, k);
            double[] step = solveSpd(chol, hk, gk, k);
            double[] dw = basis == null ? step : lift(basis, step, k);
            double slope = 0;
            for (int j = 0; j < d; j++) {
                slope += g[j] * dw[j];
            }
            steps++;
            if (!(slope < 0) || -slope <= stop * Math.max(f, 1e-300)) {
                break;
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
                double ft = evaluate(trial, eps, mu, term, derivatives ? gt : null, derivatives ? ht : null);
                if (ft <= f + 1e-4 * t * slope) {
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
                f = evaluate(w, eps, mu, term, g, h);
            }
        }
        return w;
    }

    /** Solves H s = −g for SPD H (k×k); adds a tiny ridge when round-off breaks definiteness. */
    private static double[] solveSpd(LinearSolverDense<DMatrixRMaj> chol, double[] h, double[] g, int k) {
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

    private double[] project(double[] basis, double[] g, int k) {
        double[] out = new double[k];
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < k; c++) {
                out[c] += basis[j * k + c] * g[j];
            }
        }
        return out;
    }

    private double[] projectHessian(double[] basis, double[] h, int k) {
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

    private double[] lift(double[] basis, double[] theta, int k) {
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

    /** The face of ‖·‖₁ with the given zero coordinates and the signs of w elsewhere. */
    private Face l1Face(double[] w, boolean[] zero) {
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
                g[j] = w[j] >= 0 ? 1 : -1;
            }
        }
        return new Face(start, basis, new LinearTerm(g));
    }

    /** A face of the q-norm ball: w = start + basis·θ moves on it, where N(w) = gᵀw. */
    private record Face(double[] start, double[] basis, NormTerm term) {
    }

    /**
     * The face of the q-norm that the smoothed solution sits near: coordinates with |w_j| ≤
     * threshold are set to zero (q = 1), or coordinates within threshold of the maximum are tied
     * (q = ∞). Null when there is no proper face (then the smoothed solution stands). Whether the
     * guess is right is decided by the certificate, not here.
     */
    private Face face(double[] w, double q, double threshold) {
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
            double m = norm(Double.POSITIVE_INFINITY, w);
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
        return new Face(start, basis, new LinearTerm(g));
    }

    // ---------------------------------------------------------------- certificate

    /**
     * Evaluates F(w) exactly and builds the dual lower bound of the class comment: α_i =
     * ρ_μ(r_i) + εN(w) and β_i = α_i ρ'_μ(r_i) (the maximisers; μ = 0 gives |r_i| and sign r_i),
     * which satisfy |β_i| ≤ α_i and, at an optimum, Xᵀβ = εΣα·g with g ∈ ∂‖w‖_q. For the
     * examples in {@code band} (residual held at zero) the signs s_i ∈ [−1, 1] are solved by least
     * squares from that stationarity condition. Any remaining violation of ‖Xᵀβ‖_p ≤ εΣα is
     * repaired by least squares over all examples (class comment), so the bound is always valid.
     */
    private EmpiricalFit certify(double[] w, double p, double q, double eps, double mu, NormTerm term,
                                   int[] band, double tolerance) {
        passes += 2;
        double a = eps * norm(q, w);
        double aSmooth = Math.max(a, eps * term.value(w));
        double[] alpha = alphaBuffer;
        double[] beta = betaBuffer;
        double f = 0;
        double sumAlpha = 0;
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            double r = y[i];
            for (int j = 0; j < d; j++) {
                r -= x[off + j] * w[j];
            }
            double ar = Math.abs(r);
            double fi = ar + a;
            f += fi * fi;
            double rho = ar >= mu ? ar : r * r / (2 * mu) + mu / 2;
            double s = ar >= mu ? Math.signum(r) : r / mu;
            double al = rho + aSmooth;
            alpha[i] = al;
            sumAlpha += al;
            beta[i] = al * s;
        }
        lastBandSigns = null;
        lastFreeSubgradient = null;
        if (band != null && (band.length > 0 || q == 1)) {
            for (int i : band) {
                beta[i] = 0;
            }
            lastBandSigns = solveBandSigns(w, q, eps * sumAlpha, alpha, beta, band);
        }
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int j = 0; j < d; j++) {
                z[j] += beta[i] * x[off + j];
            }
        }
        f /= n;
        double[] zp = z.clone();
        LpBall.project(LpNorm.of(p), zp, eps * sumAlpha);
        double[] delta = new double[d];
        boolean repair = false;
        for (int j = 0; j < d; j++) {
            delta[j] = z[j] - zp[j];
            repair |= delta[j] != 0;
        }
        double[] corr = repair ? solveGram(delta) : null;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            double b = beta[i];
            if (corr != null) {
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    b -= x[off + j] * corr[j] / n;
                }
            }
            double al = Math.max(alpha[i], Math.abs(b));
            dual += 2 * b * y[i] - al * al;
        }
        dual /= n;
        return new EmpiricalFit(w, f, dual, f - dual, tolerance, steps, passes);
    }

    /**
     * Solves Σ_{i∈band} α_i s_i x_i − R·G λ = R·g₀ − Σ_{i∉band} β_i x_i in least squares for the
     * band signs s_i (clipped to [−1, 1]) and the free part λ of the subgradient g = g₀ + Gλ of
     * ‖·‖_q at w (q = 1: free entries where w_j = 0; q = ∞: convex weights on the tied maximal
     * entries; q = 2: none). Writes β_i = α_i s_i for the band and returns the unclipped s_i.
     */
    private double[] solveBandSigns(double[] w, double q, double radius, double[] alpha, double[] beta, int[] band) {
        double[] rhs0 = new double[d];
        for (int i = 0; i < n; i++) {
            if (beta[i] != 0) {
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    rhs0[j] -= beta[i] * x[off + j];
                }
            }
        }
        double nw = norm(q, w);
        java.util.List<double[]> free = new java.util.ArrayList<>();
        int[] freeCoordinate = new int[d];
        boolean sumRow = false;
        if (q == 2) {
            for (int j = 0; j < d; j++) {
                rhs0[j] += radius * w[j] / nw;
            }
        } else if (q == 1) {
            for (int j = 0; j < d; j++) {
                if (w[j] != 0) {
                    rhs0[j] += radius * Math.signum(w[j]);
                } else {
                    double[] col = new double[d];
                    col[j] = -radius;
                    freeCoordinate[free.size()] = j;
                    free.add(col);
                }
            }
        } else {
            sumRow = true;
            for (int j = 0; j < d; j++) {
                if (Math.abs(w[j]) == nw) {
                    double[] col = new double[d];
                    col[j] = -radius * Math.signum(w[j]);
                    free.add(col);
                }
            }
        }
        int rows = d + (sumRow ? 1 : 0);
        int cols = band.length + free.size();
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        DMatrixRMaj b = new DMatrixRMaj(rows, 1);
        for (int j = 0; j < d; j++) {
            b.data[j] = rhs0[j];
        }
        for (int c = 0; c < band.length; c++) {
            int off = band[c] * d;
            for (int j = 0; j < d; j++) {
                a.set(j, c, alpha[band[c]] * x[off + j]);
            }
        }
        for (int c = 0; c < free.size(); c++) {
            for (int j = 0; j < d; j++) {
                a.set(j, band.length + c, free.get(c)[j]);
            }
            if (sumRow) {
                a.set(d, band.length + c, 1);
            }
        }
        if (sumRow) {
            b.data[d] = 1;
        }
        DMatrixRMaj pinv = new DMatrixRMaj(cols, rows);
        CommonOps_DDRM.pinv(a, pinv);
        DMatrixRMaj sol = new DMatrixRMaj(cols, 1);
        CommonOps_DDRM.mult(pinv, b, sol);
        if (q == 1) {
            lastFreeSubgradient = new double[d];
            java.util.Arrays.fill(lastFreeSubgradient, Double.NaN);
            for (int c = 0; c < free.size(); c++) {
                lastFreeSubgradient[freeCoordinate[c]] = sol.data[band.length + c];
            }
        }
        double[] signs = new double[band.length];
        for (int c = 0; c < band.length; c++) {
            signs[c] = sol.data[c];
            double s = Math.max(-1, Math.min(1, sol.data[c]));
            beta[band[c]] = alpha[band[c]] * s;
        }
        return signs;
    }

    @Override
    public String toString() {
        return "EmpiricalAdversarialTraining[n=" + n + ", d=" + d + "]";
    }
}
