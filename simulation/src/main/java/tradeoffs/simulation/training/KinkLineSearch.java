package tradeoffs.simulation.training;

/**
 * The exact minimum of the ℓ2-attack objective along a line (docs/math.md §6.3, [derived]):
 *
 * <pre>  φ(τ) = m₂(w + τp) + 2ε N(τ) A(τ)/n + ε² N(τ)²,
 *        m₂(w + τp) = m₂(w) + 2τ pᵀ(Sw − c) + τ² pᵀSp,   N(τ) = ‖w + τp‖₂,
 *        A(τ) = Σ_{i free} |r_i − τ z_i|,   z = Xp,</pre>
 *
 * which is F(w + τp) when the held rows (r_i = z_i = 0) are left out of A. φ is convex and smooth
 * between the kinks τ_i = r_i/z_i; on a segment A(τ) = R − τZ with R = Σ s_i r_i, Z = Σ s_i z_i
 * for the signs s_i of the segment, and crossing kink i changes R by −2s_i r_i and Z by −2s_i z_i
 * (φ' jumps up by 4εN|z_i|/n). The search walks the kinks in increasing order until φ' turns
 * non-negative: either inside a segment (then a safeguarded Newton iteration on φ' finds the
 * root) or at a kink (φ'(τ_i⁻) &lt; 0 ≤ φ'(τ_i⁺): the minimum sits exactly there and row i is
 * reported for holding). The kinks are gathered in windows (0, 1], (1, 2], (2, 4], … so a Newton
 * step near its full length sorts only the rows whose sign it changes: a row has a kink ahead iff
 * s_i z_i &gt; 0, and τ_i ≤ T iff |r_i| ≤ T·s_i z_i, a product test (with a little slack; the
 * quotient decides) made in the sweep that sums R and Z; a window with many kinks is first
 * narrowed by the sums of equal parts of it, so a step that crosses k kinks costs O(n + k)
 * expected (docs/math.md §6.3 item 5).
 */
final class KinkLineSearch {
    /** The minimiser τ ≥ 0 and the row whose kink it is (−1 when it lies inside a segment). */
    record Step(double tau, int kinkRow, int crossed) {}

    private static final double MAX_TAU = 1e12;
    private static final int ROOT_ITERATIONS = 100;
    /** Above this many kinks in a window, it is first narrowed to one of {@link #BUCKETS} equal parts. */
    private static final int BUCKET_MIN = 64;

    private static final int BUCKETS = 64;
    /**
     * τ_i = |r_i|/|z_i| ≤ top implies |r_i| ≤ top·|z_i|·(1 + 2⁻⁵²) in floating point: the product
     * test with this factor keeps every row the division would, and the division decides.
     */
    private static final double SLACK = 1 + 1e-12;

    private final double[] sumR = new double[BUCKETS];
    private final double[] sumZ = new double[BUCKETS];
    private final int[] inBucket = new int[BUCKETS];

    private final double eps;
    private final int n;
    private final double m2b;
    private final double m2c;
    private final double ww;
    private final double wp;
    private final double pp;
    private double sr;
    private double sz;
    /** Σ|r_i| and Σ s_i z_i of the free rows just above τ = 0, from {@link #sweep}. */
    private double sweepR;

    private double sweepZ;

    /**
     * @param m2b pᵀ(Sw − c)
     * @param m2c pᵀSp
     * @param ww ‖w‖²
     * @param wp wᵀp
     * @param pp ‖p‖²
     */
    KinkLineSearch(double eps, int n, double m2b, double m2c, double ww, double wp, double pp) {
        this.eps = eps;
        this.n = n;
        this.m2b = m2b;
        this.m2c = m2c;
        this.ww = ww;
        this.wp = wp;
        this.pp = pp;
    }

    /**
     * The minimiser of φ over τ ≥ 0 for the residuals r and z = Xp of the rows with
     * {@code held[i] == false} (held null: none held). {@code tau} and {@code order} are work
     * arrays of length ≥ n (may be null: allocated).
     */
    Step minimise(double[] r, double[] z, int rows, boolean[] held, double[] tau, int[] order) {
        return minimise(r, z, rows, held, 0, 0, Double.POSITIVE_INFINITY, tau, order);
    }

