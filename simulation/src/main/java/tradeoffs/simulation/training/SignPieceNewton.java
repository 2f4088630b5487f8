package tradeoffs.simulation.training;

import java.util.Arrays;
import tradeoffs.theory.optim.Vectors;

/**
 * Newton on the sign pieces of the ℓ2-attack objective with an exact line search across kinks
 * (docs/math.md §6.3 items 4–6 and 8, [derived]). On a piece — signs s_i = sign r_i fixed for the
 * free rows, the rows of a set Z held at r_i = 0 — F, ∇F and ∇²F cost O(d²) given b and t
 * ({@link SignPiece}), which change only by the rows whose sign flips. Each step solves the Newton
 * system with Z held, and the rows near zero ({@link ZeroPrediction}) driven to zero,
 * ({@link PieceDirection}: projected conjugate gradients with a kept factor), forms z = Xp (one
 * pass) and minimises F exactly
 * along p ({@link KinkLineSearch}): the rows whose kinks lie before the minimum flip sign, and
 * when the minimum sits on a kink its row joins Z. When the Newton decrement is at round-off the
 * point is certified ({@link DualCertificate}, the held rows as its band); held rows whose solved
 * dual sign leaves [−1, 1] are released with that sign (the derivative of F along r_k then
 * falls, docs/math.md §6.3) and Newton continues; predicted rows that the step brings to zero
 * join Z. From step {@link #GIVE_UP_STEPS} on, a held row is released only at a point that the
 * last step reached without stopping on a kink, one row at a time (item 10: otherwise the held set
 * can zigzag without end). Every row stays explicit, so the certificate
 * is final.
 */
final class SignPieceNewton {
    /** Newton steps before the route gives up (the caller then runs the smoothing stages). */
    static final int MAX_STEPS = 60;
    /**
     * From this step on, a decrement still above {@link #GIVE_UP_DECREMENT}·F ends the route. In the
     * benchmark cells (n = 10³–10⁵, d = 20 and 100, ε at 0.05 and 0.5 of the threshold) the
     * decrement is below 1e-5·F from step 6 on (at step 8 at most 4.3e-7·F); on samples where the
     * mean-|r| term dominates (y = Σ(0.5 + 0.05j)x_j + N(0,1), n = 10³, d = 100, PieceDirectionTest)
     * every step stops on a kink after τ ≈ 0.002–0.05 and the decrement stays at 3e-4–5e-3·F for 60
     * steps: Newton's model does not see the kinks there, and the smoothing stages do better.
     * From the same step on, held rows are released only as docs/math.md §6.3 item 10 says (before
     * it the steps are long and the rows held early are often wrong by far: SignPieceNewtonTest's
     * generator, n = 10³, d = 20, 0.5 of the threshold, seed 27, held a row with σ ≈ 5 through 19
     * steps under that rule from the start, and 5 of 41 seeds there took 1–4 more passes).
     */
    static final int GIVE_UP_STEPS = 8;

    private static final double GIVE_UP_DECREMENT = 1e-4;
    /** How many certificates the route may compute (each one pass and a small least squares). */
    private static final int MAX_CERTIFICATES = 4;
    /**
     * Certify when the decrement −∇Fᵀp is below this fraction of F (as the exact finish: the gap
     * is first order in ‖∇F‖, the decrement second order, so this runs to round-off) ...
     */
    private static final double STOP = 1e-24;
    /**
     * ... or below this fraction and no longer falling by 100× per step: F from the moments has
     * round-off of order 1e-16·F, and Newton steps under it wander (n = 10³, d = 100: the
     * decrement stalled between 1e-22 and 1e-18 with steps τ up to 10³).
     */
    private static final double STOP_NEAR = 1e-16;

    /**
     * Below {@link #STOP_NEAR}, a line search that goes beyond this multiple of the Newton step
     * follows round-off (the step's predicted length is 1); the point is certified unmoved.
     */
    private static final double ROUNDOFF_TAU = 4;

    /** The screening radius is this many times the length of the last step. */
    private static final double SCREEN_FACTOR = 3;
    /** Rows are screened only when at most this fraction of them stays explicit. */
    private static final double SCREEN_MAX_FRACTION = 0.25;

    private final FitRun run;
    private final SufficientStatistics st;
    private final int n;
    private final int d;
    private final double eps;
    private final double[] w;
    /** ‖x_i‖ of every row. */
    private final double[] xnorm;
    /** The explicit rows U: their sample rows, x (row-major, compact), y, residuals, signs, held flags. */
    private int[] u;

