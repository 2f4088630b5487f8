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

/** The deep verdicts are computed from the table: they flip when the numbers flip. */
class DeepEvidenceTest {

    /** One model's rows; {@code shift} moves every reliance metric towards the background. */
    static void model(
            ResultTable.Builder b, String bench, double fg, double bg, String norm, double eps, double shift) {
        Object[] lead = {bench, 5, fg, bg, norm, eps};
        double same = 0.95;
        double rand = 0.6 - shift;
        row(b, lead, "accuracy", "mixed_same", Double.NaN, same);
        row(b, lead, "accuracy", "mixed_rand", Double.NaN, rand);
        row(b, lead, "bg_gap", "mixed_same-mixed_rand", Double.NaN, same - rand);
        double accFg = 0.5 + shift;
        double accBg = 0.8 - shift;
        for (double s : new double[] {0.1, 0.25, 0.5}) {
            row(b, lead, "acc_fg_noise", "original", s, accFg);
            row(b, lead, "acc_bg_noise", "original", s, accBg);
            double mean = (accFg + accBg) / 2;
            row(b, lead, "rfs", "original", s, (accBg - accFg) / (2 * Math.min(mean, 1 - mean)));
        }
        row(b, lead, "avg_group_accuracy", "groups", Double.NaN, 0.6 - shift);
        row(b, lead, "worst_group_accuracy", "groups", Double.NaN, 0.0);
    }

    static void row(ResultTable.Builder b, Object[] lead, String metric, String set, double sigma, double value) {
        b.row(lead[0], lead[1], lead[2], lead[3], lead[4], lead[5], metric, set, sigma, 1000, value);
    }

    static ResultsFolder folder(double linfShiftBelow, double linfShiftAbove, double l2Shift) {
        ResultTable.Builder b = ResultTable.builder(
                "benchmark",
                "classes",
                "fg_contrast",
                "bg_contrast",
                "train_norm",
                "train_eps",
                "metric",
                "set",
                "noise_sigma",
                "n",
                "value");
        for (String bench : List.of("bg<fg", "bg>fg")) {
            double fg = bench.equals("bg<fg") ? 0.6 : 0.3;
            double bg = bench.equals("bg<fg") ? 0.3 : 0.8;
            model(b, bench, fg, bg, "standard", 0, 0);
            model(b, bench, fg, bg, "l2", 0.5, l2Shift);
            model(b, bench, fg, bg, "linf", 0.03, bench.equals("bg<fg") ? linfShiftBelow : linfShiftAbove);
        }
        return ResultsFolder.of(Path.of("."), Map.of(TableNames.DEEP_RELIANCE, b.build()));
    }

    static Verdict verdict(List<ClaimEvidence> rows, Claim claim) {
        Verdict v = null;
        for (ClaimEvidence e : rows) {
            if (e.claim() == claim) {
                v = v == null || e.verdict() == Verdict.FAILS ? e.verdict() : v;
            }
        }
        return v;
    }

    @Test
    void verdictsFollowTheNumbers() {
        DeepEvidence ev = new DeepEvidence();
        // Theory's pattern: l2 more everywhere, l-inf more only above.
        List<ClaimEvidence> asPredicted = ev.evidence(folder(0.0, 0.2, 0.2));
        assertEquals(Verdict.HOLDS, verdict(asPredicted, Claim.L1_L2_INCREASE_RELIANCE));
        assertEquals(Verdict.HOLDS, verdict(asPredicted, Claim.LINF_SCALE_CONDITION));
        assertEquals(Verdict.FAILS, verdict(asPredicted, Claim.DEEP_BACKGROUNDS), "l-inf below: no increase");

        // l-inf also increases reliance below the scale condition: claim 2 fails, the deep claim holds.
        List<ClaimEvidence> everywhere = ev.evidence(folder(0.2, 0.2, 0.2));
        assertEquals(Verdict.FAILS, verdict(everywhere, Claim.LINF_SCALE_CONDITION));
        assertEquals(Verdict.HOLDS, verdict(everywhere, Claim.DEEP_BACKGROUNDS));

        // l2 decreases reliance: claim 1 fails.
        assertEquals(Verdict.FAILS, verdict(ev.evidence(folder(0.0, 0.2, -0.2)), Claim.L1_L2_INCREASE_RELIANCE));
    }

