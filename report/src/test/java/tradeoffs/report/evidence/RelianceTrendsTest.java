package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;

class RelianceTrendsTest {

    /** Rows of one model as the deep sweep writes them (n = 1000 per variant and in the group split, K = 5). */
    static void model(
            ResultTable.Builder b,
            String bench,
            double fg,
            double bg,
            String norm,
            double eps,
            double same,
            double rand,
            double accFg,
            double accBg,
            double avgGroup) {
        Object[] lead = {bench, 5, fg, bg, norm, eps};
        row(b, lead, "accuracy", "mixed_same", Double.NaN, same);
        row(b, lead, "accuracy", "mixed_rand", Double.NaN, rand);
        row(b, lead, "bg_gap", "mixed_same-mixed_rand", Double.NaN, same - rand);
        for (double s : new double[] {0.1, 0.25, 0.5}) {
            row(b, lead, "acc_fg_noise", "original", s, accFg);
            row(b, lead, "acc_bg_noise", "original", s, accBg);
            double mean = (accFg + accBg) / 2;
            row(b, lead, "rfs", "original", s, (accBg - accFg) / (2 * Math.min(mean, 1 - mean)));
        }
        row(b, lead, "avg_group_accuracy", "groups", Double.NaN, avgGroup);
        row(b, lead, "worst_group_accuracy", "groups", Double.NaN, 0.0);
    }

    static void row(ResultTable.Builder b, Object[] lead, String metric, String set, double sigma, double value) {
        b.row(lead[0], lead[1], lead[2], lead[3], lead[4], lead[5], metric, set, sigma, 1000, value);
    }