    private int m;
    private double[] xu;
    private double[] yu;
    private final double[] r;
    private final byte[] sign;
    private final boolean[] held;
    /** Positions in U of the held rows. */
    private int[] heldRows;

    private int h;
    /** The rows the next step drives to zero. */
    private final ZeroPrediction near = new ZeroPrediction();
    /** ‖Δw‖ of the last step (NaN before the first: nothing is predicted). */
    private double lastStep = Double.NaN;
    /**
     * Whether the last step was blocked: its line search stopped on a kink, or a predicted row
     * reached zero (so the held set grew and the point is not the minimiser of the model on it).
     */
    private boolean blocked;

    /** b and t over all free rows, and their part over the screened rows G (fixed between screens). */
    private final double[] b;

    private double t;
    private final double[] bG;
    private double tG;
    /** Where the rows were last screened and the radius within which G keeps its signs (∞: no screen). */
    private final double[] center;

    private double radius = Double.POSITIVE_INFINITY;
    /** The signs of every row at the last screen (those of G stay valid within the radius). */
    private byte[] screenSigns;

    private final double[] row;

    private SignPieceNewton(FitRun run, double[] start) {
        this.run = run;
        this.st = run.stats;
        this.n = st.n;
        this.d = st.d;
        this.eps = run.eps;
        this.w = start.clone();
        this.r = new double[n];
        this.sign = new byte[n];
        this.held = new boolean[n];
        this.heldRows = new int[Math.max(d, 1)];
        this.b = new double[d];
        this.bG = new double[d];
        this.center = new double[d];
        this.row = new double[d];
        this.xnorm = new double[n];
        this.u = null;
        this.m = n;
        this.xu = st.x;
        this.yu = st.y;
        double[] x = st.x;
        double[] y = st.y;
        // the residuals by the four-row kernel (the same bits as one dot per row), then one
        // sweep for sign, b and ‖x_i‖
        SmoothedObjective.residuals(x, y, n, d, w, r);
        double sumY = SignPiece.signsAndNorms(x, y, r, n, d, sign, b, xnorm);
        for (int j = 0; j < d; j++) {
            b[j] /= n;
        }
        this.t = sumY / n;
        run.passes++;
    }

    /**
     * Minimises F (ℓ2 attack) from {@code start} on the run's explicit rows (the classes must be
     * exact): the certified fit, or the best uncertified one.
     */
    static EmpiricalFit fit(FitRun run, double[] start) {
        return new SignPieceNewton(run, start).run(new PieceDirection(run.stats));
    }

