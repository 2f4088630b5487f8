package tradeoffs.simulation.classification;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * The invariance Monte Carlo (docs/math.md §10.5) against the closed forms, and its attack against a
 * brute-force search of the ball: wherever a grid search finds an invariance example, the attack finds one.
 */
class InvarianceMonteCarloTest {
    private static final InvarianceToy TOY = new InvarianceToy(1.0, 1.0, 2.0, 0.5);

    @Test
    void estimatesAgreeWithTheClosedFormsAndTheSemanticClassifierHasNoInvarianceExample() {
        double[] mixes = {0, 0.5, 0.9, 1};
        double[] eps = {0, 0.5, 1.25};
        List<InvarianceMonteCarlo.Point> pts = InvarianceMonteCarlo.runAll(TOY, mixes, eps, 20_000, 4, 0, 2);
        assertEquals(12, pts.size());
        for (InvarianceMonteCarlo.Point p : pts) {
            for (Estimate e : List.of(p.robustAccuracy(), p.invarianceError())) {
                double se = Math.max(e.se(), Math.sqrt(e.theory() * (1 - e.theory()) / e.count()));
                assertTrue(
                        Math.abs(e.mean() - e.theory()) <= 5 * se + 1e-12,
                        e + " at a = " + p.mix() + ", ε = " + p.eps());
            }
            assertEquals(1.0, p.robustAccuracy().mean() + p.sensitivityError().mean(), 1e-12);
            if (p.mix() == 1.0 || p.eps() == 0.0) {
                assertEquals(0.0, p.invarianceError().mean(), 0.0);
            }
        }
    }

    @Test
    void theAttackFindsEveryInvarianceExampleAGridSearchFinds() {
        int found = 0;
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 3_000; i++) {
            double a = r.nextDouble();
            double eps = 0.05 + r.nextDouble();
            double xs = (r.nextDouble() * 2 - 1) * 1.5;
            double xr = (r.nextDouble() * 2 - 1) * 2.5;
            int y = (int) Math.signum(xs);
            boolean grid = gridSearch(a, xs, xr, eps);
            boolean attack = InvarianceMonteCarlo.isInvarianceExample(a, xs, xr, y, eps);
            if (grid) {
                found++;
                assertTrue(attack, "missed at a=" + a + ", xs=" + xs + ", xr=" + xr + ", eps=" + eps);
            }
        }
        assertTrue(found > 100, "the grid found " + found);
    }

    /** Correct clean prediction with y = sign(x_s), and some δ on a 401 × 401 grid of the ball that flips sign(x_s) and keeps f_a. */
    private static boolean gridSearch(double a, double xs, double xr, double eps) {
        int f = InvarianceMonteCarlo.predict(a, xs, xr);
        if (f != (int) Math.signum(xs) || f == 0) {
            return false;
        }
        for (int i = 0; i <= 400; i++) {
            double ds = -eps + 2 * eps * i / 400;
            if (Math.signum(xs + ds) != -Math.signum(xs)) {
                continue;
            }
            for (int j = 0; j <= 400; j++) {
                double dr = -eps + 2 * eps * j / 400;
                if (InvarianceMonteCarlo.predict(a, xs + ds, xr + dr) == f) {
                    return true;
                }
            }
        }
        return false;
    }
}
