package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.L1BallProjection;

class L1BallBoxProjectionTest {

    /**
     * Brute force by enumeration of active sets: each coordinate is at its lower bound, at its
     * upper bound, at 0, or free with sign σ = ±1; the ℓ1 constraint is active or not. For each
     * pattern the equality-constrained problem has a closed form (free coordinates z_i, or
     * z_i − θσ_i with θ set so the ℓ1 norm is ε). The optimum of the convex QP is one of these
     * points, so the best feasible candidate is the projection. Independent of the sort-based
     * threshold search in the code.
     */
    static double[] bruteForce(double[] z, double[] lo, double[] hi, double eps) {
        int d = z.length;
        int patterns = (int) Math.pow(5, d);
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        for (int code = 0; code < patterns; code++) {
            int[] state = new int[d]; // 0 lower, 1 upper, 2 zero, 3 free+, 4 free−
            int c = code;
            for (int i = 0; i < d; i++) {
                state[i] = c % 5;
                c /= 5;
            }
            for (int active = 0; active < 2; active++) {
                double[] x = new double[d];
                double fixedL1 = 0;
                double sumSigmaZ = 0;
                int free = 0;
                for (int i = 0; i < d; i++) {
                    switch (state[i]) {
                        case 0 -> x[i] = lo[i];
                        case 1 -> x[i] = hi[i];
                        case 2 -> x[i] = 0;
                        default -> {
                            free++;
                            sumSigmaZ += (state[i] == 3 ? 1 : -1) * z[i];
                        }
                    }
                    if (state[i] <= 2) {
                        fixedL1 += Math.abs(x[i]);
                    }
                }
                double theta = 0;
                if (active == 1) {
                    if (free == 0) {
                        continue;
                    }
                    theta = (sumSigmaZ + fixedL1 - eps) / free;
                }
                for (int i = 0; i < d; i++) {
                    if (state[i] >= 3) {
                        double sigma = state[i] == 3 ? 1 : -1;
                        x[i] = z[i] - theta * sigma;
                        if (sigma * x[i] < 0) {
                            x = null; // sign pattern violated
                            break;
                        }
                    }
                }
                if (x == null) {
                    continue;
                }
                double l1 = 0;
                boolean feasible = true;
                double obj = 0;
                for (int i = 0; i < d; i++) {
                    l1 += Math.abs(x[i]);
                    feasible &= x[i] >= lo[i] - 1e-12 && x[i] <= hi[i] + 1e-12;
                    obj += (x[i] - z[i]) * (x[i] - z[i]);
                }
                feasible &= l1 <= eps + 1e-12;
                if (feasible && obj < best) {
                    best = obj;
                    arg = x;
                }
            }
        }
        return arg;
    }

