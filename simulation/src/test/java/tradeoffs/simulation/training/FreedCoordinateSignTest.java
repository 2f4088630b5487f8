package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A coordinate that the ℓ∞ attack's exact finish frees from 0 (its solved subgradient g_j left
 * [−1, 1]) takes the sign of g_j on the next face of ‖·‖₁.
 */
class FreedCoordinateSignTest {
    @Test
    void aFreedCoordinateTakesItsSubgradientsSign() {
        // w = (0.5, 0, −0.3, 0): coordinates 1 and 3 are freed with g = −1.7 and +1.2
        double[] w = {0.5, 0, -0.3, 0};
        boolean[] zero = {false, false, false, false};
        double[] g = {Double.NaN, -1.7, Double.NaN, 1.2};
        ExactFinish.Face face = ExactFinish.l1Face(w, zero, g);
        assertArrayEquals(new double[] {1, -1, -1, 1}, ((NormTerm.Linear) face.term()).g, 0.0);
        // without a subgradient the old rule (+1 at a zero) stands
        ExactFinish.Face plain = ExactFinish.l1Face(w, zero, null);
        assertArrayEquals(new double[] {1, 1, -1, 1}, ((NormTerm.Linear) plain.term()).g, 0.0);
    }

    @Test
    void theSubgradientsSignIsTheDirectionThatLowersF() {
        // An independent check of the rule on F(t) = (t − a)² + c|t| (one coordinate, c > 0): at
        // t = 0 stationarity asks for the subgradient g = 2a/c; for a = −1, c = 1, g = −2, |g| > 1,
        // and F decreases for t < 0 only (F(−h) = (1 − h)² + h < 1 = F(0) < F(h)).
        double a = -1;
        double c = 1;
        double g = 2 * a / c;
        double h = 1e-3;
        double f0 = a * a;
        double fDown = Math.pow(-h - a, 2) + c * h;
        double fUp = Math.pow(h - a, 2) + c * h;
        assertTrue(Math.abs(g) > 1);
        assertTrue(Math.signum(g) < 0 ? fDown < f0 && fUp > f0 : fUp < f0 && fDown > f0);
        double[] face = ((NormTerm.Linear) ExactFinish.l1Face(new double[] {0}, new boolean[] {false}, new double[] {g})
                        .term())
                .g;
        assertArrayEquals(new double[] {Math.signum(g)}, face, 0.0);
    }
}
