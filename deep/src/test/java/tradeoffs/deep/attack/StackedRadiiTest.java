package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * PGD with a radius and step size per row ({@link PgdEngine} holding a whole ε grid in one stack)
 * against the reference route, one engine per radius: every row's iterates must be bit for bit
 * those of its own radius, each row's perturbation must lie in its own ball, and "fooled at some
 * radius ≤ ε" over the stacked grid must equal asking radius by radius, smallest first.
 */
class StackedRadiiTest extends SmallCnnImages {
    static final int STEPS = 4;

    static double[] radii(PerturbationNorm norm) {
        return norm == PerturbationNorm.LINF ? new double[] {0.03, 0.1, 0.3} : new double[] {0.3, 0.8, 2.0};
    }

    /** Per radius: an untargeted cross-entropy trajectory and one targeted at (y + 1) mod K. */
    static List<Trajectory> trajectories(Pgd pgd) {
        return List.of(Trajectory.untargeted(pgd, AttackLoss.CROSS_ENTROPY), Trajectory.targeted(pgd, 1));
    }

    /** Two trajectories per radius, smallest radius first, with their random starts (seed {@code seed + k}). */
    record Stack(List<Trajectory> all, List<double[]> starts, int[] level) {
        static Stack of(PerturbationNorm norm, double[] radii, long seed, int n, int d) {
            List<Trajectory> all = new ArrayList<>();
            List<double[]> starts = new ArrayList<>();
            int[] level = new int[2 * radii.length];
            for (int k = 0; k < radii.length; k++) {
                Pgd pgd = Pgd.of(norm, radii[k], STEPS);
                UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + k);
                for (Trajectory t : trajectories(pgd)) {
                    level[all.size()] = k;
                    all.add(t);
                    starts.add(pgd.drawStarts(n, d, rng));
                }
            }
            return new Stack(all, starts, level);
        }
    }

    @Test
    void aStackOfRadiiEqualsOneEnginePerRadiusRowForRow() {
        int n = y.length;
        int d = model.imageSize();
        for (PerturbationNorm norm : List.of(PerturbationNorm.LINF, PerturbationNorm.L2)) {
            double[] radii = radii(norm);
            Stack stack = Stack.of(norm, radii, 10L, n, d);
            List<Trajectory> all = stack.all();
            List<double[]> starts = stack.starts();
            float[] stacked = finalImages(Pgd.of(norm, radii[0], STEPS), all, starts);
            int perRadius = 2 * n * d;
            for (int k = 0; k < radii.length; k++) {
                Pgd pgd = Pgd.of(norm, radii[k], STEPS);
                float[] alone = finalImages(pgd, trajectories(pgd), starts.subList(2 * k, 2 * k + 2));
                float[] rows = Arrays.copyOfRange(stacked, k * perRadius, (k + 1) * perRadius);
                assertArrayEquals(alone, rows, 0f, norm + " eps " + radii[k] + ": bit for bit its own engine's");
                // Each row within its own ball, and the larger radii's rows outside the smallest ball:
                // a stack that gave every row the first radius (or mixed the rows up) fails here.
                double largest = 0;
                for (int r = 0; r < 2 * n; r++) {
                    double[] delta = new double[d];
                    for (int j = 0; j < d; j++) {
                        delta[j] = (double) rows[r * d + j] - x[(r % n) * d + j];
                    }
                    double size = norm.norm(delta, 0, d);
                    assertTrue(
                            size <= radii[k] * (1 + 1e-6) + 1e-6,
                            norm + " row " + r + " of eps " + radii[k] + ": " + size);
                    largest = Math.max(largest, size);
                }
                if (k > 0) {
                    assertTrue(largest > radii[k - 1] * 1.01, norm + " eps " + radii[k] + " moved only " + largest);
                }
            }
        }
    }

    @Test
    void anyFooledOverAGridEqualsAskingRadiusByRadius() {
        int n = y.length;
        int d = model.imageSize();
        for (PerturbationNorm norm : List.of(PerturbationNorm.LINF, PerturbationNorm.L2)) {
            double[] radii = radii(norm);
            Stack stack = Stack.of(norm, radii, 20L, n, d);
            List<Trajectory> all = stack.all();
            List<double[]> starts = stack.starts();
            int[] level = stack.level();
            boolean[][] stacked = new boolean[radii.length][n];
            stacked[0][0] = true; // already decided: must stay fooled at every radius
            boolean[][] reference = new boolean[radii.length][];
            try (NDManager m = model.manager().newSubManager()) {
                NDArray images = m.create(x, model.inputShape(n));
                NDArray labels = InputGradient.labels(m, y);
                Trajectory.anyFooled(model, images, labels, all, level, starts, stacked);
                boolean[] fooled = new boolean[n];
                fooled[0] = true;
                for (int k = 0; k < radii.length; k++) {
                    fooled = fooled.clone();
                    Trajectory.anyFooled(
                            model,
                            images,
                            labels,
                            all.subList(2 * k, 2 * k + 2),
                            starts.subList(2 * k, 2 * k + 2),
                            fooled);
                    reference[k] = fooled;
                }
            }
            for (int k = 0; k < radii.length; k++) {
                assertArrayEquals(reference[k], stacked[k], norm + " eps " + radii[k]);
                assertTrue(stacked[k][0], "an image decided before stays decided");
            }
        }
    }

    /** The final iterates of one engine over {@code trajectories}, each with its starts. */
    static float[] finalImages(Pgd rule, List<Trajectory> trajectories, List<double[]> starts) {
        int n = y.length;
        int d = model.imageSize();
        double[] all = new double[trajectories.size() * n * d];
        for (int t = 0; t < trajectories.size(); t++) {
            System.arraycopy(starts.get(t), 0, all, t * n * d, n * d);
        }
        model.parameterGradients(false);
        try (NDManager m = model.manager().newSubManager();
                PgdEngine e = new PgdEngine(
                        model, rule, m.create(x, model.inputShape(n)), InputGradient.labels(m, y), trajectories, all)) {
            float[] out = e.run(m).images().toFloatArray();
            assertEquals(trajectories.size() * n * d, out.length);
            return out;
        } finally {
            model.parameterGradients(true);
        }
    }
}