    static ResultTable.Builder builder() {
        return ResultTable.builder(
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
    }

    @Test
    void directionFollowsTheNumbersAndFlipsWithThem() {
        ResultTable.Builder b = builder();
        model(b, "bg>fg", 0.3, 0.8, "standard", 0, 0.95, 0.60, 0.50, 0.80, 0.60);
        // ℓ∞-AT: BG-gap up 0.35 → 0.55, RFS down (background noise hurts more), group accuracy down.
        model(b, "bg>fg", 0.3, 0.8, "linf", 0.01, 0.95, 0.50, 0.60, 0.75, 0.50);
        model(b, "bg>fg", 0.3, 0.8, "linf", 0.03, 0.95, 0.40, 0.70, 0.60, 0.40);
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(b.build());
        assertEquals(4, trends.size());
        RelianceTrends.Trend gap = trends.get(0);
        assertEquals("bg_gap", gap.metric());
        assertEquals(0.20, gap.relianceChange(), 1e-12, "0.55 − 0.35 by hand");
        // two SEs of a difference of two differences of proportions, by hand:
        double se = Math.sqrt(0.95 * 0.05 / 1000 + 0.4 * 0.6 / 1000 + 0.95 * 0.05 / 1000 + 0.6 * 0.4 / 1000);
        assertEquals(2 * se, gap.twoSe(), 1e-12);
        assertEquals(RelianceTrends.MORE, gap.observed());
        assertEquals(RelianceTrends.PREDICT_MORE, gap.predicted(), "bg contrast above fg: l-inf predicted more");
        assertTrue(gap.agrees());
        assertEquals(RelianceTrends.MORE, RelianceTrends.overall(trends, "bg>fg", "linf"));

        // Mirror the numbers: the adversarial model now relies less on the background.
        ResultTable.Builder m = builder();
        model(m, "bg<fg", 0.6, 0.3, "standard", 0, 0.95, 0.40, 0.70, 0.60, 0.40);
        model(m, "bg<fg", 0.6, 0.3, "linf", 0.03, 0.95, 0.60, 0.50, 0.80, 0.60);
        List<RelianceTrends.Trend> mirrored = RelianceTrends.compute(m.build());
        assertEquals(RelianceTrends.LESS, RelianceTrends.overall(mirrored, "bg<fg", "linf"));
        assertEquals(RelianceTrends.PREDICT_NOT_MORE, mirrored.get(0).predicted());
        assertTrue(mirrored.get(0).agrees(), "less reliance agrees with 'not more'");
        assertFalse(trends.get(3).observed().equals(RelianceTrends.MORE), "worst group 0 → 0 is no clear change");
    }

    /** {@link #model}'s rows with a replicate column after train_eps, as the reproduce stage writes them. */
    static void replicateModel(ResultTable.Builder b, int replicate, String norm, double eps, double shift) {
        ResultTable.Builder one = builder();
        model(one, "bg>fg", 0.3, 0.8, norm, eps, 0.95, 0.60 - shift, 0.50 + shift, 0.80 - shift, 0.60 - shift);
        for (List<String> r : withReplicate(one.build(), replicate).rows()) {
            b.row(r.toArray());
        }
    }

    static ResultTable twoReplicates(double shift0, double shift1) {
        List<String> cols = new java.util.ArrayList<>(builder().build().columns());
        cols.add(6, ColumnNames.REPLICATE);
        ResultTable.Builder b = ResultTable.builder(cols);
        replicateModel(b, 0, "standard", 0, 0);
        replicateModel(b, 0, "l2", 0.5, shift0);
        replicateModel(b, 1, "standard", 0, 0);
        replicateModel(b, 1, "l2", 0.5, shift1);
        return b.build();
    }

    @Test
    void seedsThatAgreeGiveMoreSeedsThatDisagreeGiveNoClearChange() {
        // Binomial variance of one replicate's BG-gap change, by hand (n = 1000; standard
        // same 0.95 rand 0.60, l2 same 0.95 rand 0.40 or 0.60 — p(1−p) is 0.24 either way):
        double b2 = 2 * 0.95 * 0.05 / 1000 + 2 * 0.4 * 0.6 / 1000;

        // Both seeds: BG-gap up 0.2. Seed spread 0, so SE is the binomial one.
        List<RelianceTrends.Trend> agree = RelianceTrends.compute(twoReplicates(0.2, 0.2));
        RelianceTrends.Trend gap = agree.get(0);
        assertEquals("bg_gap", gap.metric());
        assertEquals(0.2, gap.relianceChange(), 1e-12);
        assertEquals(2 * Math.sqrt(b2), gap.twoSe(), 1e-12);
        assertEquals(2, gap.replicateChanges().length);
        assertEquals(RelianceTrends.MORE, RelianceTrends.overall(agree, "bg>fg", "l2"));

        // Seed 0: up 0.2; seed 1: no change. Mean 0.1; s_d² = (0.1² + 0.1²)/(2 − 1) = 0.02, over S = 2.
        ResultTable disagreeTable = twoReplicates(0.2, 0.0);
        List<RelianceTrends.Trend> disagree = RelianceTrends.compute(disagreeTable);
        gap = disagree.get(0);
        assertEquals(0.1, gap.relianceChange(), 1e-12);
        assertEquals(2 * Math.sqrt(0.02 / 2 + b2), gap.twoSe(), 1e-12);
        assertEquals((0.35 + 0.35) / 2, gap.values()[0], 1e-12, "standard BG-gap, mean of the seeds");
        assertEquals((0.55 + 0.35) / 2, gap.values()[1], 1e-12, "l2 BG-gap, mean of the seeds");
        assertEquals(RelianceTrends.NO_CLEAR_CHANGE, gap.observed());
        assertEquals(RelianceTrends.NO_CLEAR_CHANGE, RelianceTrends.overall(disagree, "bg>fg", "l2"));

        // The verdict depends on the seed spread: seed 0 alone (binomial error only) says more.
        List<RelianceTrends.Trend> seed0 = RelianceTrends.compute(disagreeTable.where(ColumnNames.REPLICATE, "0"));
        assertEquals(RelianceTrends.MORE, RelianceTrends.overall(seed0, "bg>fg", "l2"));
        assertEquals("0.200 0.000", RelianceTrends.table(disagree).get(0, "change_by_replicate"));
    }

    /** {@code t} with a replicate column holding {@code replicate} after the six leading columns, as the deep stage writes it. */
    static ResultTable withReplicate(ResultTable t, int replicate) {
        List<String> cols = new java.util.ArrayList<>(t.columns());
        cols.add(6, ColumnNames.REPLICATE);
        List<List<String>> rows = new java.util.ArrayList<>();
        for (List<String> r : t.rows()) {
            List<String> row = new java.util.ArrayList<>(r);
            row.add(6, Integer.toString(replicate));
            rows.add(row);
        }
        return new ResultTable(cols, rows);
    }
}
