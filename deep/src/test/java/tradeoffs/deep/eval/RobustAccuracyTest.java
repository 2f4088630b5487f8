package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.BetaAttack;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.model.Classifier;

/** Sanity checks of robust evaluation on a trained model (Carlini et al. 2019, "On evaluating adversarial robustness"). */
class RobustAccuracyTest {
    static final ImageSet TEST = DeepFixtures.BENCHMARK.test(Variant.ORIGINAL, 120);

    @Test
    void neverRisesWithEpsAndReachesZeroAtLargeEps() {
        Classifier model = DeepFixtures.linfCnn();
        for (PerturbationNorm norm : PerturbationNorm.values()) {
            double big = switch (norm) {
                case LINF -> 0.5;
                case L2 -> 8.0;
                case L1 -> 100.0;
            };
            double[] grid = {0, big / 64, big / 16, big / 4, big};
            List<RobustAccuracy.Point> pts =
                    RobustAccuracy.evaluate(model, TEST, norm, grid, e -> List.<Attack>of(Pgd.of(norm, e, 8)), 64, 3);
            assertEquals(pts.get(0).cleanAccuracy(), pts.get(0).robustAccuracy(), 0.0, "ε = 0 is clean accuracy");
            for (int k = 1; k < pts.size(); k++) {
                assertTrue(pts.get(k).robustAccuracy() <= pts.get(k - 1).robustAccuracy(), norm + ": " + pts);
            }
            // At the largest radius the ball covers images of other classes: nothing is robust.
            assertTrue(pts.get(pts.size() - 1).robustAccuracy() <= 0.02, norm + ": " + pts);
        }
    }

    @Test
    void neverRisesWithMoreStepsOrRestartsOrAttacks() {
        Classifier model = DeepFixtures.linfCnn();
        double eps = DeepFixtures.LINF_EPS * 1.5;
        double[] grid = {eps};
        Pgd base = Pgd.of(PerturbationNorm.LINF, eps, 2).withStepSize(eps / 3);
        double previous = 1;
        for (int steps : new int[] {1, 2, 4, 8}) {
            double r = robust(model, grid, List.of(base.withSteps(steps)));
            assertTrue(r <= previous, "steps " + steps + ": " + r + " > " + previous);
            previous = r;
        }
        previous = 1;
        for (int restarts : new int[] {1, 2, 4}) {
            double r = robust(model, grid, List.of(base.withRestarts(restarts)));
            assertTrue(r <= previous, "restarts " + restarts + ": " + r + " > " + previous);
            previous = r;
        }
        double both = robust(model, grid, List.of(base, new BetaAttack(base)));
        assertTrue(both <= robust(model, grid, List.of(base)), "adding an attack never helps the model");
    }

    static double robust(Classifier model, double[] grid, List<Attack> attacks) {
        return RobustAccuracy.evaluate(model, TEST, PerturbationNorm.LINF, grid, e -> attacks, 64, 3)
                .get(0)
                .robustAccuracy();
    }

