package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import tradeoffs.theory.ParameterException;

/**
 * The exact Euclidean projection onto the intersection of an ℓ1 ball and a box containing 0:
 *
 * <pre>  argmin ½‖δ − z‖²  subject to  ‖δ‖₁ ≤ ε,  l ≤ δ ≤ u   (l ≤ 0 ≤ u),</pre>
 *
 * used by the ℓ1 attack with l = −x, u = 1 − x so that x + δ stays a valid image (the code of
 * Tramèr &amp; Boneh 2019 projects onto the ℓ1 ball and then clips; the sort-based projection of
 * Duchi et al. 2008 extended to the box makes the step exact instead of overshooting).
 *
 * <p>Derivation (KKT; derived): with multiplier θ ≥ 0 for the ℓ1 constraint the problem separates
 * into ½(δ_i − z_i)² + θ|δ_i| over [l_i, u_i], whose minimiser is the soft threshold clipped to the
 * interval (a one-dimensional convex function's minimiser projected onto an interval), i.e.
 * δ_i(θ) = sign(z_i)·min(max(|z_i| − θ, 0), b_i) with b_i = u_i if z_i &gt; 0 else −l_i.
 * If ‖δ(0)‖₁ ≤ ε then θ = 0; otherwise θ solves g(θ) = Σ_i min(max(|z_i| − θ, 0), b_i) = ε. g is
 * continuous, piecewise linear and non-increasing with breakpoints max(|z_i| − b_i, 0) (the term
 * leaves its cap) and |z_i| (the term reaches 0); sorting them gives θ exactly.
 *
 * <p>Two implementations of the same algorithm: {@link #project(double[], double[], double[], double,
 * double[])} walks the sorted breakpoints on the JVM in double precision (the reference), and
 * {@link #project(NDArray, NDArray, NDArray, double)} does the same for a batch of rows with tensor
 * operations on the arrays' device (sort, cumulative sums, one gather), in the arrays' precision, so
 * that PGD never copies a perturbation to the JVM. Both end with one Newton step on the exact g,
 * which removes the rounding accumulated along the breakpoints.
 */
public final class L1BallBoxProjection {
    private L1BallBoxProjection() {}

    /**
     * Projects {@code z} onto {‖δ‖₁ ≤ eps, lower ≤ δ ≤ upper}, writing δ into {@code out} (which may
     * be {@code z}). Requires lower_i ≤ 0 ≤ upper_i and eps ≥ 0.
     */
    public static void project(double[] z, double[] lower, double[] upper, double eps, double[] out) {
        int d = z.length;
        if (lower.length != d || upper.length != d || out.length != d) {
            throw new IllegalArgumentException("z, lower, upper and out must have the same length (" + d + ")");
        }
        ParameterException.requireNonNegative("eps", eps);
        double[] a = new double[d];
        double[] b = new double[d];
        double g0 = 0;
        for (int i = 0; i < d; i++) {
            if (lower[i] > 0 || upper[i] < 0) {
                throw new IllegalArgumentException(
                        "box must contain 0 (coordinate " + i + ": [" + lower[i] + ", " + upper[i] + "])");
            }
            a[i] = Math.abs(z[i]);
            b[i] = z[i] > 0 ? upper[i] : -lower[i];
            g0 += Math.min(a[i], b[i]);
        }
        double theta = g0 <= eps ? 0 : threshold(a, b, g0, eps);
        for (int i = 0; i < d; i++) {
            double m = Math.min(Math.max(a[i] - theta, 0), b[i]);
            out[i] = z[i] > 0 ? m : (z[i] < 0 ? -m : 0);
        }
    }

