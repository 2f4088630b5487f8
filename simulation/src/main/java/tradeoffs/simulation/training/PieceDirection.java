package tradeoffs.simulation.training;

import java.util.Arrays;
import tradeoffs.theory.optim.Vectors;

/**
 * The Newton direction on a sign piece of the ℓ2-attack objective with held rows, by projected
 * preconditioned conjugate gradients with a kept factorisation (docs/math.md §6.3 item 6,
 * [derived]). The step solves
 *
 * <pre>  min_p gᵀp + ½ pᵀHp   subject to   A p = 0,
 *  H = 2S + γI − ρ wwᵀ − κ(wbᵀ + bwᵀ),   ρ = 2εm₁/‖w‖³,  κ = 2ε/‖w‖,  γ = 2ε(m₁/‖w‖ + ε),</pre>
 *
 * (A: the held rows x_k, {@link SignPieceNewton}), each product Hv costing one Sv (d²) and O(d).
 * The preconditioner is the constraint preconditioner of Gould, Hribar &amp; Nocedal (SIAM J. Sci.
 * Comput. 23, 2001) with M = H at the last point where H was factored:
 *
 * <pre>  P(r) = q − Y(AY)⁻¹Aq,   q = M⁻¹r,   Y = M⁻¹Aᵀ,</pre>
 *
 * whose iterates all satisfy Ap = 0. Between the steps of a Newton run H moves by the change of γ
 * (a multiple of I) and of the rank-two term; CG on M⁻¹H converges in a few iterations while those
 * changes are small, and each costs about 3d² against d³/3 for a fresh Cholesky. A column of Y is
 * solved once when its row is held and kept until M is factored again, so holding one more row
 * costs one solve (2d²) instead of the h + 1 solves of the range-space step. When CG needs more
 * than {@link #REFRESH_ITERATIONS} iterations, M is factored again at the next step.
 *
 * <p>Not thread-safe: one instance per Newton run.
 */
final class PieceDirection {
    /** CG iterations above which the next step factors H afresh (a factorisation costs ~10 iterations). */
    static final int REFRESH_ITERATIONS = 5;
    /**
     * Below this many features H is factored at every step (then CG ends in one iteration): a
     * factorisation costs d³/3, little at d = 20, where after fsl2d20's cheaper line search the
     * kept factor measured 1.2–1.3× main's CPU time at n = 10⁴ (one interleaved round, load 4.7).
     */
    static final int KEEP_MIN_D = 64;
    /** CG iterations before the solve is abandoned (M is then factored at the current point). */
    private static final int MAX_ITERATIONS = 40;
    /** The relative tolerance on rᵀP(r) is at most this, and tighter as the decrement falls. */
    private static final double LOOSE = 1e-10;
    /** ... and at least this (the recursion's round-off floor). */
    private static final double FLOOR = 1e-28;

    private final SufficientStatistics st;
    private final int d;
    private final NewtonSystem m;
    /**
     * The factor's rows, U of M = UᵀU in each row's upper triangle (c ≥ j) and L = Uᵀ in its
     * strictly lower part (c &lt; j; {@link NewtonSystem} does not use that part): row j holds L_jc
     * for c ≤ j, the diagonal shared, with no second d × d array per run.
     */
    private final double[][] lower;

    private boolean factored;
    private boolean refresh = true;
    /** S (d × d), formed before the run. */
    private final double[] s;
    /** Sv by columns (the same bits as {@link SufficientStatistics#times}). */
    private final SymmetricProduct product;
    /** Y's columns M⁻¹x_k of the held rows and AY's entries for the current factor. */
    private final HeldColumns columns = new HeldColumns();

    /** The curvature of the current point. */
    private SignPiece.Curvature curvature;

    private double[] w;
    private double[] b;
    /** CG iterations of the last solve, and in all. */
    int iterations;

    int factorisations;

    PieceDirection(SufficientStatistics st) {
        this.st = st;
        this.d = st.d;
        this.m = new NewtonSystem(d);
        this.lower = m.factorRows();
        this.s = st.gram();
        this.product = new SymmetricProduct(s, d);
    }

    /**
     * The point's curvature (class comment) from w, b and m₁ = t − bᵀw (w and b are copied).
     */
    void at(double eps, double[] w, double[] b, double m1) {
        double nw = Math.sqrt(Vectors.dot(w, w));
        this.w = w.clone();
        this.b = b.clone();
        this.curvature = SignPiece.Curvature.at(eps, m1, nw);
        // below KEEP_MIN_D, H is factored at every new point (a solve again at the same point,
        // with other constraints, keeps the factor and its columns)
        refresh = refresh || d < KEEP_MIN_D;
    }

    /**
     * The direction p (Ap = 0) into {@code p} and g + Hp into {@code model}, for the held rows
     * {@code held} (their sample indices {@code keys}, h = keys.length); {@code f}: F at the point,
     * which scales the tolerance. False if H cannot be factored.
     */
    boolean solve(double[] g, double[][] held, int[] keys, double f, double[] p, double[] model) {
        return solve(g, held, keys, null, f, p, model);
    }

