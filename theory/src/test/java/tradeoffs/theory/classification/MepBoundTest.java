package tradeoffs.theory.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ReferenceTable;

/** The MEP bound of docs/math.md §10.3 over random classifiers, its tightness, and its premise. */
class MepBoundTest {
    @Test
    void holdsForRandomLinearClassifiers() {
        SplittableRandom rng = new SplittableRandom(11);
        double minSlack = Double.POSITIVE_INFINITY;
        for (int t = 0; t < 3000; t++) {
            int d = 1 + rng.nextInt(8);
            TramerBonehDistribution dist =
                    new TramerBonehDistribution(0.5 + 0.5 * rng.nextDouble(), d, 3 * rng.nextDouble());
            double[] weak = new double[d];
            for (int i = 0; i < d; i++) {
                weak[i] = rng.nextDouble() < 0.3 ? 0.0 : rng.nextGaussian() + 0.5;
            }
            LinearClassifier c = new LinearClassifier(rng.nextGaussian(), weak, rng.nextGaussian());
            double epsLinf = 2 * dist.eta() * (1 + rng.nextDouble() * (t % 2));
            double epsL1 = 2 + rng.nextDouble() * (t % 3 == 0 ? 1 : 0);
            assertTrue(MepBound.applies(dist, epsLinf, epsL1));
            double sum = MepBound.errorSum(dist, c, epsLinf, epsL1);
            assertTrue(sum >= 1 - 1e-12, c + " " + dist + ": " + sum);
            minSlack = Math.min(minSlack, sum - 1);
        }
        assertTrue(minSlack >= -1e-12);
    }

    @Test
    void tightForTheConstantClassifierAndApproachedByWeakFeaturesAsDGrows() {
        TramerBonehDistribution d4 = new TramerBonehDistribution(0.95, 4, 1.0);
        LinearClassifier constant = new LinearClassifier(0, new double[4], 1);
        assertEquals(1.0, MepBound.errorSum(d4, constant, 2 * d4.eta(), 2), 0.0);
        double previous = Double.POSITIVE_INFINITY;
        for (int d : new int[] {4, 100, 10_000, 1_000_000}) {
            TramerBonehDistribution dist = new TramerBonehDistribution(0.95, d, 1.0);
            LinearClassifier weak = LinearClassifier.uniform(d, 0, 1, 0);
            double sum = MepBound.errorSum(dist, weak, 2 * dist.eta(), 2);
            // by hand: ℓ∞ margin ηd − 2ηd, ℓ1 margin ηd − 2, both over √d → Φ(α) + Φ(2/√d − α)
            double hand =
                    MultiPerturbationAccuracyTest.phi(1.0) + MultiPerturbationAccuracyTest.phi(2 / Math.sqrt(d) - 1.0);
            assertEquals(hand, sum, 1e-12);
            assertTrue(sum >= 1 && sum < previous);
            previous = sum;
        }
        assertEquals(1.0, previous, 1e-3);
    }

    @Test
    void premiseMatters() {
        TramerBonehDistribution dist = new TramerBonehDistribution(0.95, 16, 2.0);
        assertFalse(MepBound.applies(dist, 1.9 * dist.eta(), 2));
        assertFalse(MepBound.applies(dist, 2 * dist.eta(), 1.9));
        // with weaker attacks a classifier does better than the bound: weak features, ε_∞ = η/2, ε₁ = 1
        LinearClassifier weak = LinearClassifier.uniform(16, 0, 1, 0);
        assertTrue(MepBound.errorSum(dist, weak, 0.5 * dist.eta(), 1) < 0.5);
    }

    /**
     * (ℓ∞ error) + (ℓ1 error) against mpmath values from the distribution's definition
     * (src/test/python/classification_reference.py), including d = 10 000 where the bound is
     * nearly tight, and the bound itself on every row. Absolute 1e-14·(1 + d/1000): two
     * probabilities, each within ~5e-15 from Commons Math's Φ, plus the rounding of the sums over
     * the d weak weights (S, ‖w‖₁, ‖w‖₂), which naive double summation lets grow with d: at
     * d = 10 000 and w_i = 0.2, S is off by 1.6e-13 relative, and the error sum by 1.0e-14
     * (measured; 4.4e-16 for d ≤ 100).
     */
    @Test
    void errorSumsMatchHighPrecisionReferenceValues() {
        for (ReferenceTable.Row r : ReferenceTable.load("mep_bound.csv").rows()) {
            TramerBonehDistribution dist = new TramerBonehDistribution(r.num("p0"), r.integer("dim"), r.num("alpha"));
            LinearClassifier c = new LinearClassifier(r.num("w0"), r.vector("weak", dist.dim()), r.num("bias"));
            double epsLinf = r.num("eps_linf");
            double epsL1 = r.num("eps_l1");
            assertTrue(MepBound.applies(dist, epsLinf * (1 + 1e-15), epsL1), r.toString());
            double sum = MepBound.errorSum(dist, c, epsLinf, epsL1);
            assertEquals(r.num("error_sum"), sum, 1e-14 * (1 + dist.dim() / 1000.0), r.toString());
            assertTrue(sum >= 1 - 1e-14, r.toString());
        }
    }
}
