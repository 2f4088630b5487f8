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

/** Claim 3 on CNNs is computed from deep_shift: the verdict flips when the accuracies do. */
class DeepShiftEvidenceTest {

    /**
     * One benchmark (K = 5, ρ = 0.9), standard and ℓ2 models, two seeds, 1000 images per split. The
     * standard model loses 0.10 at ρ′ = 0.2 (1/K) and 0.20 at the reversed pairing; the ℓ2 model
     * loses 0.10 + {@code extra0/1} and 0.20 + {@code extra0/1} in seed 0/1. A row for the uncorrelated
     * benchmark (ρ = 0.2) must be ignored.
     */
    static ResultTable table(double extra0, double extra1) {
        ResultTable.Builder b = ResultTable.builder(
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
                "n",
                "accuracy");
        for (int r = 0; r < 2; r++) {
            double extra = r == 0 ? extra0 : extra1;
            for (String norm : List.of("standard", "l2")) {
                double eps = norm.equals("l2") ? 0.5 : 0;
                double base = norm.equals("l2") ? 0.85 : 0.90;
                double e = norm.equals("l2") ? extra : 0;
                b.row("bg<fg", 5, 0.6, 0.3, norm, eps, 0.9, 0.4375, r, 0.9, "same", 1000, base);
                b.row("bg<fg", 5, 0.6, 0.3, norm, eps, 0.9, 0.4375, r, 0.2, "same", 1000, base - 0.10 - e);
                b.row("bg<fg", 5, 0.6, 0.3, norm, eps, 0.9, 0.4375, r, 0.9, "next", 1000, base - 0.20 - e);
            }
            b.row("rho=1/K", 5, 0.6, 0.3, "l2", 0.5, 0.2, 0.0, r, 0.2, "same", 1000, 0.1);
        }
        return b.build();
    }

    static ResultsFolder folder(ResultTable shift) {
        return ResultsFolder.of(Path.of("."), Map.of(TableNames.DEEP_SHIFT, shift));
    }

    @Test
    void extraLossIsPairedOverSeeds() {
        List<DeepShiftEvidence.ShiftTrend> trends = DeepShiftEvidence.compute(table(0.15, 0.17));
        assertEquals(2, trends.size(), "ρ′ = 0.2 and the reversed pairing, the uncorrelated benchmark left out");
        DeepShiftEvidence.ShiftTrend at1k = trends.stream()
                .filter(t -> t.pairing().equals("same"))
                .findFirst()
                .orElseThrow();
        assertEquals(0.10, at1k.stdLoss(), 1e-12);
        assertEquals(0.26, at1k.advLoss(), 1e-12);
        assertEquals(0.16, at1k.extra().mean(), 1e-12);
        assertTrue(at1k.deciding());
        // binomial part by hand: seed 0 accuracies 0.90, 0.80, 0.85, 0.60 of 1000
        double b0 = (0.9 * 0.1 + 0.8 * 0.2 + 0.85 * 0.15 + 0.6 * 0.4) / 1000;
        assertEquals(b0, at1k.extra().binomialVariances()[0], 1e-12);
        assertEquals(DeepShiftEvidence.LOSES_MORE, at1k.observed());
    }

    @Test
    void verdictFollowsTheNumbers() {
        ClaimEvidence more =
                new DeepShiftEvidence().evidence(folder(table(0.15, 0.17))).get(0);
        assertEquals(Claim.SHIFT_HURTS, more.claim());
        assertEquals(Verdict.HOLDS, more.verdict());
        assertTrue(more.evidence().contains("at 2 of 2 deciding shifts"), more.evidence());
        // adversarial training loses less under the shift: fails
        assertEquals(
                Verdict.FAILS,
                new DeepShiftEvidence()
                        .evidence(folder(table(-0.15, -0.17)))
                        .get(0)
                        .verdict());
        // seeds that disagree (+0.15, −0.15): no clear difference, so the claim is not shown
        ClaimEvidence unclear =
                new DeepShiftEvidence().evidence(folder(table(0.15, -0.15))).get(0);
        assertEquals(Verdict.FAILS, unclear.verdict());
        assertTrue(unclear.evidence().contains(DeepShiftEvidence.NO_CLEAR), unclear.evidence());
    }

    @Test
    void accuracyByAgreementForTheFigure() {
        ResultTable t =
                new DeepShiftEvidence().derivedTables(folder(table(0.15, 0.17))).get(TableNames.DEEP_SHIFT_BY_RHO);
        ResultTable next = t.where("train_norm", "l2").where("pairing", "next");
        // (1 − ρ)/(K − 1) of the reversed-pairing images carry their own class's background
        assertEquals(0.1 / 4, next.getDouble(0, "agreement"), 1e-12);
        // mean over the two seeds: 0.85 − 0.20 − (0.15 + 0.17)/2
        assertEquals(0.49, next.getDouble(0, "accuracy"), 1e-12);
        assertEquals(List.of("bg<fg"), t.distinct("benchmark"));
    }

    @Test
    void withoutTheTableThereIsNoRow() {
        assertTrue(new DeepShiftEvidence()
                .evidence(ResultsFolder.of(Path.of("."), Map.of()))
                .isEmpty());
    }
}