    @Test
    void withoutDeepTablesTheDeepClaimIsNotTested() {
        List<ClaimEvidence> rows = new DeepEvidence().evidence(ResultsFolder.of(Path.of("."), Map.of()));
        assertEquals(1, rows.size());
        assertEquals(Verdict.NOT_TESTED, rows.get(0).verdict());
        assertTrue(new DeepEvidence()
                .sections(ResultsFolder.of(Path.of("."), Map.of()))
                .isEmpty());
    }

    /** Two training replicates per regime on both benchmarks; only the l2 shift differs between them. */
    static ResultsFolder twoSeeds(double l2Shift0, double l2Shift1) {
        ResultTable.Builder b = ResultTable.builder(
                "benchmark",
                "classes",
                "fg_contrast",
                "bg_contrast",
                "train_norm",
                "train_eps",
                "replicate",
                "metric",
                "set",
                "noise_sigma",
                "n",
                "value");
        for (int r = 0; r < 2; r++) {
            ResultTable.Builder one = ResultTable.builder(
                    "benchmark",
                    "classes",
                    "fg_contrast",
                    "bg_contrast",
                    "train_norm",
                    "train_eps",
                    "metric",
                    "set",
                    "noise_sigma",
                    "n",
                    "value");
            for (String bench : List.of("bg<fg", "bg>fg")) {
                double fg = bench.equals("bg<fg") ? 0.6 : 0.3;
                double bg = bench.equals("bg<fg") ? 0.3 : 0.8;
                model(one, bench, fg, bg, "standard", 0, 0);
                model(one, bench, fg, bg, "l2", 0.5, r == 0 ? l2Shift0 : l2Shift1);
            }
            for (List<String> row :
                    RelianceTrendsTest.withReplicate(one.build(), r).rows()) {
                b.row(row.toArray());
            }
        }
        return ResultsFolder.of(Path.of("."), Map.of(TableNames.DEEP_RELIANCE, b.build()));
    }

    @Test
    void claimOneNeedsSeedsThatAgree() {
        DeepEvidence ev = new DeepEvidence();
        List<ClaimEvidence> agree = ev.evidence(twoSeeds(0.2, 0.2));
        assertEquals(Verdict.HOLDS, verdict(agree, Claim.L1_L2_INCREASE_RELIANCE));
        assertTrue(
                agree.stream().anyMatch(e -> e.evidence().contains("mean of 2 seeds")),
                "the ledger says the numbers are seed means");
        // One seed shows +0.2 on every metric, the other nothing: the mean +0.1 is inside two SEs of
        // the seed spread (2·sqrt(0.1²/1/2 + binomial) > 0.2 > 0.1), so no clear change, claim 1 fails.
        assertEquals(Verdict.FAILS, verdict(ev.evidence(twoSeeds(0.2, 0.0)), Claim.L1_L2_INCREASE_RELIANCE));
    }