    /**
     * As {@link #solve(double[], double[][], int[], double, double[], double[])} with A p =
     * {@code targets} (null: 0; docs/math.md §6.3 item 8): CG starts from the feasible
     * p₀ = Y(AY)⁻¹t, whose residual g + Hp₀ it then projects, so every iterate keeps A p = t.
     */
    boolean solve(double[] g, double[][] held, int[] keys, double[] targets, double f, double[] p, double[] model) {
        if (refresh || !factored) {
            if (!refactor()) {
                return false;
            }
        }
        int h = keys.length;
        double[][] y = new double[h][];
        int[] slots = new int[h];
        for (int k = 0; k < h; k++) {
            slots[k] = column(keys[k], held[k]);
            y[k] = columns.column(slots[k]);
        }
        NewtonSystem ay = null;
        if (h > 0) {
            ay = new NewtonSystem(h);
            for (int a = 0; a < h; a++) {
                for (int c = a; c < h; c++) {
                    double v = columns.product(slots[a], held[a], slots[c]);
                    ay.hessian[a * h + c] = v;
                    ay.hessian[c * h + a] = v;
                }
            }
            if (!ay.factor()) {
                return false;
            }
        }
        Arrays.fill(p, 0);
        // r: the residual g + Hp less Aᵀλ for the multiplier estimate λ of each preconditioning
        // (Gould, Hribar & Nocedal's residual update: near the optimum g is almost all in the range
        // of Aᵀ, and projecting it unreduced loses the small null-space part to cancellation)
        double[] r = g.clone();
        double[] gh = g.clone();
        if (targets != null && h > 0) {
            double[] lambda = targets.clone();
            ay.solveFactored(lambda);
            for (int k = 0; k < h; k++) {
                addScaled(p, lambda[k], y[k], d);
            }
            double[] hp = times(p);
            addScaled(r, 1, hp, d);
            addScaled(gh, 1, hp, d);
        }
        double[] dir = new double[d];
        double rv = 0;
        double rv0 = 0;
        double tol = 0;
        int it = 0;
        // every loop over the d coordinates is a small static method of its own, and the
        // preconditioner has one call site: the CG loop then holds no long inner loop and the JIT
        // compiles it once as a whole instead of replacing it on the stack loop by loop (each such
        // compile of the whole solve took 0.25–1 s of the one C2 thread in a fresh JVM, while the
        // n = 10³, d = 100 fits ran partly uncompiled)
        while (true) {
            double[] v = precondition(r, held, y, ay);
            double next = Vectors.dot(r, v);
            if (it == 0) {
                rv0 = next;
                negate(v, dir, d);
                tol = Math.max(FLOOR, Math.min(LOOSE, Math.abs(rv0) / Math.max(f, 1e-300)));
            } else {
                if (next <= tol * rv0) {
                    break;
                }
                conjugate(dir, v, next / rv, d);
            }
            rv = next;
            if (!(rv > 0 && it < MAX_ITERATIONS)) {
                break;
            }
            double[] hd = times(dir);
            double curv = Vectors.dot(dir, hd);
            if (!(curv > 0)) {
                break;
            }
            it++;
            advance(p, r, gh, dir, hd, rv / curv, d);
        }
        iterations = it;
        refresh = refresh || it > REFRESH_ITERATIONS;
        if (!Vectors.allFinite(p)) {
            refresh = true;
            return false;
        }
        System.arraycopy(gh, 0, model, 0, d);
        return true;
    }

    private boolean refactor() {
        SignPiece.hessian(s, d, w, b, curvature, m.hessian);
        return factorHessian();
    }

    /** Factors the matrix in {@link NewtonSystem#hessian} as M. */
    private boolean factorHessian() {
        columns.clear();
        factorisations++;
        factored = m.factor();
        refresh = !factored;
        if (factored) {
            transpose(lower, d);
        }
        return factored;
    }

    /** u[c][j] = u[j][c] for c &gt; j: Uᵀ into the strictly lower part of the factor's rows. */
    private static void transpose(double[][] u, int d) {
        for (int j = 0; j < d; j++) {
            double[] uj = u[j];
            for (int c = j + 1; c < d; c++) {
                u[c][j] = uj[c];
            }
        }
    }

    /**
     * v ← M⁻¹v = U⁻¹U⁻ᵀv with both triangular solves as axpys (Uᵀz = v along the rows of U, then
     * Us = z along the rows of L = Uᵀ), the loop shape C2 vectorises (see {@link NewtonSystem}).
     */
    private void solveM(double[] v) {
        NewtonSystem.forward(m.factorRows(), v, d);
        backward(lower, v, d);
    }

