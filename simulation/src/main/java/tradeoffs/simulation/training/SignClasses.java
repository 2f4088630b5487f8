package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * The rows of a fit split into the explicit rows U and the sign classes G⁺, G⁻ (docs/math.md
 * §6.3; [derived]; the idea is Portnoy and Koenker's 1997 "globbing"). A row of G is summed once
 * with the sign s_i = ±1 its residual had when it was classified; its share of F is then
 * (s_i r_i + a)², a = εN(w), and the sums over G need only
 *
 * <pre>  t₀ = Σ_G s_i y_i,   v = Σ_G s_i x_i,   |G|,</pre>
 *
 * and the moments of {@link SufficientStatistics}:
 *
 * <pre>  Σ_G r_i² = n m₂(w) − Σ_U r_i²,   Σ_G s_i r_i = t₀ − vᵀw,   Σ_G r_i x_i = n(c − Sw) − Σ_U r_i x_i.</pre>
 *
 * So F restricted to the classes (the reduced objective) costs O(|U| d + d²) to evaluate, not a
 * pass over the n rows. Since (s_i r_i + a)² ≤ (|r_i| + a)², the reduced objective is below F
 * and equals F wherever every row of G keeps its sign; the fit checks that, and its certificate,
 * in one pass over all rows at the end ({@link DualCertificate#verify}), and reopens the rows that
 * changed sign. Classifying is optimistic, not a proof: the proof is the certificate.
 *
 * <p>The rows of U are copied into compact arrays (row-major, in increasing row order) when U
 * shrinks, so the solver's loops over U read memory in order; after the first shrink they are
 * compacted in place (the arrays may then be longer than |U|: read the first m rows only). One
 * instance per fit (mutable).
 */
final class SignClasses {
    /** U shrinks only when at least this fraction of its rows leave (a smaller gain is not worth the copy). */
    private static final double MIN_SHRINK = 0.25;

    private final SufficientStatistics stats;
    /** Row indices of U in the sample, increasing; null while U is every row (then local = global). */
    private int[] rows;
    /** x and y of the rows of U, compact (the sample's own arrays while U is every row). */
    double[] x;

    double[] y;
    /** |U|. */
    int m;
    /** t₀ = Σ_G s_i y_i. */
    double t0;
    /** v = Σ_G s_i x_i. */
    final double[] v;
    /** |G|. */
    int count;
    /**
     * Per sample row: +1 or −1 in G with that sign, 0 in U, {@link #PINNED} in U for good (a row
     * that was reopened: it changed sign once, so it may sit at zero at the optimum). Null while U
     * is every row.
     */
    private byte[] sign;

    private static final byte PINNED = 2;
    /** How many rows are {@link #PINNED}. */
    private int pinned;
    /** The residual threshold of the last shrink: rows of G had |r| above it when they left U. */
    double threshold;
    /** Counts the changes of U's rows ({@link #shrink}, {@link #reopen}): equal versions, same rows. */
    int version;

    /** U = every row, G empty. */
    SignClasses(SufficientStatistics stats) {
        this.stats = stats;
        this.x = stats.x;
        this.y = stats.y;
        this.m = stats.n;
        this.v = new double[stats.d];
    }

    /**
     * U = the sample rows {@code rows} (increasing; their x and y compact in {@code x}, {@code y},
     * m of them) and G every other row i with the sign {@code signs[i]} (±1; entries of U's rows
     * are not read), with t₀ = Σ_G s_i y_i and v = Σ_G s_i x_i given: the split a solver that
     * screened its rows itself hands to {@link DualCertificate} (see {@link ScreenedCertificate}).
     * The arrays are kept, not copied; {@code signs} is copied.
     */
    static SignClasses screened(
            SufficientStatistics stats,
            int[] rows,
            double[] x,
            double[] y,
            int m,
            byte[] signs,
            double[] v,
            double t0) {
        SignClasses c = new SignClasses(stats);
        byte[] sign = signs.clone();
        for (int k = 0; k < m; k++) {
            sign[rows[k]] = 0;
        }
        c.sign = sign;
        c.rows = rows;
        c.x = x;
        c.y = y;
        c.m = m;
        System.arraycopy(v, 0, c.v, 0, stats.d);
        c.t0 = t0;
        c.count = stats.n - m;
        return c;
    }

    /** The row of the sample held at position k of U. */
    int row(int k) {
        return rows == null ? k : rows[k];
    }

    /** Sign class of sample row i: +1, −1 (in G), 0 (in U). */
    int sign(int i) {
        return sign == null || sign[i] == PINNED ? 0 : sign[i];
    }

    /** Whether every row is explicit (then F restricted to the classes is F). */
    boolean exact() {
        return count == 0;
    }

    /** The rows of U as sample indices (a new array). */
    int[] rows() {
        if (rows == null) {
            int[] all = new int[m];
            for (int k = 0; k < m; k++) {
                all[k] = k;
            }
            return all;
        }
        return Arrays.copyOf(rows, m);
    }

    /**
     * Moves the rows of U with |r_k| > τ into G with the sign of r_k. {@code r} holds the
     * residuals of the rows of U at the current point; {@code u} = Σ_U ρ'(r_k) x_k and {@code uy}
     * = Σ_U ρ'(r_k) y_k come from the same evaluation with Huber width μ ≤ τ (ρ' = sign(r) outside
     * the band), so the sums of the moved rows cost O(d·min(moved, stay)). Does nothing (false)
     * when fewer than a quarter of the rows would leave.
     */
    boolean shrink(double[] r, double tau, double mu, double[] u, double uy) {
        int stay = 0;
        if (pinned == 0) {
            // no row is held in U for good: a plain count the JIT vectorises
            for (int k = 0; k < m; k++) {
                stay += Math.abs(r[k]) <= tau ? 1 : 0;
            }
        } else {
            for (int k = 0; k < m; k++) {
                if (stays(k, r[k], tau)) {
                    stay++;
                }
            }
        }
        int leave = m - stay;
        if (leave == 0 || leave < MIN_SHRINK * m) {
            return false;
        }
        int d = stats.d;
        if (sign == null) {
            sign = new byte[stats.n];
        }
        // after the first shrink x, y and rows are this object's own: compacted in place (the
        // rows that stay move forward, in order), which saves a new |U|·d array per shrink
        boolean own = rows != null;
        // one row more than stay: the two-feature loop writes every row at the next free place
        int[] newRows = own ? rows : new int[stay + 1];
        double[] nx = own ? x : new double[(stay + 1) * d];
        double[] ny = own ? y : new double[stay + 1];
        boolean direct = leave <= stay;
        // Σ_moved s x either directly or as u − Σ_stay ρ' x
        double[] moved = direct ? new double[d] : u.clone();
        double movedY = direct ? 0 : uy;
        double[] row = new double[d];
        int c = 0;
        boolean done = d == 2 && pinned == 0;
        if (done) {
            movedY = shrinkTwoFeatures(r, tau, mu, direct, moved, movedY, newRows, nx, ny);
        }
        for (int k = done ? m : 0; k < m; k++) {
            int i = row(k);
            double rk = r[k];
            int off = k * d;
            if (stays(k, rk, tau)) {
                if (!direct) {
                    // before the row is moved: in place it may overwrite itself only (c ≤ k)
                    double dr = Math.abs(rk) < mu ? rk / mu : Math.signum(rk);
                    GramKernel.addScaledRow(moved, -dr, x, off, row);
                    movedY -= dr * y[k];
                }
                newRows[c] = i;
                System.arraycopy(x, off, nx, c * d, d);
                ny[c] = y[k];
                c++;
            } else {
                double s = rk > 0 ? 1.0 : -1.0;
                sign[i] = (byte) s;
                if (direct) {
                    GramKernel.addScaledRow(moved, s, x, off, row);
                    movedY += s * y[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            v[j] += moved[j];
        }
        t0 += movedY;
        count += leave;
        rows = newRows;
        x = nx;
        y = ny;
        m = stay;
        threshold = tau;
        version++;
        return true;
    }

    /**
     * The loop of {@link #shrink} for d = 2 and no pinned rows, without branches on the data (a
     * row stays or leaves as its residual says, unpredictably): every row is written at the next
     * free place, which advances only when the row stays, and every row adds coef·x_k to the sum
     * of the moved rows with coef = 0 where the general loop adds nothing. That adds ±0 to a sum
     * that is never −0 (it starts at +0 or at u, and a sum of finite terms rounds an exact zero to
     * +0), so the sums have the general loop's bits. Returns the moved rows' Σ s y (or its
     * complement form) and leaves Σ s x in {@code moved}.
     */
    private double shrinkTwoFeatures(
            double[] r,
            double tau,
            double mu,
            boolean direct,
            double[] moved,
            double movedY,
            int[] newRows,
            double[] nx,
            double[] ny) {
        double m0 = moved[0];
        double m1 = moved[1];
        double my = movedY;
        int c = 0;
        for (int k = 0; k < m; k++) {
            int i = row(k);
            double rk = r[k];
            double x0 = x[2 * k];
            double x1 = x[2 * k + 1];
            double yk = y[k];
            double ar = Math.abs(rk);
            int st = ar <= tau ? 1 : 0;
            // a leaving row has |r| > τ ≥ μ ≥ 0, so its sign is copySign(1, r); both arms of each
            // choice are computed so that the choice is a conditional move, not a branch
            double s = Math.copySign(1.0, rk);
            // the Huber slope only where it is used (direct is the same for every row: no misprediction)
            double q = direct ? 0 : rk / mu;
            double coef = direct ? (1 - st) * s : -st * (ar < mu ? q : Math.signum(rk));
            m0 += coef * x0;
            m1 += coef * x1;
            my += coef * yk;
            sign[i] = (byte) ((1 - st) * (int) s);
            newRows[c] = i;
            nx[2 * c] = x0;
            nx[2 * c + 1] = x1;
            ny[c] = yk;
            c += st;
        }
        moved[0] = m0;
        moved[1] = m1;
        return my;
    }

    private boolean stays(int k, double r, double tau) {
        return Math.abs(r) <= tau || (sign != null && sign[row(k)] == PINNED);
    }

    /**
     * Moves rows of G (sample indices, any order, no repeats) back into U for the rest of the fit:
     * their terms in the sums are removed and their data copied into the compact arrays.
     * O((|U| + k) d).
     */
    void reopen(int[] back, int k) {
        if (k == 0) {
            return;
        }
        int d = stats.d;
        double[] sx = stats.x;
        double[] sy = stats.y;
        int[] add = Arrays.copyOf(back, k);
        Arrays.sort(add);
        for (int i : add) {
            double s = sign[i];
            for (int j = 0; j < d; j++) {
                v[j] -= s * sx[i * d + j];
            }
            t0 -= s * sy[i];
            sign[i] = PINNED;
            pinned++;
        }
        count -= k;
        int total = m + k;
        int[] newRows = new int[total];
        double[] nx = new double[total * d];
        double[] ny = new double[total];
        int a = 0;
        int b = 0;
        for (int c = 0; c < total; c++) {
            boolean fromU = b >= k || (a < m && rows[a] < add[b]);
            if (fromU) {
                newRows[c] = rows[a];
                System.arraycopy(x, a * d, nx, c * d, d);
                ny[c] = y[a];
                a++;
            } else {
                int i = add[b++];
                newRows[c] = i;
                System.arraycopy(sx, i * d, nx, c * d, d);
                ny[c] = sy[i];
            }
        }
        rows = newRows;
        x = nx;
        y = ny;
        m = total;
        version++;
    }
}