    /**
     * As {@link #minimise(double[], double[], int, boolean[], double[], int[])} where rows that
     * keep their sign s_i for every τ in [0, cap] are left out of r and z and enter through
     * {@code rest} = Σ s_i r_i and {@code restZ} = Σ s_i z_i; the answer is at most {@code cap}
     * (a step capped there reports {@code capped}).
     */
    Step minimise(
            double[] r,
            double[] z,
            int rows,
            boolean[] held,
            double rest,
            double restZ,
            double cap,
            double[] tau,
            int[] order) {
        double[] kinks = tau == null ? new double[rows] : tau;
        int[] idx = order == null ? new int[rows] : order;
        sr = rest;
        sz = restZ;
        // one sweep: the segment's R and Z just above τ = 0, and the kinks of the first window
        double first = Math.min(1, cap);
        int count = sweep(r, z, rows, held, first * SLACK, idx);
        count = divide(r, z, 0, first, count, kinks, idx);
        sr += sweepR;
        sz += sweepZ;
        double lo = 0;
        if (derivative(0) >= 0) {
            return new Step(0, -1, 0);
        }
        int crossed = 0;
        double bottom = 0;
        for (double top = first; top <= MAX_TAU; bottom = top, top = Math.min(2 * top, cap)) {
            if (bottom > 0) {
                count = gather(r, z, rows, held, bottom, top, kinks, idx);
            }
            double upper = top;
            // many kinks (a long first step): narrow the window to one bucket of kinks first,
            // crossing the buckets below it by their sums, so only that bucket is ordered
            while (count > BUCKET_MIN) {
                double lower = Math.max(lo, bottom);
                double width = (upper - lower) / BUCKETS;
                bucketSums(r, z, count, kinks, idx, lower, width, sumR, sumZ, inBucket);
                int found = -1;
                for (int bk = 0; bk < BUCKETS; bk++) {
                    double end = bk == BUCKETS - 1 ? upper : lower + (bk + 1) * width;
                    sr -= 2 * sumR[bk];
                    sz -= 2 * sumZ[bk];
                    if (derivative(end) >= 0) {
                        sr += 2 * sumR[bk];
                        sz += 2 * sumZ[bk];
                        found = bk;
                        break;
                    }
                    crossed += inBucket[bk];
                }
                if (found < 0) {
                    lo = upper;
                    count = 0;
                    break;
                }
                double start = lower + found * width;
                double end = found == BUCKETS - 1 ? upper : lower + (found + 1) * width;
                count = keepBucket(count, kinks, idx, lower, width, found);
                if (found > 0) {
                    lo = start;
                }
                upper = end;
            }
            heapify(kinks, idx, count);
            while (count > 0) {
                int i = idx[0];
                double ti = kinks[0];
                count--;
                kinks[0] = kinks[count];
                idx[0] = idx[count];
                siftDown(kinks, idx, 0, count);
                if (derivative(ti) >= 0) {
                    return new Step(root(lo, ti), -1, crossed);
                }
                double s = r[i] > 0 ? 1 : -1;
                sr -= 2 * s * r[i];
                sz -= 2 * s * z[i];
                crossed++;
                if (derivative(ti) >= 0) {
                    return new Step(ti, i, crossed);
                }
                lo = ti;
            }
            if (derivative(upper) >= 0) {
                return new Step(root(lo, upper), -1, crossed);
            }
            if (top >= cap) {
                return new Step(cap, -1, crossed);
            }
        }
        return new Step(lo, -1, crossed);
    }

    /**
     * The first sweep: R and Z of the free rows just above τ = 0 into {@link #sweepR} and
     * {@link #sweepZ}, and into {@code idx} the rows that may have a kink in (0, top] (those with
     * s_i z_i &gt; 0 and |r_i| ≤ slack·s_i z_i); returns their number. A method of its own, so the
     * JIT compiles this O(n) loop alone (not the whole search on the stack).
     */
    private int sweep(double[] r, double[] z, int rows, boolean[] held, double slack, int[] idx) {
        double a = 0;
        double b = 0;
        int count = 0;
        for (int i = 0; i < rows; i++) {
            double ri = r[i];
            double zi = z[i];
            if (held != null && held[i]) {
                continue;
            }
            if (ri == 0) {
                // a free zero residual takes the sign −sign z_i just above τ = 0 (no kink ahead)
                b -= Math.abs(zi);
                continue;
            }
            // the sign of r_i − τ z_i just above τ = 0 is sign r_i
            double ar = Math.abs(ri);
            double sz = Math.copySign(1.0, ri) * zi;
            a += ar;
            b += sz;
            // a kink ahead (τ_i = r_i/z_i = |r_i|/(s_i z_i) > 0) only where s_i z_i > 0: every
            // row is written at the next free place, which advances only for the rows that pass
            // a product test with a little slack (no branch on the data, no division)
            idx[count] = i;
            count += sz > 0 & ar <= slack * sz ? 1 : 0;
        }
        sweepR = a;
        sweepZ = b;
        return count;
    }