    /**
     * The evaluation skips images already broken and stops each attack at the first fooling iterate;
     * the reference here runs every attack on every image of every batch to the end with the same
     * streams (seed, k·1024 + a, b) and ORs the fooled flags, as the evaluation did before. The two
     * must agree exactly, image by image, for PGD with restarts and BETA, in ℓ∞ and ℓ2, on a
     * standard model (most images broken early) and an adversarially trained one (most robust). The
     * evaluation runs each attack at both radii of the grid as one stack with a radius per row; the
     * reference runs one radius at a time with unstacked attacks ({@link Attack#attack}).
     */
    @Test
    void skippingDecidedImagesGivesTheSameAnswerAsRunningEveryAttackToTheEnd() {
        for (Classifier model : List.of(DeepFixtures.standardCnn(), DeepFixtures.linfCnn())) {
            for (PerturbationNorm norm : List.of(PerturbationNorm.LINF, PerturbationNorm.L2)) {
                double[] grid = norm == PerturbationNorm.LINF
                        ? new double[] {0, 4 / 255.0, 8 / 255.0}
                        : new double[] {0, 0.25, 0.5};
                java.util.function.DoubleFunction<List<Attack>> attacks =
                        e -> List.of(Pgd.of(norm, e, 4).withRestarts(2), new BetaAttack(Pgd.of(norm, e, 3)));
                int[] clean = model.predict(TEST);
                RobustAccuracy.Curve curve = RobustAccuracy.curve(
                        model, TEST, clean, norm, grid, attacks, 50, 7, tradeoffs.io.ProgressListener.NONE);
                List<RobustAccuracy.Point> got = curve.points();
                boolean[] broken = new boolean[TEST.size()];
                for (int i = 0; i < broken.length; i++) {
                    broken[i] = clean[i] != TEST.labels()[i];
                }
                for (int k = 0; k < grid.length; k++) {
                    List<Attack> list = attacks.apply(grid[k]);
                    for (int a = 0; a < list.size() && grid[k] > 0; a++) {
                        for (int from = 0, b = 0; from < TEST.size(); from += 50, b++) {
                            ImageSet batch = TEST.slice(from, Math.min(TEST.size(), from + 50));
                            boolean[] fooled = list.get(a)
                                    .attack(
                                            model,
                                            batch.pixels(),
                                            batch.labels(),
                                            org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(
                                                    tradeoffs.deep.benchmark.Seeds.of(7, k * 1024L + a, b)))
                                    .fooled();
                            for (int i = 0; i < fooled.length; i++) {
                                broken[from + i] |= fooled[i];
                            }
                        }
                    }
                    int robust = 0;
                    for (int i = 0; i < broken.length; i++) {
                        robust += broken[i] ? 0 : 1;
                        assertEquals(
                                !broken[i],
                                curve.robust()[k][i],
                                model.architecture() + " " + norm + " eps " + grid[k] + " image " + i);
                    }
                    assertEquals(
                            (double) robust / TEST.size(),
                            got.get(k).robustAccuracy(),
                            0.0,
                            model.architecture() + " " + norm + " eps " + grid[k]);
                }
            }
        }
    }

    @Test
    void badInputNamesTheParameterInTheModelsWords() {
        Classifier model = DeepFixtures.linfCnn();
        tradeoffs.theory.ParameterException e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class,
                () -> RobustAccuracy.evaluate(
                        model, TEST, PerturbationNorm.LINF, new double[] {0.1, 0.05}, x -> List.of(), 64, 1));
        assertEquals("eps", e.parameter());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class, () -> Pgd.of(PerturbationNorm.L2, 0.5, 0));
        assertEquals("steps", e.parameter());
        assertEquals("steps must be >= 1 (got 0)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class, () -> Pgd.of(PerturbationNorm.L2, -1, 3));
        assertEquals("eps", e.parameter());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class,
                () -> Pgd.of(PerturbationNorm.L2, 1, 3).withRestarts(0));
        assertEquals("restarts", e.parameter());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class,
                () -> Pgd.of(PerturbationNorm.L2, 1, 3).withStepSize(0));
        assertEquals("step_size", e.parameter());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class, () -> PerturbationNorm.parse("l3", "norm"));
        assertEquals("norm must be one of l1, l2, linf (got 'l3')", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class,
                () -> tradeoffs.deep.train.TrainConfig.standard(tradeoffs.deep.model.Architecture.CNN, 1, 64, 0, 1));
        assertEquals("learning_rate", e.parameter());
        e = org.junit.jupiter.api.Assertions.assertThrows(
                tradeoffs.theory.ParameterException.class, () -> new Regime(PerturbationNorm.LINF, -0.1));
        assertEquals("train_eps", e.parameter());
        for (String m : List.of(e.getMessage())) {
            org.junit.jupiter.api.Assertions.assertFalse(m.contains("--"), "a library names no flags: " + m);
        }
    }
}