    /**
     * Projects a batch in place: {@code delta} holds n rows of d coordinates, each projected onto
     * {‖δ‖₁ ≤ eps, −x ≤ δ ≤ 1 − x} for its image row of {@code x}.
     */
    public static void projectBatch(double[] delta, float[] x, int n, int d, double eps) {
        double[] z = new double[d];
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int r = 0; r < n; r++) {
            int off = r * d;
            for (int i = 0; i < d; i++) {
                z[i] = delta[off + i];
                lo[i] = -x[off + i];
                hi[i] = 1.0 - x[off + i];
            }
            project(z, lo, hi, eps, z);
            System.arraycopy(z, 0, delta, off, d);
        }
    }

    /** θ &gt; 0 with g(θ) = eps, given g(0) = g0 &gt; eps. */
    private static double threshold(double[] a, double[] b, double g0, double eps) {
        int d = a.length;
        double[] starts = new double[d]; // where a term starts decreasing: max(a − b, 0)
        double[] ends = new double[d]; // where it reaches 0: a
        int m = 0;
        for (int i = 0; i < d; i++) {
            if (a[i] > 0 && b[i] > 0) {
                starts[m] = Math.max(a[i] - b[i], 0);
                ends[m] = a[i];
                m++;
            }
        }
        starts = Arrays.copyOf(starts, m);
        ends = Arrays.copyOf(ends, m);
        Arrays.sort(starts);
        Arrays.sort(ends);
        int si = 0;
        int ei = 0;
        int slope = 0; // number of terms decreasing on the current segment
        double prev = 0;
        double g = g0;
        while (si < m || ei < m) {
            double p = (ei >= m || (si < m && starts[si] <= ends[ei])) ? starts[si] : ends[ei];
            double gp = g - slope * (p - prev);
            if (slope > 0 && gp <= eps) {
                break;
            }
            g = gp;
            prev = p;
            while (si < m && starts[si] == p) {
                slope++;
                si++;
            }
            while (ei < m && ends[ei] == p) {
                slope--;
                ei++;
            }
        }
        double theta = prev + (g - eps) / slope;
        // One Newton step on the exact g removes the rounding accumulated along the walk.
        double exact = 0;
        int active = 0;
        for (int i = 0; i < d; i++) {
            double t = a[i] - theta;
            if (t > 0 && b[i] > 0) {
                exact += Math.min(t, b[i]);
                if (t < b[i]) {
                    active++;
                }
            }
        }
        if (active > 0) {
            theta += (exact - eps) / active;
        }
        return theta;
    }

    /**
     * The projection of every row of {@code z} (shape (R, D)) onto {‖δ‖₁ ≤ eps, lower ≤ δ ≤ upper}
     * for its row of bounds (same shape, lower ≤ 0 ≤ upper, not checked), computed on the arrays'
     * device in their data type. The breakpoints of g (class comment) of a row are sorted with their
     * slope changes (+1 where a term starts to decrease, −1 where it reaches 0); a cumulative sum
     * gives the slope on each segment and a second one g at every breakpoint, the first breakpoint
     * with g ≤ eps closes the segment that holds θ, and θ is interpolated on it; one Newton step on
     * the exact g follows, as in the JVM version. Terms with |z_i| = 0 or b_i = 0 put both breakpoints
     * at 0, where a zero-length segment adds nothing. Cost O(D log D) per row.
     *
     * @return δ, a new array on the device of {@code z}
     */
    public static NDArray project(NDArray z, NDArray lower, NDArray upper, double eps) {
        ParameterException.requireNonNegative("eps", eps);
        if (eps == 0) {
            return z.zerosLike(); // the ball is {0}
        }
        long breakpoints = 2 * z.getShape().get(1);
        // Every temporary derives from z, so it belongs to z's manager.
        NDArray a = z.abs();
        NDArray zero = a.zerosLike();
        NDArray b = NDArrays.where(z.gt(0), zero.add(upper), zero.sub(lower));
        NDArray g0 = a.minimum(b).sum(new int[] {1}, true);
        NDArray live = a.gt(0).logicalAnd(b.gt(0));
        NDArray points = NDArrays.where(live, a.sub(b).maximum(0), zero).concat(NDArrays.where(live, a, zero), 1);
        NDArray order = points.argSort(1, true);
        NDArray p = points.gather(order, 1);
        NDArray slope =
                a.onesLike().concat(a.onesLike().neg(), 1).gather(order, 1).cumSum(1);
        // g at breakpoint k: g0 minus the area under the slope before it. The drops are >= 0, so g
        // is non-increasing in floating point too and the count of g > eps is the first k with g <= eps.
        NDArray left = p.get(new NDIndex(":, :-1"));
        NDArray drop =
                slope.get(new NDIndex(":, :-1")).mul(p.get(new NDIndex(":, 1:")).sub(left));
        NDArray g = g0.sub(g0.zerosLike().concat(drop.cumSum(1), 1));
        NDArray k = g.gt(eps).sum(new int[] {1}, true).clip(1, breakpoints - 1);
        NDArray before = k.sub(1);
        NDArray sPrev = slope.gather(before, 1);
        NDArray theta = p.gather(before, 1).add(g.gather(before, 1).sub(eps).div(sPrev.maximum(1)));
        // One Newton step on the exact g: (g(θ) − eps) / the number of terms strictly inside their range.
        NDArray t = a.sub(theta);
        NDArray inside = t.gt(0).logicalAnd(live);
        NDArray exact = NDArrays.where(inside, t.minimum(b), zero).sum(new int[] {1}, true);
        NDArray free = inside.logicalAnd(t.lt(b)).sum(new int[] {1}, true).toType(z.getDataType(), false);
        theta = NDArrays.where(free.gt(0), theta.add(exact.sub(eps).div(free.maximum(1))), theta);
        theta = NDArrays.where(g0.gt(eps), theta, theta.zerosLike());
        return a.sub(theta).maximum(0).minimum(b).mul(z.sign());
    }
}