    /** The sums of |r_i|, |z_i| and the count of the kinks in each of the equal parts of the window from {@code lower}. */
    private static void bucketSums(
            double[] r,
            double[] z,
            int count,
            double[] kinks,
            int[] idx,
            double lower,
            double width,
            double[] sumR,
            double[] sumZ,
            int[] inBucket) {
        java.util.Arrays.fill(sumR, 0);
        java.util.Arrays.fill(sumZ, 0);
        java.util.Arrays.fill(inBucket, 0);
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            int bk = Math.min(BUCKETS - 1, (int) ((kinks[k] - lower) / width));
            sumR[bk] += Math.abs(r[i]);
            sumZ[bk] += Math.abs(z[i]);
            inBucket[bk]++;
        }
    }

    /** Keeps the kinks of bucket {@code found} (in order); returns their number. */
    private static int keepBucket(int count, double[] kinks, int[] idx, double lower, double width, int found) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int bk = Math.min(BUCKETS - 1, (int) ((kinks[k] - lower) / width));
            if (bk == found) {
                kinks[kept] = kinks[k];
                idx[kept++] = idx[k];
            }
        }
        return kept;
    }

    /** Orders the first {@code count} entries as a binary min-heap on τ. */
    private static void heapify(double[] tau, int[] idx, int count) {
        for (int k = count / 2 - 1; k >= 0; k--) {
            siftDown(tau, idx, k, count);
        }
    }

    /**
     * The kinks τ_i = r_i/z_i in (bottom, top] with their rows (unordered); returns their number.
     * The walk orders them as a binary min-heap on τ, so it pays O(log count) only for those it
     * reaches.
     */
    private static int gather(
            double[] r, double[] z, int rows, boolean[] held, double bottom, double top, double[] tau, int[] idx) {
        int count = 0;
        double slack = top * SLACK;
        for (int i = 0; i < rows; i++) {
            // τ_i ≤ 0 (or NaN) when r_i − τz_i moves away from zero: no kink ahead
            double ri = r[i];
            double sz = Math.copySign(1.0, ri) * z[i];
            idx[count] = i;
            count += sz > 0 & Math.abs(ri) <= slack * sz & (held == null || !held[i]) ? 1 : 0;
        }
        return divide(r, z, bottom, top, count, tau, idx);
    }

    /**
     * Of the {@code count} candidate rows in {@code idx}, keeps those with τ_i = r_i/z_i in
     * (bottom, top], with τ_i in {@code tau}, in order; returns their number.
     */
    private static int divide(double[] r, double[] z, double bottom, double top, int count, double[] tau, int[] idx) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            double t = r[i] / z[i];
            if (t > bottom & t <= top) {
                tau[kept] = t;
                idx[kept++] = i;
            }
        }
        return kept;
    }

    /** Restores the heap order below position k of the first {@code count} entries. */
    private static void siftDown(double[] tau, int[] idx, int k, int count) {
        double t = tau[k];
        int i = idx[k];
        while (true) {
            int c = 2 * k + 1;
            if (c >= count) {
                break;
            }
            if (c + 1 < count && tau[c + 1] < tau[c]) {
                c++;
            }
            if (tau[c] >= t) {
                break;
            }
            tau[k] = tau[c];
            idx[k] = idx[c];
            k = c;
        }
        tau[k] = t;
        idx[k] = i;
    }

    /** φ'(τ) with the segment's R, Z. */
    double derivative(double t) {
        double a = sr - t * sz;
        double lin = wp + t * pp;
        double norm = Math.sqrt(Math.max(ww + t * (2 * wp + t * pp), 0));
        return 2 * (m2b + t * m2c) + 2 * eps * (lin / norm * a - norm * sz) / n + 2 * eps * eps * lin;
    }

    /** φ''(τ) on the segment. */
    private double second(double t) {
        double a = sr - t * sz;
        double lin = wp + t * pp;
        double norm = Math.sqrt(Math.max(ww + t * (2 * wp + t * pp), 0));
        double n1 = lin / norm;
        double n2 = (pp - n1 * n1) / norm;
        return 2 * m2c + 2 * eps * (n2 * a - 2 * n1 * sz) / n + 2 * eps * eps * pp;
    }

    /** The root of φ' in [lo, hi] (φ'(lo) &lt; 0 ≤ φ'(hi)): Newton, bisection when it leaves the bracket. */
    private double root(double lo, double hi) {
        double a = lo;
        double b = hi;
        double t = hi;
        for (int it = 0; it < ROOT_ITERATIONS; it++) {
            double g = derivative(t);
            if (g == 0) {
                return t;
            }
            if (g > 0) {
                b = t;
            } else {
                a = t;
            }
            double h = second(t);
            double next = h > 0 ? t - g / h : Double.NaN;
            if (!(next > a && next < b)) {
                next = 0.5 * (a + b);
            }
            if (next == t || b - a <= 4 * Math.ulp(b)) {
                return b - a <= 4 * Math.ulp(b) ? (derivative(a) >= -derivative(b) ? a : b) : t;
            }
            t = next;
        }
        return t;
    }
}
