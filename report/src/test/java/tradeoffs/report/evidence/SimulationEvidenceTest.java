package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.*;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.Verdict;

class SimulationEvidenceTest {
    /**
     * Monte Carlo rows at ε = 0, 0.25, 0.5, 0.75, 1 with se 0.005: reliance slope {@code l2Slope}
     * for ℓ2, 0.3 for ℓ1, ℓ∞ 0.2 above the scale condition (σ_s = 2) and {@code linfBelow} below
     * (σ_s = 1); η = 0.6, σ_c = 1.
     */
    static ResultTable sim(double l2Slope, double linfBelow, double shiftExtra) {
        ResultTable.Builder b = ResultTable.builder(
                NORM, EPS, SIGMA_CORE, SIGMA_SPURIOUS, ETA, QUANTITY, THEORY, MEAN, SE, CI_LOW, CI_HIGH, Z);
        for (String norm : List.of("l1", "l2", "linf")) {
            for (double s : new double[] {1, 2}) {
                for (int i = 0; i <= 4; i++) {
                    double e = i * 0.25;
                    double slope = switch (norm) {
                        case "l1" -> 0.3;
                        case "l2" -> l2Slope;
                        default -> s == 2 ? 0.2 : linfBelow;
                    };
                    row(b, norm, e, s, RELIANCE, 0.01 + slope * e);
                    row(b, norm, e, s, STANDARD_RISK, 0.25 + 0.1 * e);
                    row(b, norm, e, s, SHIFTED_RISK, 0.25 + (0.1 + shiftExtra) * e);
                }
            }
        }
        return b.build();
    }

    private static void row(ResultTable.Builder b, String norm, double e, double s, String q, double mean) {
        double se = 0.005;
        b.row(norm, e, 1.0, s, 0.6, q, mean, mean, se, mean - 1.96 * se, mean + 1.96 * se, 0.0);
        if (q.equals(SHIFTED_RISK)) {
            double adv = 0.25 + e;
            b.row(norm, e, 1.0, s, 0.6, ADVERSARIAL_RISK, adv, adv, se, adv - 1.96 * se, adv + 1.96 * se, 0.0);
        }
    }

    static Verdict verdict(ResultTable t, Claim c) {
        ResultsFolder f = ResultsFolder.of(Path.of("x"), Map.of(SIM_AGREEMENT, t));
        return new SimulationEvidence()
                .evidence(f).stream()
                        .filter(e -> e.claim() == c)
                        .findFirst()
                        .orElseThrow()
                        .verdict();
    }

    @Test
    void risingTrendsHold() {
        ResultTable t = sim(0.2, 0.0, 0.2);
        assertEquals(Verdict.HOLDS, verdict(t, Claim.L1_L2_INCREASE_RELIANCE));
        assertEquals(Verdict.HOLDS, verdict(t, Claim.LINF_SCALE_CONDITION));
        assertEquals(Verdict.HOLDS, verdict(t, Claim.SHIFT_HURTS));
        assertEquals(Verdict.NOT_TESTED, verdict(t, Claim.SPURIOUS_HELPS_ROBUSTNESS)); // no core-only table
    }

    /** Core-only rows: adversarial risk of the with-x_s grid's σ_s = 1 rows plus {@code gain(norm)}·ε. */
    static ResultTable coreOnly(ResultTable sim, double l1Gain, double l2Gain) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, SIGMA_SPURIOUS, QUANTITY, MEAN, SE);
        ResultTable adv = sim.where(QUANTITY, ADVERSARIAL_RISK).where(SIGMA_SPURIOUS, "1.0");
        for (int i = 0; i < adv.size(); i++) {
            String norm = adv.get(i, NORM);
            double e = adv.getDouble(i, EPS);
            double gain = norm.equals("l1") ? l1Gain : norm.equals("l2") ? l2Gain : 0.0;
            b.row(norm, e, 1.0, ADVERSARIAL_RISK, adv.getDouble(i, MEAN) + gain * e, 0.005);
        }
        return b.build();
    }

    static Verdict claim4(ResultTable sim, ResultTable core) {
        ResultsFolder f = ResultsFolder.of(Path.of("x"), Map.of(SIM_AGREEMENT, sim, SIM_CORE_ONLY, core));
        return new SimulationEvidence()
                .evidence(f).stream()
                        .filter(e -> e.claim() == Claim.SPURIOUS_HELPS_ROBUSTNESS)
                        .findFirst()
                        .orElseThrow()
                        .verdict();
    }

    @Test
    void claim4HoldsWhenDroppingTheSpuriousFeatureCostsAdversarialRisk() {
        ResultTable t = sim(0.2, 0.0, 0.2);
        // adversarial-risk rows of sim() have se 0.005 each: the difference has se 0.00707; with 15 points
        // the Bonferroni cut is z = 2.935, i.e. 0.0208. A gain of 0.2·ε is significant from ε = 0.25 on.
        assertEquals(Verdict.HOLDS, claim4(t, coreOnly(t, 0.2, 0.1)));
        // no gain anywhere: nothing significant → the claim is not supported
        assertEquals(Verdict.FAILS, claim4(t, coreOnly(t, 0.0, 0.0)));
        // ℓ2 core-only models do better: a significant loss
        assertEquals(Verdict.FAILS, claim4(t, coreOnly(t, 0.2, -0.1)));
    }

    @Test
    void aReversedReliancTrendFailsClaim1() {
        assertEquals(Verdict.FAILS, verdict(sim(-0.2, 0.0, 0.2), Claim.L1_L2_INCREASE_RELIANCE));
    }

    @Test
    void aTrendTooSmallForItsErrorBarsFailsClaim1() {
        // slope 0.005 over ε ∈ [0, 1] with se 0.005 per point: Var b = Σc²se² = se²/Sxx = 2.5e-5/0.625 → half-width
        // 0.0124
        assertEquals(Verdict.FAILS, verdict(sim(0.005, 0.0, 0.2), Claim.L1_L2_INCREASE_RELIANCE));
    }

    @Test
    void linfRelianceRisingBelowTheScaleConditionFailsClaim2() {
        assertEquals(Verdict.FAILS, verdict(sim(0.2, 0.1, 0.2), Claim.LINF_SCALE_CONDITION));
    }

    @Test
    void shiftedRiskGrowingNoFasterThanInDomainFailsClaim3() {
        assertEquals(Verdict.FAILS, verdict(sim(0.2, 0.0, 0.0), Claim.SHIFT_HURTS));
    }
}