    /**
     * Benchmarks with {@code rho} and {@code scale_ratio} columns: bg&lt;fg (r = 0.44), bg&gt;fg (r = 2.33),
     * one whose background contrast exceeds the foreground's but whose scale ratio is below 1
     * (κ_fg 0.3, κ_bg 0.35, r = 0.9), and the uncorrelated benchmark (ρ = 1/K) with a large ℓ2 drop
     * that must be ignored. {@code linfShift} is the ℓ∞ shift on the r = 0.9 benchmark.
     */
    static ResultsFolder byRatio(double linfShift) {
        ResultTable.Builder b = ResultTable.builder(
                "benchmark",
                "classes",
                "fg_contrast",
                "bg_contrast",
                "train_norm",
                "train_eps",
                "metric",
                "set",
                "noise_sigma",
                "n",
                "value");
        Object[][] benches = {
            {"bg<fg", 0.6, 0.3, 0.9, 0.4375, 0.0},
            {"bg>fg", 0.3, 0.8, 0.9, 2.333, 0.2},
            {"r=0.9", 0.3, 0.35, 0.9, 0.9, linfShift},
            {"rho=1/K", 0.6, 0.3, 0.2, 0.0, 0.2}
        };
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        java.util.List<String> cols = null;
        for (Object[] x : benches) {
            ResultTable.Builder one = ResultTable.builder(
                    "benchmark",
                    "classes",
                    "fg_contrast",
                    "bg_contrast",
                    "train_norm",
                    "train_eps",
                    "metric",
                    "set",
                    "noise_sigma",
                    "n",
                    "value");
            String bench = (String) x[0];
            double fg = (double) x[1], bg = (double) x[2];
            model(one, bench, fg, bg, "standard", 0, 0);
            model(one, bench, fg, bg, "l2", 0.5, bench.equals("rho=1/K") ? -0.2 : 0.2);
            model(one, bench, fg, bg, "linf", 0.03, (double) x[5]);
            ResultTable t = one.build();
            cols = new java.util.ArrayList<>(t.columns());
            cols.addAll(6, List.of("rho", "scale_ratio"));
            for (List<String> r : t.rows()) {
                java.util.List<String> row = new java.util.ArrayList<>(r);
                row.addAll(6, List.of(x[3].toString(), x[4].toString()));
                rows.add(row);
            }
        }
        return ResultsFolder.of(Path.of("."), Map.of(TableNames.DEEP_RELIANCE, new ResultTable(cols, rows)));
    }

    @Test
    void claimTwoIsJudgedByTheScaleRatioNotTheContrasts() {
        DeepEvidence ev = new DeepEvidence();
        // ℓ∞ flat at r = 0.9 (though κ_bg > κ_fg there), more at r = 2.33: as predicted by r
        List<ClaimEvidence> flat = ev.evidence(byRatio(0.0));
        assertEquals(Verdict.HOLDS, verdict(flat, Claim.LINF_SCALE_CONDITION));
        // the uncorrelated benchmark's ℓ2 drop is ignored: claim 1 holds on the three correlated ones
        assertEquals(Verdict.HOLDS, verdict(flat, Claim.L1_L2_INCREASE_RELIANCE));
        assertTrue(flat.stream().noneMatch(e -> e.evidence().contains("rho=1/K")));
        // ℓ∞ more at r = 0.9: the CNNs lean on the background below the boundary, claim 2 fails and says so
        List<ClaimEvidence> below = ev.evidence(byRatio(0.2));
        assertEquals(Verdict.FAILS, verdict(below, Claim.LINF_SCALE_CONDITION));
        ClaimEvidence c2 = below.stream()
                .filter(e -> e.claim() == Claim.LINF_SCALE_CONDITION)
                .findFirst()
                .orElseThrow();
        assertTrue(c2.evidence().contains("below the boundary too (1 of 2 benchmarks with r ≤ 1"), c2.evidence());
        // the phase table has one row per (benchmark, norm, metric) of the correlated benchmarks
        ResultTable phase = ev.derivedTables(byRatio(0.2)).get(TableNames.DEEP_PHASE);
        assertEquals(List.of("bg<fg", "bg>fg", "r=0.9"), phase.distinct("benchmark"));
        ResultTable r09 =
                phase.where("benchmark", "r=0.9").where("train_norm", "linf").where("metric", "bg_gap");
        assertEquals("more", r09.get(0, "overall"));
        assertEquals("not more", r09.get(0, "predicted"));
        assertEquals(0.2, r09.getDouble(0, "reliance_change"), 1e-9);
    }
}
