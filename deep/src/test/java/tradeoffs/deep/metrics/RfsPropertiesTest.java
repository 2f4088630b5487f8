package tradeoffs.deep.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class RfsPropertiesTest {

    /** |a_bg − a_fg| ≤ 2·min(ā, 1 − ā) for accuracies in [0,1], so RFS ∈ [−1, 1]. */
    @Property(tries = 500, seed = "42")
    void rfsIsBetweenMinusOneAndOne(
            @ForAll @DoubleRange(min = 0, max = 1) double aFg, @ForAll @DoubleRange(min = 0, max = 1) double aBg) {
        double r = RelativeForegroundSensitivity.rfs(aFg, aBg);
        double mean = (aFg + aBg) / 2;
        if (mean == 0 || mean == 1) {
            assertTrue(Double.isNaN(r));
        } else {
            assertTrue(r >= -1 - 1e-12 && r <= 1 + 1e-12, "rfs " + r);
            // Antisymmetric: swapping the regions flips the sign.
            assertEquals(-r, RelativeForegroundSensitivity.rfs(aBg, aFg), 1e-12);
        }
    }
}
