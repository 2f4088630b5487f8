package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * The finite-sample solver against an independent reference: cvxpy with the Clarabel conic solver
 * on the definition of F, for 4 samples (Gaussian and t(3) features, condition numbers 1 and 1e3)
 * × ℓ1, ℓ2, ℓ∞ × ε at 0.5, 0.9, 0.99 of the zero threshold (36 optima). The fixture
 * (src/test/resources/reference/finite-sample: the samples, reference.csv and make_reference.py,
 * the script that made them) stores f_upper = F(w_cvxpy) evaluated in float64, an upper bound on
 * min F whatever cvxpy's accuracy. Checked: every fit is certified to 1e-9; our dual lower bound is
 * below the reference's feasible value (an independent check that the certificate is valid); our
 * F is not above the reference's beyond our own tolerance; and the two agree to cvxpy's accuracy
 * (relative 1e-7).
 */
class ExactnessReferenceTest {
    private static final ReferenceFixture FIXTURE = new ReferenceFixture("/reference/finite-sample/");

    @Test
    void certifiedOptimaMatchCvxpy() throws IOException {
        List<String[]> rows = FIXTURE.rows("reference.csv");
        assertEquals(36, rows.size());
        Sample[] samples = new Sample[4];
        for (String[] r : rows) {
            int k = Integer.parseInt(r[0]);
            if (samples[k] == null) {
                samples[k] = FIXTURE.sample(k);
            }
            LpNorm attack = LpNorm.parse(r[1]);
            double eps = Double.parseDouble(r[3]);
            double upper = Double.parseDouble(r[4]);
            String where = "sample " + k + " " + r[1] + " eps=" + r[2] + " eps0";
            double eps0 = ExactnessTest.zeroThreshold(samples[k], attack);
            assertEquals(
                    Double.parseDouble(r[2]) * eps0, eps, 1e-12 * eps, where + ": the same zero threshold as numpy");
            EmpiricalFit fit = EmpiricalAdversarialTraining.of(samples[k]).fit(attack, eps);
            assertTrue(fit.certified(), where + ": gap " + fit.relativeGap());
            // both sides are sums of n floating-point terms: 1e-13 relative is their round-off
            assertTrue(
                    fit.dualBound() <= upper * (1 + 1e-13),
                    where + ": dual bound " + fit.dualBound() + " above cvxpy's F " + upper);
            assertTrue(
                    fit.objective() <= upper * (1 + 1e-9),
                    where + ": F " + fit.objective() + " above cvxpy's " + upper);
            assertEquals(upper, fit.objective(), 1e-7 * upper, where);
        }
    }
}
