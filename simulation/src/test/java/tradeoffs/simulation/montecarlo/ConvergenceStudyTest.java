package tradeoffs.simulation.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;

class ConvergenceStudyTest {
    /**
     * Error ∝ n^(−1/2): the fitted log-log slope of the weights. RMSE over n = 250..16000 lies
     * within 0.1 of −0.5 (ℓ∞ attack, σ_s above the scale condition). Tolerance: each RMSE has
     * relative standard error ≈ 1/√(2·reps) = 6%, so
     * the slope's standard error over a log-range of ln 64 is ≈ 0.02; 0.1 is five of them.
     */
    @Test
    void rmseFallsLikeOneOverRootN() {
        Scenario s = Scenario.coreSpurious(CoreSpuriousModel.twoFeature(1.0, 2.0, 0.5, 0.5), null);
        for (LpNorm norm : List.of(LpNorm.LINF)) {
            ConvergenceStudy.Result r =
                    ConvergenceStudy.run(s, norm, 0.3, new int[] {250, 1000, 4000, 16000}, 150, 77, 2);
            System.out.println(r.table().toCsv());
            assertEquals(-0.5, r.slope(), 0.1, norm + ": slope " + r.slope());
            assertTrue(r.slopeSe() < 0.05, "slope se " + r.slopeSe());
        }
    }

    /** The estimate of a hand-made sample: mean 2, sd 1 over 4 values, t_{0.975,3} = 3.182446. */
    @Test
    void estimateMatchesAHandComputation() {
        SummaryStatistics st = new SummaryStatistics();
        for (double x : new double[] {1, 2, 2, 3}) {
            st.addValue(x);
        }
        Estimate e = MonteCarlo.estimate("q", 1.5, st);
        double sd = Math.sqrt(2.0 / 3.0);
        assertEquals(2.0, e.mean(), 1e-15);
        assertEquals(sd / 2, e.se(), 1e-15);
        assertEquals(2.0 - 3.182446305284263 * sd / 2, e.ciLow(), 1e-9);
        assertEquals(2.0 + 3.182446305284263 * sd / 2, e.ciHigh(), 1e-9);
        assertEquals(0.5 / (sd / 2), e.z(), 1e-6);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Scenario s = Scenario.coreSpurious(CoreSpuriousModel.twoFeature(1.0, 2.0, 0.5, 0.5), -0.5);
        List<MonteCarloSpec> specs = List.of(
                new MonteCarloSpec(s, LpNorm.L1, 0.4, 400, 400, 7, 3, 0),
                new MonteCarloSpec(s, LpNorm.LINF, 0.2, 400, 400, 5, 3, 1));
        assertEquals(MonteCarloTable.of(MonteCarlo.runAll(specs, 1)), MonteCarloTable.of(MonteCarlo.runAll(specs, 2)));
    }
}
