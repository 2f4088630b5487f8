package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TrendFitTest {
    @Test
    void slopeAndIntervalFromStandardErrorsMatchAHandComputation() {
        // x = 0, 1, 2: x̄ = 1, Sxx = 2, c = (−½, 0, ½); y = 1, 2, 4 → b = (4 − 1)/2 = 1.5.
        // se = 0.1, 0.2, 0.3: Var b = ¼·0.01 + ¼·0.09 = 0.025 → half-width 1.959964·0.158114 = 0.309898.
        TrendFit f = TrendFit.of(new double[] {0, 1, 2}, new double[] {1, 2, 4}, new double[] {0.1, 0.2, 0.3});
        assertEquals(1.5, f.slope(), 1e-12);
        assertEquals(1.5 - 0.309898, f.low(), 1e-6);
        assertEquals(1.5 + 0.309898, f.high(), 1e-6);
        assertTrue(f.increasing());
        assertFalse(f.decreasing());
    }

    @Test
    void withoutStandardErrorsUsesTheResidualInterval() {
        // y = 2x + (+1, −1, −1, +1): slope 2 exactly (the residual pattern is orthogonal to x − x̄).
        // SSE = 4, s² = 4/2 = 2, Sxx = 5 → se(b) = √(2/5) = 0.632456; t_{0.975, 2} = 4.302653.
        TrendFit f = TrendFit.of(new double[] {0, 1, 2, 3}, new double[] {1, 1, 3, 7}, null);
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(2.0 - 4.302653 * 0.632456, f.low(), 1e-5);
        assertFalse(f.increasing()); // −0.72: with 2 degrees of freedom the interval reaches below 0
    }

    @Test
    void aNoisyFlatTrendIsNeitherIncreasingNorDecreasing() {
        TrendFit f = TrendFit.of(
                new double[] {0, 1, 2, 3}, new double[] {0.01, -0.01, 0.0, 0.005}, new double[] {0.02, 0.02, 0.02, 0.02
                });
        assertFalse(f.increasing());
        assertFalse(f.decreasing());
    }

    @Test
    void tooFewPointsGiveNaN() {
        TrendFit f = TrendFit.of(new double[] {1}, new double[] {2}, null);
        assertTrue(Double.isNaN(f.slope()));
        assertFalse(f.increasing());
    }
}
