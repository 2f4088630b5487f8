package tradeoffs.figures.report;

import static org.junit.jupiter.api.Assertions.*;
import static tradeoffs.figures.ResultSchema.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.figures.ResultsFolder;
import tradeoffs.io.ResultTable;

class SimulationEvidenceTest {
    /**
     * Monte Carlo rows at ε = 0, 0.25, 0.5, 0.75, 1 with se 0.005: reliance slope {@code l2Slope}
     * for ℓ2, 0.3 for ℓ1, ℓ∞ 0.2 above the scale condition (σ_s = 2) and {@code linfBelow} below
     * (σ_s = 1); η = 0.6, σ_c = 1.
     */
    static ResultTable sim(double l2Slope, double linfBelow, double shiftExtra) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, SIGMA_CORE, SIGMA_SPURIOUS, ETA, QUANTITY, THEORY, MEAN,
                SE, CI_LOW, CI_HIGH, Z);
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
    }

    static Verdict verdict(ResultTable t, Claim c) {
        ResultsFolder f = ResultsFolder.of(Path.of("x"), Map.of(SIM_AGREEMENT, t));
        return new SimulationEvidence().evidence(f).stream().filter(e -> e.claim() == c).findFirst().orElseThrow()
                .verdict();
    }

    @Test
    void risingTrendsHold() {
        ResultTable t = sim(0.2, 0.0, 0.2);
        assertEquals(Verdict.HOLDS, verdict(t, Claim.L1_L2_INCREASE_RELIANCE));
        assertEquals(Verdict.HOLDS, verdict(t, Claim.LINF_SCALE_CONDITION));
        assertEquals(Verdict.HOLDS, verdict(t, Claim.SHIFT_HURTS));
        assertEquals(Verdict.NOT_TESTED, verdict(t, Claim.SPURIOUS_HELPS_ROBUSTNESS));
    }

    @Test
    void aReversedReliancTrendFailsClaim1() {
        assertEquals(Verdict.FAILS, verdict(sim(-0.2, 0.0, 0.2), Claim.L1_L2_INCREASE_RELIANCE));
    }

    @Test
    void aTrendTooSmallForItsErrorBarsFailsClaim1() {
        // slope 0.005 over ε ∈ [0, 1] with se 0.005 per point: Var b = Σc²se² = se²/Sxx = 2.5e-5/0.625 → half-width 0.0124
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