    /**
     * v ← L⁻ᵀv = U⁻¹v along the rows of L = Uᵀ (row j holds L_jc for c ≤ j), from the last row up
     * by panels of four as {@link NewtonSystem#forward} (the same bits as one axpy per pivot).
     */
    static void backward(double[][] lower, double[] v, int d) {
        int j = d - 1;
        for (; j >= 3; j -= 4) {
            double[] l0 = lower[j];
            double[] l1 = lower[j - 1];
            double[] l2 = lower[j - 2];
            double[] l3 = lower[j - 3];
            double s0 = v[j] / l0[j];
            double v1 = v[j - 1] - s0 * l0[j - 1];
            double v2 = v[j - 2] - s0 * l0[j - 2];
            double v3 = v[j - 3] - s0 * l0[j - 3];
            double s1 = v1 / l1[j - 1];
            v2 -= s1 * l1[j - 2];
            v3 -= s1 * l1[j - 3];
            double s2 = v2 / l2[j - 2];
            v3 -= s2 * l2[j - 3];
            double s3 = v3 / l3[j - 3];
            v[j] = s0;
            v[j - 1] = s1;
            v[j - 2] = s2;
            v[j - 3] = s3;
            NewtonSystem.subtractFour(v, s0, l0, s1, l1, s2, l2, s3, l3, 0, j - 3);
        }
        for (; j >= 0; j--) {
            double[] lj = lower[j];
            double sj = v[j] / lj[j];
            v[j] = sj;
            subtractScaled(v, sj, lj, 0, j);
        }
    }

    /** v[c] −= s·x[c] for c in [from, to). */
    private static void subtractScaled(double[] v, double s, double[] x, int from, int to) {
        for (int c = from; c < to; c++) {
            v[c] -= s * x[c];
        }
    }

    /** The slot of Y's column M⁻¹x for the held row {@code key} (solved once per factor). */
    private int column(int key, double[] x) {
        int slot = columns.slot(key);
        if (slot >= 0) {
            return slot;
        }
        double[] col = x.clone();
        solveM(col);
        return columns.add(key, col);
    }

    /** S v (a new array) by this run's {@link SymmetricProduct}: bit for bit {@link SufficientStatistics#times}. */
    double[] gramTimes(double[] v) {
        double[] out = new double[d];
        product.times(v, out);
        return out;
    }

    /** Hv (class comment): one Sv ({@link SymmetricProduct}) and O(d). */
    private double[] times(double[] v) {
        double[] out = gramTimes(v);
        addCurvature(out, v, w, b, curvature, Vectors.dot(w, v), Vectors.dot(b, v), d);
        return out;
    }

    /** out ← 2·out + γv − ρw(wᵀv) − κ(w(bᵀv) + b(wᵀv)), out = Sv on entry. */
    private static void addCurvature(
            double[] out, double[] v, double[] w, double[] b, SignPiece.Curvature c, double wv, double bv, int d) {
        double gamma = c.gamma();
        double rho = c.rho();
        double kappa = c.kappa();
        for (int j = 0; j < d; j++) {
            out[j] = 2 * out[j] + gamma * v[j] - rho * w[j] * wv - kappa * (w[j] * bv + b[j] * wv);
        }
    }

    /** v += s·x. */
    private static void addScaled(double[] v, double s, double[] x, int d) {
        for (int j = 0; j < d; j++) {
            v[j] += s * x[j];
        }
    }

    /** p += αdir, r += αHdir, gh += αHdir. */
    private static void advance(double[] p, double[] r, double[] gh, double[] dir, double[] hd, double alpha, int d) {
        for (int j = 0; j < d; j++) {
            p[j] += alpha * dir[j];
            r[j] += alpha * hd[j];
            gh[j] += alpha * hd[j];
        }
    }

    /** dir ← −v + β·dir. */
    private static void conjugate(double[] dir, double[] v, double beta, int d) {
        for (int j = 0; j < d; j++) {
            dir[j] = -v[j] + beta * dir[j];
        }
    }

    /** dir ← −v. */
    private static void negate(double[] v, double[] dir, int d) {
        for (int j = 0; j < d; j++) {
            dir[j] = -v[j];
        }
    }

    /** P(r) = q − Y(AY)⁻¹Aq, q = M⁻¹r; r ← r − Aᵀ(AY)⁻¹Aq (which leaves rᵀP(r) unchanged). */
    private double[] precondition(double[] r, double[][] held, double[][] y, NewtonSystem ay) {
        double[] q = r.clone();
        solveM(q);
        int h = held.length;
        if (h == 0) {
            return q;
        }
        double[] aq = new double[h];
        for (int k = 0; k < h; k++) {
            aq[k] = Vectors.dot(held[k], q);
        }
        ay.solveFactored(aq);
        for (int k = 0; k < h; k++) {
            subtractTwo(q, r, aq[k], y[k], held[k], d);
        }
        return q;
    }

    /** q −= l·y, r −= l·a. */
    private static void subtractTwo(double[] q, double[] r, double l, double[] y, double[] a, int d) {
        for (int j = 0; j < d; j++) {
            q[j] -= l * y[j];
            r[j] -= l * a[j];
        }
    }
}
