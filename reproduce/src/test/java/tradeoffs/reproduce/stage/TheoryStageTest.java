package tradeoffs.reproduce.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceStage;

class TheoryStageTest {
    @Test
    void stagesRunInTheirListedOrder() {
        assertEquals(
                List.of("theory", "simulation", "classification", "bridge", "deep"),
                Stages.all().stream().map(ReproduceStage::name).toList());
    }

    @Test
    void thePhaseTableLeavesOutTheBoundaryAndRecordsTheModelsOwnRatio() {
        tradeoffs.io.ResultTable t = TheoryStage.phaseTable(TheoryStage.Grid.of(Profile.QUICK), 1);
        double[] ratio = t.doubles("scale_ratio");
        double[] sigmaS = t.doubles("sigma_spurious");
        for (int i = 0; i < ratio.length; i++) {
            assertTrue(Math.abs(ratio[i] - 1.0) > 1e-9, "boundary ratio in the grid");
            // σ_s·|η|/σ_c recomputed from the row's own parameters, exactly as the model sees it
            assertEquals(sigmaS[i] * 0.6 / 1.0, ratio[i], 0.0);
        }
        // both sides of the boundary, 39 ratios × 25 values of ε
        assertTrue(java.util.Arrays.stream(ratio).anyMatch(r -> r < 1)
                && java.util.Arrays.stream(ratio).anyMatch(r -> r > 1));
        assertEquals(39 * 25, t.size());
    }

    @Test
    void gridsIncludeTheirEndsWithoutRoundingDrift() {
        assertArrayEquals(new double[] {0.0, 0.05, 0.1, 0.15}, TheoryStage.grid(0, 0.15, 0.05));
        assertEquals(26, TheoryStage.grid(0, 1.25, 0.05).length);
    }

    /**
     * The fixed-budget frontier of docs/math.md §5.4 (ℓ2, ε_test = 0.5, η′ = 0, default model) against
     * a second route: the two-feature ridge formula of §4.2 with its penalty λ found here by
     * bisection on λ = (ε² + cεs/n)/(1 + cεn/s) (not through the theory module's solver), then R_0.5
     * by §2.2 and MSE_η′ by §5.2 written out. Both agree with the table to 1e-9, and with the
     * rounded values quoted in §5.4 to 1e-5; along ε_train = 0 … 0.5 the adversarial risk at the fixed
     * budget falls while the shifted-domain risk rises.
     */
    @Test
    void theFixedBudgetFrontierMatchesTheClosedFormsBySecondRoute() {
        double[] trainEps = {0.0, 0.125, 0.25, 0.375, 0.5};
        tradeoffs.io.ResultTable t =
                TheoryStage.fixedBudgetTable(trainEps, 1).where("norm", "l2").where("eps_test", "0.5");
        double[] adv = t.doubles("adversarial_risk");
        double[] shifted = t.doubles("shifted_risk");
        double[] quotedAdv = {0.89894, 0.83488, 0.78768, 0.75937, 0.74990};
        double[] quotedShift = {0.25000, 0.25905, 0.28734, 0.33452, 0.39936};
        for (int i = 0; i < trainEps.length; i++) {
            double[] w = ridgeTwoFeature(trainEps[i]);
            double sigmaN = 0.5, eta = 0.6, c = Math.sqrt(2 / Math.PI), e = 0.5;
            double s = Math.sqrt(Math.pow(1 - w[0], 2) + w[1] * w[1] + sigmaN * sigmaN - 2 * (1 - w[0]) * w[1] * eta);
            double n = Math.hypot(w[0], w[1]);
            double r = Math.pow(s + c * e * n, 2) + (1 - c * c) * e * e * n * n;
            double mse0 = Math.pow(1 - w[0], 2) + w[1] * w[1] + sigmaN * sigmaN; // η′ = 0
            assertEquals(r, adv[i], 1e-9, "R_0.5 at eps_train " + trainEps[i]);
            assertEquals(mse0, shifted[i], 1e-9, "MSE_0 at eps_train " + trainEps[i]);
            assertEquals(quotedAdv[i], adv[i], 1e-5);
            assertEquals(quotedShift[i], shifted[i], 1e-5);
            if (i > 0) {
                assertTrue(adv[i] < adv[i - 1] && shifted[i] > shifted[i - 1], "a tradeoff at step " + i);
            }
        }
    }

    /** w(ε) of the default two-feature model under an ℓ2 attack, docs/math.md §4.2, by bisection on λ. */
    private static double[] ridgeTwoFeature(double eps) {
        double sc = 1, ss = 1, eta = 0.6, sigmaN = 0.5, c = Math.sqrt(2 / Math.PI);
        if (eps == 0) {
            return new double[] {1 / sc, 0};
        }
        double lo = 0, hi = 100;
        double[] w = null;
        for (int it = 0; it < 200; it++) {
            double lam = (lo + hi) / 2;
            double d = (sc * sc + lam) * (ss * ss + lam) - sc * sc * ss * ss * eta * eta;
            w = new double[] {sc * (ss * ss * (1 - eta * eta) + lam) / d, lam * ss * eta / d};
            double a = sc * w[0], b = ss * w[1];
            double s = Math.sqrt(Math.pow(1 - a, 2) + b * b + sigmaN * sigmaN - 2 * (1 - a) * b * eta);
            double n = Math.hypot(w[0], w[1]);
            double h = (eps * eps + c * eps * s / n) / (1 + c * eps * n / s);
            if (lam - h < 0) {
                lo = lam;
            } else {
                hi = lam;
            }
        }
        return w;
    }
}