    private EmpiricalFit run(PieceDirection system) {
        double[] c = st.xty;
        double[] g = new double[d];
        double[] p = new double[d];
        double[] z = new double[n];
        double[] tau = new double[n];
        int[] order = new int[n];
        EmpiricalFit best = null;
        int certificates = 0;
        double previous = Double.POSITIVE_INFINITY;
        boolean roundoff = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] sw = system.gramTimes(w);
            double f = SignPiece.objective(st, eps, b, t, w, sw, g, null);
            double nw = Math.sqrt(Vectors.dot(w, w));
            if (roundoff) {
                // w has not moved since the direction at round-off: certify with it (solving it
                // again gave the same p, after a new factorisation when its CG had run long)
                near.clear();
            } else {
                system.at(eps, w, b, t - Vectors.dot(b, w));
                near.choose(r, held, xnorm, u, m, ZeroPrediction.limit(d, h), ZeroPrediction.RADIUS * lastStep);
                if (!direction(system, sw, g, p, eps * nw, f, step >= GIVE_UP_STEPS)) {
                    break;
                }
                run.steps++;
            }
            double dec = -Vectors.dot(g, p);
            if (step >= GIVE_UP_STEPS && dec > GIVE_UP_DECREMENT * f) {
                // still far from a minimum after this many steps: the pieces are too fine for
                // Newton's model (the smoothing stages take over)
                break;
            }
            // converged: the decrement at round-off, or below STOP_NEAR and no longer falling
            // quadratically (the round-off floor, where further steps only wander), or a
            // direction at round-off (below)
            boolean converged = !(dec > STOP * f) || (dec <= STOP_NEAR * f && dec > 0.01 * previous) || roundoff;
            roundoff = false;
            previous = dec;
            if (converged) {
                previous = Double.POSITIVE_INFINITY;
                ScreenedCertificate.Result cert = certify();
                EmpiricalFit fit = cert.fit();
                certificates++;
                if (cert.verified()) {
                    best = ExactFinish.better(best, fit);
                    if (fit.certified()) {
                        return best;
                    }
                }
                if (certificates >= MAX_CERTIFICATES) {
                    break;
                }
                if (release(run.lastBandSigns)) {
                    continue;
                }
            }
            if (u == null) {
                // screen with the radius a few times this Newton step (an O(n) count, no pass)
                screen(SCREEN_FACTOR * Math.sqrt(Vectors.dot(p, p)), false);
                if (u != null) {
                    near.renumber(u);
                }
            }
            SmoothedObjective.dots(xu, 0, m, d, p, z);
            run.visit(m);
            double[] sp = system.gramTimes(p);
            double m2b = dotDifference(p, sw, c, d);
            double m2c = Vectors.dot(p, sp);
            double cap = Double.POSITIVE_INFINITY;
            double rest = 0;
            double restZ = 0;
            if (u != null) {
                // G keeps its signs while ‖w + τp − center‖ ≤ radius
                double pp = Vectors.dot(p, p);
                double ep = dotDifference(p, w, center, d);
                double ee = normDifference(w, center, d);
                cap = (-ep + Math.sqrt(Math.max(ep * ep - pp * (ee - radius * radius), 0))) / pp;
                rest = n * (tG - Vectors.dot(bG, w));
                restZ = n * Vectors.dot(bG, p);
            }
            KinkLineSearch line = new KinkLineSearch(eps, n, m2b, m2c, nw * nw, Vectors.dot(w, p), Vectors.dot(p, p));
            KinkLineSearch.Step ls = line.minimise(r, z, m, held, rest, restZ, cap, tau, order);
            if (dec <= STOP_NEAR * f && ls.tau() > ROUNDOFF_TAU) {
                // a direction at round-off (the solve's residual is of the size of ∇F itself):
                // the line search runs far along noise and lands where ∇F is larger; certify here
                roundoff = true;
                continue;
            }
            if (ls.tau() <= 0) {
                break;
            }
            move(ls.tau(), p, z, ls.kinkRow());
            lastStep = ls.tau() * Math.sqrt(Vectors.dot(p, p));
            int heldAfterMove = h;
            for (int k = 0; k < near.count(); k++) {
                int i = near.row(k);
                if (!held[i] && near.reached(k, r[i])) {
                    t += hold(i) / n;
                }
            }
            near.clear();
            blocked = ls.kinkRow() >= 0 || h > heldAfterMove;
            if (u != null && ls.tau() >= cap) {
                screen(SCREEN_FACTOR * ls.tau() * Math.sqrt(Vectors.dot(p, p)), true);
            }
        }
        ScreenedCertificate.Result last = certify();
        EmpiricalFit fit = last.verified()
                ? last.fit()
                : DualCertificate.certify(run, w, 0.0, new NormTerm.L2(), heldSampleRows());
        return ExactFinish.better(best, fit);
    }

    /**
     * The certificate at w: while rows are screened, on the screened rows and then verified on
     * every row in one pass ({@link ScreenedCertificate}; not final when the reduced certificate
     * falls short, which still leaves the held rows' solved signs for {@link #release}); with every
     * row explicit otherwise.
     */
    private ScreenedCertificate.Result certify() {
        if (u == null) {
            return new ScreenedCertificate.Result(
                    DualCertificate.certify(run, w, 0.0, new NormTerm.L2(), heldSampleRows()), true);
        }
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = n * bG[j];
        }
        SignClasses classes = SignClasses.screened(st, u, xu, yu, m, screenSigns, v, n * tG);
        return ScreenedCertificate.certify(run, w, classes, Arrays.copyOf(heldRows, h));
    }

    /** The sample rows of the held rows, increasing. */
    private int[] heldSampleRows() {
        int[] rows = new int[h];
        for (int k = 0; k < h; k++) {
            rows[k] = u == null ? heldRows[k] : u[heldRows[k]];
        }
        Arrays.sort(rows);
        return rows;
    }

    /**
     * Splits the rows at w into U (|r_i| ≤ ‖x_i‖·radius, and the held rows) and G (the rest, whose
     * signs cannot change while ‖w' − w‖ ≤ radius, since |r_i(w') − r_i(w)| ≤ ‖x_i‖‖w' − w‖), when
     * U is at most a quarter of the rows; otherwise every row stays explicit. {@code recompute}: the
     * residuals of G are not current (a pass recomputes them).
     */
    private void screen(double rad, boolean recompute) {
        double[] x = st.x;
        double[] y = st.y;
        // every row's residual and sign at w, in sample order
        if (!recompute && u == null) {
            int count = countNear(r, xnorm, rad, null, n);
            if (count + h > SCREEN_MAX_FRACTION * n) {
                return;
            }
        }
        double[] all = new double[n];
        byte[] signs = new byte[n];
        boolean[] isHeld = new boolean[n];
        if (recompute) {
            SmoothedObjective.residuals(x, y, n, d, w, all);
            run.passes++;
            signsOf(all, signs, n);
            // U's own rows keep their tracked residuals, signs and held flags
            for (int k = 0; k < m; k++) {
                int i = u[k];
                all[i] = r[k];
                signs[i] = sign[k];
                isHeld[i] = held[k];
            }
        } else {
            System.arraycopy(r, 0, all, 0, n);
            System.arraycopy(sign, 0, signs, 0, n);
            System.arraycopy(held, 0, isHeld, 0, n);
        }
        int count = countNear(all, xnorm, rad, isHeld, n);
        if (count > SCREEN_MAX_FRACTION * n) {
            if (u != null) {
                // back to every row explicit
                int[] pos = heldSampleRows();
                u = null;
                m = n;
                xu = x;
                yu = y;
                System.arraycopy(all, 0, r, 0, n);
                System.arraycopy(signs, 0, sign, 0, n);
                System.arraycopy(isHeld, 0, held, 0, n);
                System.arraycopy(pos, 0, heldRows, 0, h);
            }
            radius = Double.POSITIVE_INFINITY;
            return;
        }
        int[] rows = new int[count];
        double[] nx = new double[count * d];
        double[] ny = new double[count];
        int k = 0;
        int hk = 0;
        Arrays.fill(bG, 0);
        double[] bU = new double[d];
        double tU = 0;
        for (int i = 0; i < n; i++) {
            if (isHeld[i] || Math.abs(all[i]) <= xnorm[i] * rad) {
                rows[k] = i;
                System.arraycopy(x, i * d, nx, k * d, d);
                ny[k] = y[i];
                r[k] = all[i];
                sign[k] = signs[i];
                held[k] = isHeld[i];
                if (isHeld[i]) {
                    heldRows[hk++] = k;
                } else {
                    GramKernel.addScaledRow(bU, signs[i], x, i * d, row);
                    tU += signs[i] * y[i];
                }
                k++;
            }
        }
        for (int j = 0; j < d; j++) {
            bG[j] = b[j] - bU[j] / n;
        }
        tG = t - tU / n;
        u = rows;
        m = count;
        xu = nx;
        yu = ny;
        screenSigns = signs;
        System.arraycopy(w, 0, center, 0, d);
        radius = rad;
    }

    /** The rows with |r_i| ≤ ‖x_i‖·rad or held ({@code held} null: none). */
    private static int countNear(double[] r, double[] xnorm, double rad, boolean[] held, int n) {
        int count = 0;
        if (held == null) {
            for (int i = 0; i < n; i++) {
                count += Math.abs(r[i]) <= xnorm[i] * rad ? 1 : 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                count += held[i] || Math.abs(r[i]) <= xnorm[i] * rad ? 1 : 0;
            }
        }
        return count;
    }

    /** sign r_i (zero counts as +1). */
    private static void signsOf(double[] r, byte[] signs, int n) {
        for (int i = 0; i < n; i++) {
            signs[i] = r[i] > 0 ? (byte) 1 : r[i] < 0 ? (byte) -1 : 1;
        }
    }

    /**
     * The Newton direction with the held rows A (range-space KKT step), the predicted rows asked
     * to reach zero (A p = r_A there, docs/math.md §6.3 item 8); then the dual signs the step
     * predicts, σ = (n/2a)(AAᵀ)⁻¹A(g + Hp) (stationarity of the model on the held set asks
     * g + Hp = (2a/n)Aᵀσ, docs/math.md §6.3): the predicted rows with |s_i + σ_i| &gt; 1 are dropped
     * (once), and while the largest |σ_k| of a held row exceeds 1, that row is released with the
     * sign of σ_k and the direction solved again. A prediction whose step is no longer a descent
     * of more than {@link #STOP_NEAR}·F is dropped whole. With {@code patient} (from step
     * {@link #GIVE_UP_STEPS} on) rows are released as in a primal active-set method
     * (docs/math.md §6.3 item 10): none after a {@link #blocked} step unless the decrement on the
     * held set is at round-off (≤ {@link #STOP_NEAR}·F), and at most one per direction.
     */
    private boolean direction(
            PieceDirection system, double[] sw, double[] g, double[] p, double a, double f, boolean patient) {
        double[] model = new double[d];
        boolean checked = false;
        boolean released = false;
        while (true) {
            int q = near.count();
            int c = h + q;
            double[][] rows = new double[c][];
            int[] keys = new int[c];
            double[] targets = q == 0 ? null : new double[c];
            for (int k = 0; k < c; k++) {
                int pos = k < h ? heldRows[k] : near.row(k - h);
                rows[k] = Arrays.copyOfRange(xu, pos * d, pos * d + d);
                keys[k] = u == null ? pos : u[pos];
                if (k >= h) {
                    targets[k] = near.target(k - h);
                }
            }
            if (!system.solve(g, rows, keys, targets, f, p, model)) {
                return false;
            }
            if (q > 0 && !(-Vectors.dot(g, p) > STOP_NEAR * f)) {
                near.clear();
                continue;
            }
            if (c == 0) {
                return true;
            }
            NewtonSystem aat = new NewtonSystem(c);
            double[] rhs = new double[c];
            for (int k = 0; k < c; k++) {
                rhs[k] = -Vectors.dot(rows[k], model) * n / (2 * a);
                for (int l = 0; l < c; l++) {
                    aat.hessian[k * c + l] = Vectors.dot(rows[k], rows[l]);
                }
            }
            double[] sigma = new double[c];
            if (!aat.direction(rhs, sigma)) {
                return true;
            }
            if (q > 0 && !checked && near.keepConsistent(sign, sigma, h)) {
                checked = true;
                continue;
            }
            int worst = -1;
            for (int k = 0; k < h; k++) {
                if (Math.abs(sigma[k]) > 1 && (worst < 0 || Math.abs(sigma[k]) > Math.abs(sigma[worst]))) {
                    worst = k;
                }
            }
            if (worst < 0 || patient && (released || (blocked && -Vectors.dot(g, p) > STOP_NEAR * f))) {
                // σ belongs to the model's minimiser on the held set, which a blocked step did not
                // reach: keep the rows held until a step does (item 10)
                return true;
            }
            double[] one = new double[h];
            one[worst] = sigma[worst];
            releaseRows(one);
            released = true;
            // the released row is free again: the gradient and curvature of the new piece
            SignPiece.objective(st, eps, b, t, w, sw, g, null);
            system.at(eps, w, b, t - Vectors.dot(b, w));
        }
    }

    /** w += τp, r −= τz; signs, b and t follow the rows that changed sign; {@code hold} joins Z. */
    private void move(double step, double[] p, double[] z, int hold) {
        for (int j = 0; j < d; j++) {
            w[j] += step * p[j];
        }
        double dt = SignPiece.flipSigns(step, z, hold, r, sign, b, xu, yu, m, d, n, row);
        if (hold >= 0) {
            dt += hold(hold);
        }
        t += dt / n;
    }

    /** Row k of U joins Z: its sign leaves b; returns the change of n·t, −s_k y_k. */
    private double hold(int k) {
        byte old = sign[k];
        GramKernel.addScaledRow(b, -(double) old / n, xu, k * d, row);
        sign[k] = 0;
        held[k] = true;
        if (h == heldRows.length) {
            heldRows = Arrays.copyOf(heldRows, 2 * h);
        }
        heldRows[h++] = k;
        Arrays.sort(heldRows, 0, h);
        return -old * yu[k];
    }

    /** Σ_j p_j (a_j − c_j) in index order. */
    private static double dotDifference(double[] p, double[] a, double[] c, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += p[j] * (a[j] - c[j]);
        }
        return sum;
    }

    /** ‖a − c‖² in index order. */
    private static double normDifference(double[] a, double[] c, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double e = a[j] - c[j];
            sum += e * e;
        }
        return sum;
    }

    /**
     * Releases the held rows whose solved dual sign σ_k (unclipped, from the last certificate)
     * has |σ_k| &gt; 1, with the sign of σ_k; false if there is none.
     */
    private boolean release(double[] sigma) {
        if (sigma == null) {
            return false;
        }
        return releaseRows(sigma);
    }

    private boolean releaseRows(double[] sigma) {
        int kept = 0;
        boolean any = false;
        int[] rows = Arrays.copyOf(heldRows, h);
        for (int k = 0; k < h; k++) {
            int i = rows[k];
            if (Math.abs(sigma[k]) > 1) {
                byte s = sigma[k] > 0 ? (byte) 1 : (byte) -1;
                sign[i] = s;
                held[i] = false;
                GramKernel.addScaledRow(b, (double) s / n, xu, i * d, row);
                t += s * yu[i] / n;
                any = true;
            } else {
                heldRows[kept++] = i;
            }
        }
        h = kept;
        return any;
    }
}
