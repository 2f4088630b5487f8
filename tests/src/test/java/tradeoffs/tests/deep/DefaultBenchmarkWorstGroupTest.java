package tradeoffs.tests.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.io.ResultTable;

/**
 * Issue 10, item 6: worst-group accuracy means something on the default benchmark. A standard CNN is
 * trained with every default of {@code deep train} (K = 5 classes, 24×24 pixels, ρ = 0.9, contrasts
 * 0.6 / 0.3, 5000 training and 1000 test images, 8 epochs), then scored by {@code deep eval}. The
 * broken-correlation split must hold every class × background group (K² = 25) with at least {@link
 * ShiftedBackgrounds#MIN_PER_GROUP} images, the table must carry each group's count, and the standard
 * model's worst group must be above 0 (measured 0.125 with seed 1 on 2026-12-05: the model does lean
 * on the background, y0_bg1 and y1_bg0 at 5/40, but not so far that a group is never right) and at
 * most the average group accuracy.
 *
 * <p>The training run takes over a minute of both cores (96 s at load 7), so it is tagged {@code
 * slow} and runs with {@code mvn -B -ntp verify -Pslow-tests}; the default suite keeps {@link
 * #defaultSplitHoldsEveryGroupWithItsShare} (the same split, without training), and the group
 * metrics on a trained model are checked by {@code DeepEvalDataTest} (25 groups through {@code deep
 * eval}) and {@code MetricsTest} (worst group of a background reader).
 */
class DefaultBenchmarkWorstGroupTest {

    /**
     * The split {@code deep eval} scores groups on, with every default (K = 5, 1000 test images):
     * K²·max(MIN_PER_GROUP, ⌈1000/K²⌉) = 1000 images, 40 in each of the 25 class × background groups.
     */
    @Test
    void defaultSplitHoldsEveryGroupWithItsShare() {
        ShiftedBackgrounds bench = new ShiftedBackgrounds(BenchmarkParams.defaults(), 1);
        int k = BenchmarkParams.DEFAULT_CLASSES;
        int n = bench.groupSplitSize(1000);
        assertEquals(1000, n, "the group split has as many images as the default test set");
        ImageSet g = bench.groups(n);
        int[][] count = new int[k][k];
        for (int i = 0; i < g.size(); i++) {
            count[g.labels()[i]][g.background(i)]++;
        }
        for (int y = 0; y < k; y++) {
            for (int b = 0; b < k; b++) {
                assertTrue(count[y][b] >= ShiftedBackgrounds.MIN_PER_GROUP, "y" + y + "_bg" + b + ": " + count[y][b]);
                assertEquals(1000 / (k * k), count[y][b], "y" + y + "_bg" + b);
            }
        }
    }

    @Test
    @Tag("slow")
    void standardModelHasAWorstGroupAboveZero(@TempDir Path dir) {
        Path model = dir.resolve("model");
        Path eval = dir.resolve("eval");
        assertEquals(
                0, Main.run("deep", "train", "--device", "cpu", "--seed", "1", "--quiet", "--out", model.toString()));
        // Robust accuracy is not the point here: one radius of one norm keeps the evaluation short.
        assertEquals(
                0,
                Main.run(
                        "deep",
                        "eval",
                        "--checkpoint",
                        model.toString(),
                        "--norm",
                        "linf",
                        "--eps",
                        "0",
                        "--quiet",
                        "--out",
                        eval.toString()));
        ResultTable t = ResultTable.readCsv(eval.resolve("background.csv"));

        int k = BenchmarkParams.DEFAULT_CLASSES;
        ResultTable groups = t.where("metric", "group_accuracy");
        assertEquals(k * k, groups.size(), "every class × background group is in the test split");
        int total = 0;
        for (int i = 0; i < groups.size(); i++) {
            int n = Integer.parseInt(groups.get(i, "n"));
            assertTrue(n >= ShiftedBackgrounds.MIN_PER_GROUP, groups.get(i, "set") + " has only " + n + " images");
            total += n;
        }
        assertEquals(1000, total, "the groups partition the 1000 test images");

        double worst = t.where("metric", "worst_group_accuracy").getDouble(0, "value");
        double avg = t.where("metric", "avg_group_accuracy").getDouble(0, "value");
        double minOfGroups =
                java.util.Arrays.stream(groups.doubles("value")).min().orElseThrow();
        assertEquals(minOfGroups, worst, 1e-12, "worst-group accuracy is the smallest group's accuracy");
        assertTrue(
                worst > 0, "the standard model's worst-group accuracy on the default benchmark is above 0: " + worst);
        assertTrue(worst <= avg, "worst group " + worst + " above the average " + avg);
    }
}
