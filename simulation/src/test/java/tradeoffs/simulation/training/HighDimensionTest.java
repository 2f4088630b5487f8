package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * Higher dimension (d = 20: 10 core + 10 spurious features, n = 5000): every norm closes the
 * certificate to 1e-8 (the ℓ∞ attack through the active set on the zero coordinates, since ten
 * weights are exactly zero here), and the reported objective is F's definition at the answer.
 */
class HighDimensionTest {
    @ParameterizedTest
    @CsvSource({"l1, 1e-8", "l2, 1e-8", "linf, 1e-8"})
    void certifiedInTwentyDimensions(String norm, double required) {
        CoreSpuriousModel m = new CoreSpuriousModel(10, 10, 1.0, 1.5, 0.6, 0.5);
        Sample data = new CoreSpuriousSampler(m).sample(5_000, new Streams(8).stream(0, 0, Streams.TRAIN));
        EmpiricalAdversarialTraining at = EmpiricalAdversarialTraining.of(data);
        LpNorm attack = LpNorm.parse(norm);
        for (double eps : new double[] {0.05, 0.2}) {
            EmpiricalFit fit = at.fit(attack, eps, 1e-8);
            assertEquals(
                    EmpiricalAdversarialTrainingTest.objective(
                            data, attack.dual().p(), eps, fit.w()),
                    fit.objective(),
                    1e-12 * fit.objective());
            assertTrue(fit.relativeGap() <= required, norm + " eps=" + eps + ": relative gap " + fit.relativeGap());
        }
    }
}
