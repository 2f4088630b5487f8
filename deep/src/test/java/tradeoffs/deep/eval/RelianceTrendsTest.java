package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;

class RelianceTrendsTest {

    /** Rows of one model as DeepSweep writes them (n = 1000 per variant and in the group split, K = 5). */
    static void model(ResultTable.Builder b, String bench, double fg, double bg, String norm, double eps,
            double same, double rand, double accFg, double accBg, double avgGroup) {
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
        return ResultTable.builder("benchmark", "classes", "fg_contrast", "bg_contrast", "train_norm", "train_eps",
                "metric", "set", "noise_sigma", "n", "value");
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
}
