package tradeoffs.simulation.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.NonSmoothLabels;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;

/** The non-smooth marks and the bias ladders of docs/math.md §7.4. */
class NonSmoothCheckTest {
    /**
     * Exactly at the ℓ∞ scale boundary (σ_s|η| = σ_c = 0.6) the population spurious weight is 0
     * with zero slack. The row is marked a kink, its |z| is large (predicted 0.683·√200 = 9.7), and
     * the ladder n = 62, 250, 1000 shows the bias falling like n^(−1/2): the fitted slope is within
     * 0.15 of −0.5 (about three of its standard errors, ≈ 0.05 here) and the check converges.
     * mean/sd of the repetitions is the half-normal value (1/√(2π))/√(1/2 − 1/(2π)) = 0.6833,
     * computed here from its definition; with 200 repetitions its sampling sd is about 0.07, so
     * 0.2 is about three of them.
     */
    @Test
    void anExactKinkIsMarkedAndItsBiasFallsLikeOneOverRootN() {
        Scenario s = Scenario.coreSpurious(CoreSpuriousModel.twoFeature(0.6, 1.0, 0.6, 0.5), null);
        List<MonteCarloResult> r =
                MonteCarlo.runAll(List.of(new MonteCarloSpec(s, LpNorm.LINF, 0.3, 1000, 0, 200, 11, 0)), 2);
        Estimate ws = r.get(0).estimate(ColumnNames.W_SPURIOUS);
        assertEquals(0.0, ws.theory());
        assertEquals(NonSmoothLabels.KINK, ws.nonSmooth());
        assertEquals(NonSmoothLabels.KINK, r.get(0).estimate(ColumnNames.W_CORE).nonSmooth());
        assertEquals(
                NonSmoothLabels.NONNEGATIVE_ZERO,
                r.get(0).estimate(ColumnNames.RELIANCE).nonSmooth());
        assertTrue(ws.z() > NonSmoothCheck.Z_LIMIT, "z " + ws.z());
        List<NonSmoothCheck.Check> checks = NonSmoothCheck.run(r, 2, null, false);
        NonSmoothCheck.Check c = checks.stream()
                .filter(x -> x.quantity().equals(ColumnNames.W_SPURIOUS))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of(62, 250, 1000),
                c.rungs().stream().map(NonSmoothCheck.Rung::n).toList());
        assertTrue(c.converges(), "slope " + c.slope() + " [" + c.slopeLow() + ", " + c.slopeHigh() + "]");
        assertEquals(-0.5, c.slope(), 0.15);
        double halfNormal = (1 / Math.sqrt(2 * Math.PI)) / Math.sqrt(0.5 - 1 / (2 * Math.PI));
        assertEquals(0.6833, halfNormal, 1e-4);
        assertEquals(halfNormal, ws.mean() / ws.sd(), 0.2);
        // the table holds one row per rung, with the verdict on each
        assertEquals(3 * checks.size(), NonSmoothCheck.table(checks).size());
        assertEquals(
                List.of("true", "true", "true"),
                NonSmoothCheck.table(checks)
                        .where(ColumnNames.QUANTITY, ColumnNames.W_SPURIOUS)
                        .strings(ColumnNames.CONVERGES));
    }

    /**
     * Far inside the scale condition (ratio 0.6) every repetition returns w_s = 0 exactly: no kink,
     * z = 0, nothing to check. Spurious reliance is still marked (a non-negative quantity at 0).
     */
    @Test
    void farInsideTheScaleConditionNothingIsAtAKink() {
        Scenario s = Scenario.coreSpurious(CoreSpuriousModel.twoFeature(1.0, 1.0, 0.6, 0.5), null);
        List<MonteCarloResult> r =
                MonteCarlo.runAll(List.of(new MonteCarloSpec(s, LpNorm.LINF, 0.3, 1000, 0, 50, 11, 0)), 2);
        Estimate ws = r.get(0).estimate(ColumnNames.W_SPURIOUS);
        assertEquals("", ws.nonSmooth());
        assertEquals(0.0, ws.mean());
        assertEquals("", r.get(0).estimate(ColumnNames.W_CORE).nonSmooth());
        assertEquals(
                NonSmoothLabels.NONNEGATIVE_ZERO,
                r.get(0).estimate(ColumnNames.RELIANCE).nonSmooth());
        assertTrue(NonSmoothCheck.run(r, 2, null, false).isEmpty());
    }

    /**
     * Block norms (ℓ2 attack at ε = 0, d_c = 2, d_s = 4): the spurious block is 0 in the population,
     * its norm is marked non-negative at 0 and its χ-type bias falls like n^(−1/2); the core block's
     * norm is a block norm away from 0.
     */
    @Test
    void aZeroBlockNormIsMarkedAndConverges() {
        Scenario s = Scenario.coreSpurious(new CoreSpuriousModel(2, 4, 1.0, 1.0, 0.6, 0.5), null);
        List<MonteCarloResult> r =
                MonteCarlo.runAll(List.of(new MonteCarloSpec(s, LpNorm.L2, 0.0, 1600, 0, 100, 5, 0)), 2);
        Estimate ws = r.get(0).estimate(ColumnNames.W_SPURIOUS);
        assertEquals(NonSmoothLabels.NONNEGATIVE_ZERO, ws.nonSmooth());
        assertEquals(
                NonSmoothLabels.BLOCK_NORM,
                r.get(0).estimate(ColumnNames.W_CORE).nonSmooth());
        assertTrue(ws.z() > NonSmoothCheck.Z_LIMIT, "z " + ws.z());
        NonSmoothCheck.Check c = NonSmoothCheck.run(r, 2, null, false).stream()
                .filter(x -> x.quantity().equals(ColumnNames.W_SPURIOUS))
                .findFirst()
                .orElseThrow();
        assertTrue(c.converges(), "slope " + c.slope() + " [" + c.slopeLow() + ", " + c.slopeHigh() + "]");
        assertEquals(-0.5, c.slope(), 0.2);
    }

    /**
     * The fit against a hand computation: weighted least squares of log|b| on log n with weights
     * (b/se)², slope = Σw(x − x̄)(y − ȳ)/Σw(x − x̄)², Var = 1/Σw(x − x̄)² (x̄, ȳ weighted means).
     * A bias that falls exactly like n^(−1/2) converges; a bias that stays at 0.01 (a wrong theory
     * value) does not.
     */
    @Test
    void theLadderFitMatchesAHandComputationAndAConstantBiasFails() {
        int[] n = {250, 1000, 4000};
        double[] shrinking = {0.02, 0.0101, 0.0049};
        double[] se = {0.002, 0.001, 0.0005};
        NonSmoothCheck.Check c = NonSmoothCheck.fit(null, "w_spurious", NonSmoothLabels.KINK, rungs(n, shrinking, se));
        double[] w = new double[3];
        double sw = 0, sx = 0, sy = 0;
        for (int k = 0; k < 3; k++) {
            w[k] = Math.pow(shrinking[k] / se[k], 2);
            sw += w[k];
            sx += w[k] * Math.log(n[k]);
            sy += w[k] * Math.log(shrinking[k]);
        }
        double sxx = 0, sxy = 0;
        for (int k = 0; k < 3; k++) {
            double dx = Math.log(n[k]) - sx / sw;
            sxx += w[k] * dx * dx;
            sxy += w[k] * dx * (Math.log(shrinking[k]) - sy / sw);
        }
        assertEquals(sxy / sxx, c.slope(), 1e-10);
        assertEquals(sxy / sxx - 1.959963984540054 / Math.sqrt(sxx), c.slopeLow(), 1e-10);
        assertTrue(c.converges());

        NonSmoothCheck.Check constant = NonSmoothCheck.fit(
                null, "w_spurious", NonSmoothLabels.KINK, rungs(n, new double[] {0.01, 0.0102, 0.0099}, se));
        assertEquals(0.0, constant.slope(), 0.05);
        assertFalse(constant.converges());
        // a block norm must fall like 1/n: n^(−1/2) is too slow for it
        NonSmoothCheck.Check block = NonSmoothCheck.fit(
                null, "w_core", NonSmoothLabels.BLOCK_NORM, rungs(n, shrinking, new double[] {0.0002, 0.0001, 0.00005
                }));
        assertFalse(
                block.converges(), "slope " + block.slope() + " [" + block.slopeLow() + ", " + block.slopeHigh() + "]");
    }

    /** Faces of ‖·‖_q by hand. */
    @Test
    void facesByHand() {
        assertTrue(NonSmooth.sameFace(LpNorm.LINF, new double[] {1, 0}, new double[] {2, 0}));
        assertFalse(NonSmooth.sameFace(LpNorm.LINF, new double[] {1, 0}, new double[] {1, 1e-9}));
        assertTrue(NonSmooth.sameFace(LpNorm.L1, new double[] {0.4, 0.4}, new double[] {-0.3, 0.3}));
        assertFalse(NonSmooth.sameFace(LpNorm.L1, new double[] {0.4, 0.4}, new double[] {0.4, 0.3999}));
        assertTrue(NonSmooth.sameFace(LpNorm.L2, new double[] {1, 0}, new double[] {1, 0.5}));
        assertFalse(NonSmooth.sameFace(LpNorm.L2, new double[] {0, 0}, new double[] {0, 1e-12}));
    }

    private static List<NonSmoothCheck.Rung> rungs(int[] n, double[] bias, double[] se) {
        List<NonSmoothCheck.Rung> out = new ArrayList<>();
        for (int k = 0; k < n.length; k++) {
            out.add(new NonSmoothCheck.Rung(
                    n[k], new Estimate("q", 0.0, bias[k], se[k], Double.NaN, Double.NaN, bias[k] / se[k], 100, "")));
        }
        return out;
    }
}
