package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The paired-seed error rule. Reference values by hand (independent of the code): for changes
 * {0.10, 0.14} with binomial variances {4e-4, 2e-4}, s_d² = (0.02² + 0.02²)/1 = 8e-4, so
 * SE² = 8e-4/2 + (4e-4 + 2e-4)/2 = 7e-4 and 2·SE = 2·sqrt(7e-4) = 0.0529150262.
 */
class PairedChangeTest {

    @Test
    void meanAndTwoStandardErrorsByHand() {
        PairedChange c = new PairedChange(new double[] {0.10, 0.14}, new double[] {4e-4, 2e-4});
        assertEquals(0.12, c.mean(), 1e-12);
        assertEquals(0.0529150262, c.twoSe(), 1e-9);
        assertEquals(PairedChange.Direction.UP, c.direction());
        assertEquals("+0.120 ± 0.053 (seeds +0.100, +0.140)", c.describe());
    }

    @Test
    void seedsThatDisagreeGiveNoDirection() {
        // d = {+0.2, −0.1}: mean 0.05, s_d² = 2·0.15² = 0.045, SE² = 0.0225 + 1e-4, 2·SE ≈ 0.3007 > 0.05
        PairedChange c = new PairedChange(new double[] {0.2, -0.1}, new double[] {1e-4, 1e-4});
        assertEquals(2 * Math.sqrt(0.0226), c.twoSe(), 1e-12);
        assertEquals(PairedChange.Direction.NONE, c.direction());
        // one seed: the binomial part alone, and a clear drop
        PairedChange one = new PairedChange(new double[] {-0.1}, new double[] {1e-4});
        assertEquals(0.02, one.twoSe(), 1e-12);
        assertEquals(PairedChange.Direction.DOWN, one.direction());
    }

    @Test
    void binomialErrorKeepsAwayFromZeroAndOne() {
        // p = 0.5 of 100: sqrt(0.25/100) = 0.05; p = 0 of 100 is floored at 1/102: sqrt((1/102)(101/102)/100)
        assertEquals(0.05, PairedChange.binomialSe(0.5, 100), 1e-12);
        assertEquals(Math.sqrt(101.0 / (102 * 102) / 100), PairedChange.binomialSe(0.0, 100), 1e-12);
        assertEquals(PairedChange.binomialSe(0.0, 100), PairedChange.binomialSe(1.0, 100), 1e-12);
    }

    @Test
    void needsOneVariancePerChange() {
        assertThrows(IllegalArgumentException.class, () -> new PairedChange(new double[] {0.1}, new double[] {}));
        assertThrows(IllegalArgumentException.class, () -> new PairedChange(new double[] {}, new double[] {}));
    }
}