    @Test
    void matchesBruteForceQuadraticProgramTo1e9() {
        SplittableRandom rng = new SplittableRandom(20240501);
        for (int trial = 0; trial < 400; trial++) {
            int d = 1 + rng.nextInt(5);
            double[] z = new double[d];
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = rng.nextDouble(-1.5, 1.5);
                double x = rng.nextDouble(); // the pixel: box is [−x, 1 − x]
                lo[i] = -x;
                hi[i] = 1 - x;
            }
            double eps = rng.nextDouble(0, 2.0);
            double[] got = new double[d];
            L1BallBoxProjection.project(z, lo, hi, eps, got);
            double[] want = bruteForce(z, lo, hi, eps);
            assertArrayEquals(want, got, 1e-9, "trial " + trial);
        }
    }

    @Test
    void equalsDuchiProjectionWhenTheBoxIsInactive() {
        // A second independent route: with a huge box the problem is the plain ℓ1-ball projection,
        // which the theory module computes with its own sort-based algorithm (Duchi et al. 2008).
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int d = 1 + rng.nextInt(40);
            double[] z = new double[d];
            double[] lo = new double[d];
            double[] hi = new double[d];
            for (int i = 0; i < d; i++) {
                z[i] = rng.nextDouble(-3, 3);
                lo[i] = -1e6;
                hi[i] = 1e6;
            }
            double eps = rng.nextDouble(0.01, 10);
            double[] got = new double[d];
            L1BallBoxProjection.project(z, lo, hi, eps, got);
            assertArrayEquals(L1BallProjection.project(z, eps), got, 1e-9, "trial " + trial);
        }
    }

    @Test
    void batchStaysInBallAndBox() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 5;
        int d = 64;
        float[] x = new float[n * d];
        double[] delta = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
            delta[i] = rng.nextDouble(-1, 1);
        }
        L1BallBoxProjection.projectBatch(delta, x, n, d, 2.5);
        for (int r = 0; r < n; r++) {
            double l1 = PerturbationNorm.L1.norm(delta, r * d, d);
            assertEquals(2.5, l1, 1e-9, "the start was far outside, so the ball constraint is active");
            for (int i = r * d; i < (r + 1) * d; i++) {
                assertTrue(x[i] + delta[i] >= -1e-15 && x[i] + delta[i] <= 1 + 1e-15);
            }
        }
    }

    /**
     * The device implementation (sorted breakpoints with cumulative sums, on NDArrays) against the
     * JVM walk, row by row, in double precision: random sizes up to a 32×32×3 image, pixels at the
     * bounds (zero-width box sides), repeated values (tied breakpoints), zeros, radii from 0 through
     * inactive, and inputs already inside the set. Then the same in float32 against the JVM
     * reference of the float inputs.
     */
    @Test
    void deviceProjectionMatchesTheJvmReference() {
        SplittableRandom rng = new SplittableRandom(99);
        try (ai.djl.ndarray.NDManager m =
                tradeoffs.deep.device.DeepRuntime.engine().newBaseManager()) {
            for (int trial = 0; trial < 300; trial++) {
                int rows = 1 + rng.nextInt(6);
                int d = trial % 10 == 0 ? 3072 : 1 + rng.nextInt(trial % 3 == 0 ? 8 : 800);
                double[] z = new double[rows * d];
                float[] x = new float[rows * d];
                double scale = Math.pow(10, rng.nextDouble(-3, 1));
                for (int i = 0; i < z.length; i++) {
                    double u = rng.nextDouble();
                    x[i] = u < 0.1 ? 0f : (u > 0.9 ? 1f : (float) rng.nextDouble());
                    double v = rng.nextDouble(-scale, scale);
                    z[i] = u < 0.05 ? 0 : (rng.nextInt(10) == 0 && i > 0 ? z[i - 1] : v);
                }
                double l1 = 0;
                for (double v : z) {
                    l1 += Math.abs(v);
                }
                double eps = switch (trial % 5) {
                    case 0 -> 0;
                    case 1 -> 2 * l1 / rows;
                    default -> rng.nextDouble(0, l1 / rows);
                };
                double[] lo = new double[z.length];
                double[] hi = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    lo[i] = -x[i];
                    hi[i] = 1.0 - x[i];
                }
                double[] want = z.clone();
                L1BallBoxProjection.projectBatch(want, x, rows, d, eps);
                ai.djl.ndarray.types.Shape shape = new ai.djl.ndarray.types.Shape(rows, d);
                double[] got = L1BallBoxProjection.project(
                                m.create(z, shape), m.create(lo, shape), m.create(hi, shape), eps)
                        .toDoubleArray();
                assertArrayEquals(want, got, 1e-12 * Math.max(1, eps), "trial " + trial + " (d = " + d + ")");
                float[] zf = new float[z.length];
                float[] lof = new float[z.length];
                float[] hif = new float[z.length];
                double[] zd = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    zf[i] = (float) z[i];
                    lof[i] = (float) lo[i];
                    hif[i] = (float) hi[i];
                    zd[i] = zf[i];
                }
                L1BallBoxProjection.projectBatch(zd, x, rows, d, eps);
                float[] gotF = L1BallBoxProjection.project(
                                m.create(zf, shape), m.create(lof, shape), m.create(hif, shape), eps)
                        .toFloatArray();
                for (int i = 0; i < z.length; i++) {
                    // float32 cumulative sums over up to 6144 breakpoints: rounding of order
                    // 6144 · 2^-24 relative to the scale of z
                    double tol = eps == 0 ? 0 : 1e-4 * Math.max(1, scale);
                    assertEquals(zd[i], gotF[i], tol, "float32 trial " + trial + " coordinate " + i);
                }
            }
        }
    }
}
