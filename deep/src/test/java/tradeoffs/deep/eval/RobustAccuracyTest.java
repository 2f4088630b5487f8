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
            List<RobustAccuracy.Point> pts = RobustAccuracy.evaluate(model, TEST, norm, grid,
                    e -> List.<Attack>of(Pgd.of(norm, e, 8)), 64, 3);
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
                .get(0).robustAccuracy();
    }
}
