package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Verdict;

/** Claim 4 on CNNs is computed from deep_robust and deep_robust_shift. */
class DeepSpuriousBenefitEvidenceTest {

    /**
     * ℓ2-AT (ε = 0.5) and ℓ∞-AT (ε = 0.03) at ρ = 0.9 with robust accuracy {@code corr}, and the same
     * at ρ = 1/K scored on the ρ′ = 0.9 images with robust accuracy {@code uncorr}; two seeds, 1000
     * images; the ℓ∞ models are equal in both.
     */
    static ResultsFolder folder(double corr, double uncorr) {
        ResultTable.Builder robust = ResultTable.builder(
                "benchmark",
                "classes",
                "fg_contrast",
                "bg_contrast",
                "train_norm",
                "train_eps",
                "rho",
                "scale_ratio",
                "replicate",
                "norm",
                "eps",
                "attacks",
                "n",
                "clean_accuracy",
                "robust_accuracy");
        ResultTable.Builder shift = ResultTable.builder(
                "benchmark",
                "classes",
                "fg_contrast",
                "bg_contrast",
                "train_norm",
                "train_eps",
                "rho",
                "scale_ratio",
                "replicate",
                "rho_test",
                "pairing",
                "norm",
                "eps",
                "attacks",
                "n",
                "clean_accuracy",
                "robust_accuracy");
        for (int r = 0; r < 2; r++) {
            for (Object[] m : new Object[][] {{"l2", 0.5, corr, uncorr}, {"linf", 0.03, 0.5, 0.5}}) {
                for (double eps : new double[] {0, (double) m[1]}) {
                    double rc = eps == 0 ? 0.9 : (double) m[2] + 0.01 * r;
                    double ru = eps == 0 ? 0.8 : (double) m[3];
                    robust.row(
                            "bg<fg", 5, 0.6, 0.3, m[0], m[1], 0.9, 0.4375, r, m[0], eps, "pgd-ce+beta", 1000, 0.9, rc);
                    shift.row(
                            "rho=1/K",
                            5,
                            0.6,
                            0.3,
                            m[0],
                            m[1],
                            0.2,
                            0.0,
                            r,
                            0.9,
                            "same",
                            m[0],
                            eps,
                            "pgd-ce+beta",
                            1000,
                            0.8,
                            ru);
                }
            }
        }
        return ResultsFolder.of(
                Path.of("."),
                Map.of(TableNames.DEEP_ROBUST, robust.build(), TableNames.DEEP_ROBUST_SHIFT, shift.build()));
    }

    @Test
    void gainIsPairedOverSeeds() {
        ResultsFolder f = folder(0.6, 0.4);
        List<DeepSpuriousBenefitEvidence.Gain> gains = DeepSpuriousBenefitEvidence.compute(
                f.require(TableNames.DEEP_ROBUST), f.require(TableNames.DEEP_ROBUST_SHIFT));
        assertEquals(2, gains.size());
        DeepSpuriousBenefitEvidence.Gain l2 = gains.get(0);
        assertEquals("l2", l2.trainNorm());
        assertEquals(0.9, l2.rhoTest(), 1e-12);
        // seeds: 0.60 − 0.40 and 0.61 − 0.40
        assertEquals(0.205, l2.gain().mean(), 1e-12);
        assertEquals(0.1, l2.cleanGain().mean(), 1e-12, "clean 0.9 vs 0.8");
        assertEquals(PairedChange.Direction.UP, l2.gain().direction());
        assertEquals(PairedChange.Direction.NONE, gains.get(1).gain().direction(), "ℓ∞: 0.5 vs 0.5 (+0.005)");
    }

    @Test
    void verdictFollowsTheNumbers() {
        ClaimEvidence up =
                new DeepSpuriousBenefitEvidence().evidence(folder(0.6, 0.4)).get(0);
        assertEquals(Claim.SPURIOUS_HELPS_ROBUSTNESS, up.claim());
        assertEquals(Verdict.HOLDS, up.verdict());
        assertTrue(up.evidence().contains("raised robust accuracy"), up.evidence());
        // the correlated background lowers robust accuracy for ℓ2: fails
        ClaimEvidence down =
                new DeepSpuriousBenefitEvidence().evidence(folder(0.3, 0.5)).get(0);
        assertEquals(Verdict.FAILS, down.verdict());
        assertTrue(down.evidence().contains("lowered"), down.evidence());
        // equal: no clear effect, fails
        assertEquals(
                Verdict.FAILS,
                new DeepSpuriousBenefitEvidence()
                        .evidence(folder(0.5, 0.5))
                        .get(0)
                        .verdict());
    }
}
