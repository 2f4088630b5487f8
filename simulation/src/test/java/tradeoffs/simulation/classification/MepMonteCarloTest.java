package tradeoffs.simulation.classification;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearClassifier;
import tradeoffs.theory.classification.MultiPerturbationTradeoff;
import tradeoffs.theory.classification.TramerBonehDistribution;

/**
 * Monte Carlo with explicit per-sample attacks against the closed forms of docs/math.md §10.2 (the
 * reference here is the closed form, the estimate is independent of it), and the MEP bound of §10.3
 * on random classifiers by Monte Carlo.
 */
class MepMonteCarloTest {
    private static final TramerBonehDistribution DIST = new TramerBonehDistribution(0.95, 100, 2.0);
    private static final double EPS_LINF = 2 * DIST.eta();

    @Test
    void estimatesAgreeWithTheClosedFormsWithinFiveStandardErrors() {
        List<MepMonteCarlo.Candidate> cands = new ArrayList<>(MepMonteCarlo.randomCandidates(DIST, 10, 5, 0));
        for (MultiPerturbationTradeoff.Row r : MultiPerturbationTradeoff.path(DIST, EPS_LINF, 2.0, 5)) {
            cands.add(new MepMonteCarlo.Candidate(r.label(), r.theta(), r.classifier()));
        }
        List<MepMonteCarlo.Result> res = MepMonteCarlo.run(DIST, cands, EPS_LINF, 2.0, 20_000, 11, 1, 2);
        assertEquals(cands.size(), res.size());
        for (MepMonteCarlo.Result r : res) {
            for (var e : List.of(r.linf(), r.l1())) {
                double se = Math.max(e.se(), Math.sqrt(e.theory() * (1 - e.theory()) / e.count()));
                assertTrue(
                        Math.abs(e.mean() - e.theory()) <= 5 * se + 1e-12,
                        e + " " + r.candidate().label());
            }
            // the bound, by Monte Carlo: no error sum significantly below 1
            assertTrue(
                    r.errorSum().mean() + 5 * r.errorSum().se() >= 1.0,
                    r.errorSum().toString());
            assertEquals(r.linf().theory() + r.l1().theory(), 2 - r.errorSum().theory(), 1e-12);
        }
    }

    @Test
    void weakFeaturesOnlyByHand() {
        // w_i = 0.1, w0 = 0: clean Φ(2), ℓ∞ at ε∞ = 0.4: Φ(−2) = 0.02275, ℓ1 at ε₁ = 2: Φ(1.8) = 0.96407 (docs/math.md
        // §10.2)
        double[] weak = new double[100];
        java.util.Arrays.fill(weak, 0.1);
        MepMonteCarlo.Candidate c = new MepMonteCarlo.Candidate("path", Math.PI / 2, new LinearClassifier(0, weak, 0));
        MepMonteCarlo.Result r =
                MepMonteCarlo.run(DIST, List.of(c), 0.4, 2.0, 40_000, 2, 0, 1).get(0);
        assertEquals(0.02275, r.linf().mean(), 5 * Math.sqrt(0.02275 * 0.97725 / 40_000));
        assertEquals(0.96407, r.l1().mean(), 5 * Math.sqrt(0.96407 * 0.03593 / 40_000));
    }

    @Test
    void sameSeedSameBytesWhateverTheThreads() {
        List<MepMonteCarlo.Candidate> cands = MepMonteCarlo.randomCandidates(DIST, 3, 5, 0);
        var a = MepMonteCarlo.run(DIST, cands, EPS_LINF, 2.0, 5_000, 9, 0, 1);
        var b = MepMonteCarlo.run(DIST, cands, EPS_LINF, 2.0, 5_000, 9, 0, 2);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).errorSum(), b.get(i).errorSum());
        }
    }

    @Test
    void aClassifierOfTheWrongDimensionIsRefused() {
        var c = new MepMonteCarlo.Candidate("random", 0, new LinearClassifier(1, new double[3], 0));
        ParameterException e =
                assertThrows(ParameterException.class, () -> MepMonteCarlo.run(DIST, List.of(c), 0.1, 1, 10, 0, 0, 1));
        assertTrue(e.getMessage().contains("dim"), e.getMessage());
    }
}
