package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportSection;

/** The methods section: means over seeds, best vs last epoch, and the words that say which overfit. */
class DeepMethodsEvidenceTest {

    static ResultTable epochs() {
        ResultTable.Builder b = ResultTable.builder(
                "train_method",
                "train_norm",
                "train_eps",
                "replicate",
                "epoch",
                "norm",
                "eps",
                "n",
                "clean_accuracy",
                "robust_accuracy");
        // PGD peaks at epoch 2 (0.60) and ends at 0.40: a drop of 0.20 > 2·√(0.4·0.6/200) = 0.069.
        double[] pgd = {0.50, 0.60, 0.45, 0.40};
        // TRADES ends at its best (0.55 at epoch 4; 0.55 at epoch 3 too: the first is the best epoch).
        double[] trades = {0.30, 0.50, 0.55, 0.55};
        for (int e = 0; e < 4; e++) {
            b.row("pgd", "linf", 0.0314, 0, e + 1, "linf", 0.0314, 200, 0.8, pgd[e]);
        }
        for (int e = 0; e < 4; e++) {
            b.row("trades", "linf", 0.0314, 0, e + 1, "linf", 0.0314, 200, 0.8, trades[e]);
        }
        return b.build();
    }

    static ResultTable robust() {
        ResultTable.Builder b = ResultTable.builder(
                "benchmark",
                "train_method",
                "train_norm",
                "train_eps",
                "replicate",
                "norm",
                "eps",
                "attacks",
                "n",
                "clean_accuracy",
                "robust_accuracy");
        // two seeds of PGD at ε = 0.0314: 0.5 and 0.7 -> mean 0.6, SE² = var/2 + mean p(1−p)/(n·2)/2
        b.row("bg<fg methods", "pgd", "linf", 0.0314, 0, "linf", 0.0314, "x", 100, 0.8, 0.5);
        b.row("bg<fg methods", "pgd", "linf", 0.0314, 1, "linf", 0.0314, "x", 100, 0.8, 0.7);
        b.row("bg<fg methods", "standard", "standard", 0, 0, "linf", 0.0314, "x", 100, 0.9, 0.1);
        return b.build();
    }

    @Test
    void bestEpochBestAndLastAreReadOffTheEpochTable() {
        ResultTable o = DeepMethodsEvidence.overfitting(epochs());
        assertEquals(2, o.size());
        assertEquals("2", o.get(0, "best_epoch"));
        assertEquals(0.60, o.getDouble(0, "best_robust_accuracy"), 0);
        assertEquals(0.40, o.getDouble(0, "last_robust_accuracy"), 0);
        assertEquals(0.20, o.getDouble(0, "best_minus_last"), 1e-12);
        assertEquals(2 * Math.sqrt(0.4 * 0.6 / 200), o.getDouble(0, "two_se"), 1e-12);
        assertEquals("3", o.get(1, "best_epoch"), "the first epoch of a tie");
        assertEquals(0.0, o.getDouble(1, "best_minus_last"), 0);
    }

    @Test
    void meansOverSeedsWithSeedAndBinomialError() {
        ResultTable t = DeepMethodsEvidence.byEps(robust());
        ResultTable pgd = t.where("train_method", "pgd");
        assertEquals(0.6, pgd.getDouble(0, "robust_accuracy"), 1e-12);
        // seed variance (sample) of {0.5, 0.7} = 0.02, /2 = 0.01; binomial: (0.25 + 0.21)/100/2 = 0.0023, /2
        assertEquals(Math.sqrt(0.01 + 0.0023 / 2), pgd.getDouble(0, "robust_accuracy_se"), 1e-12);
        assertEquals("2", pgd.get(0, "replicates"));
        ResultTable std = t.where("train_method", "standard");
        assertEquals(Math.sqrt(0.1 * 0.9 / 100), std.getDouble(0, "robust_accuracy_se"), 1e-12);
    }

    @Test
    void theSectionSaysInWordsWhichMethodOverfit(@TempDir Path dir) {
        ResultsFolder folder = ResultsFolder.of(
                dir, Map.of(TableNames.DEEP_METHODS_ROBUST, robust(), TableNames.DEEP_METHODS_EPOCHS, epochs()));
        List<ReportSection> s = new DeepMethodsEvidence().sections(folder);
        assertEquals(1, s.size());
        String words = s.get(0).blocks().stream()
                .filter(b -> b instanceof ReportBlock.Paragraph)
                .map(b -> ((ReportBlock.Paragraph) b).text())
                .reduce("", String::concat);
        assertTrue(words.contains("best epoch's): PGD ℓ∞ (best 0.600 at epoch 2 of 4, last 0.400)"), words);
        assertTrue(words.contains("at it: TRADES ℓ∞"), words);
        assertTrue(words.contains("PGD ℓ∞ 0.600") && words.contains("standard 0.100"), words);
        assertTrue(s.get(0).blocks().stream()
                .anyMatch(b ->
                        b instanceof ReportBlock.FigureRef f && f.figureId().equals("deep_methods_linf")));
        assertEquals(
                List.of(TableNames.DEEP_METHODS_BY_EPS, TableNames.DEEP_METHODS_OVERFITTING),
                List.copyOf(new DeepMethodsEvidence().derivedTables(folder).keySet()));
        assertTrue(new DeepMethodsEvidence()
                .sections(ResultsFolder.of(dir, Map.of()))
                .isEmpty());
    }
}
