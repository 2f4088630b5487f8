package tradeoffs.deep.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.io.ResultTable;

/**
 * Each metric on hand-built predictors whose values follow by hand. Two test doubles read the
 * generator's metadata: ORACLE answers the label (a perfect foreground reader), BACKGROUND answers
 * the background class (a model that reads only the background).
 */
class MetricsTest {
    private static final Predictor ORACLE = ImageSet::labels;
    private static final Predictor BACKGROUND = s -> {
        int[] b = s.backgroundClass().clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.max(b[i], 0);
        }
        return b;
    };
    private static final BenchmarkParams P = BenchmarkParams.defaults().withImageSize(12);
    private static final ShiftedBackgrounds BENCH = new ShiftedBackgrounds(P, 3);

    /**
     * n two-pixel grey images (1×1×2): pixel 0 is the foreground (mask 1) and shows the label
     * (0.25 for class 0, 0.75 for class 1); pixel 1 is the background and shows the background
     * class the same way. Labels alternate; background = label (perfect correlation).
     */
    private static ImageSet twoPixels(int n) {
        float[] px = new float[2 * n];
        float[] mask = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            px[2 * i] = y[i] == 1 ? 0.75f : 0.25f;
            px[2 * i + 1] = y[i] == 1 ? 0.75f : 0.25f;
            mask[2 * i] = 1f;
        }
        return new ImageSet("two", 1, 1, 2, px, y, 2, mask, y.clone());
    }

    /** Reads pixel {@code p} of each image: class 1 when above 0.5. */
    private static Predictor pixelReader(int p) {
        return s -> {
            int[] out = new int[s.size()];
            for (int i = 0; i < s.size(); i++) {
                out[i] = s.pixels()[i * 2 + p] > 0.5f ? 1 : 0;
            }
            return out;
        };
    }

    @Test
    void accuracyCountsCorrectAnswers() {
        ImageSet s = twoPixels(10);
        assertEquals(1.0, Accuracy.of(ORACLE, s).value());
        Predictor allZero = x -> new int[x.size()];
        assertEquals(new Accuracy("two", 10, 5), Accuracy.of(allZero, s));
        assertTrue(assertThrows(IllegalStateException.class, () -> Accuracy.of(x -> new int[3], s))
                .getMessage()
                .contains("3 predictions for 10 images"));
        assertThrows(IllegalStateException.class, () -> Accuracy.of(x -> new int[] {0, 7}, twoPixels(2)));
    }

    @Test
    void backgroundGapOfABackgroundReaderIsOneMinusOneOverK() {
        int n = 4000;
        ImageSet same = BENCH.test(Variant.MIXED_SAME, n);
        ImageSet rand = BENCH.test(Variant.MIXED_RAND, n);
        BackgroundGap g = BackgroundGap.of(BACKGROUND, same, rand);
        assertEquals(1.0, g.mixedSame().value());
        // acc(mixed_rand) = P(b == y) = 1/K; sd sqrt(0.2·0.8/4000) = 0.0063, tolerance 5 sd.
        assertEquals(1 - 1.0 / P.numClasses(), g.value(), 0.032);
        // A foreground reader ignores backgrounds: gap exactly 0.
        assertEquals(0.0, BackgroundGap.of(ORACLE, same, rand).value());
        // The background reader is always wrong on mixed_next.
        assertEquals(
                0.0,
                Accuracy.of(BACKGROUND, BENCH.test(Variant.MIXED_NEXT, 100)).value());
    }

    @Test
    void rfsFormulaOnHandValues() {
        // a_fg = 0.6, a_bg = 0.9: mean 0.75, min(0.75, 0.25) = 0.25 -> (0.9-0.6)/0.5 = 0.6.
        assertEquals(0.6, RelativeForegroundSensitivity.rfs(0.6, 0.9), 1e-12);
        // a_fg = 0.2, a_bg = 0.4: mean 0.3 -> 0.2/0.6 = 1/3.
        assertEquals(1.0 / 3, RelativeForegroundSensitivity.rfs(0.2, 0.4), 1e-12);
        assertEquals(-1.0, RelativeForegroundSensitivity.rfs(1.0, 0.5), 1e-12);
        assertTrue(Double.isNaN(RelativeForegroundSensitivity.rfs(1, 1)));
        assertTrue(Double.isNaN(RelativeForegroundSensitivity.rfs(0, 0)));
    }

    @Test
    void rfsIsPlusOneForAForegroundReaderAndMinusOneForABackgroundReader() {
        ImageSet s = twoPixels(4000);
        double sigma = 0.25;
        RelativeForegroundSensitivity[] fg =
                RelativeForegroundSensitivity.evaluate(pixelReader(0), s, new double[] {sigma}, 9);
        RelativeForegroundSensitivity[] bg =
                RelativeForegroundSensitivity.evaluate(pixelReader(1), s, new double[] {sigma}, 9);
        // Background noise never touches pixel 0: the foreground reader stays perfect there.
        assertEquals(1.0, fg[0].bgNoise().value());
        assertEquals(1.0, bg[0].fgNoise().value());
        // With a_bg = 1 > a_fg: RFS = (1 - a_fg) / (2·(1 - ā)) = (1 - a_fg)/(1 - a_fg) = 1 exactly.
        assertEquals(1.0, fg[0].value(), 1e-12);
        assertEquals(-1.0, bg[0].value(), 1e-12);
        // The noisy pixel, 0.75 + N(0, σ²) clipped, stays above 0.5 with probability Φ(0.25/σ)
        // (same for 0.25 staying below); binomial sd sqrt(0.84·0.16/4000) = 0.0058, tolerance 5 sd.
        double phi = new NormalDistribution().cumulativeProbability(0.25 / sigma);
        assertEquals(phi, fg[0].fgNoise().value(), 0.029);
        assertEquals(phi, bg[0].bgNoise().value(), 0.029);
    }

    @Test
    void noiseStaysInItsRegionIsClippedAndSeeded() {
        ImageSet s = twoPixels(500);
        ImageSet fg =
                RelativeForegroundSensitivity.addNoise(s, 0.3, RelativeForegroundSensitivity.Region.FOREGROUND, 5);
        ImageSet bg =
                RelativeForegroundSensitivity.addNoise(s, 0.3, RelativeForegroundSensitivity.Region.BACKGROUND, 5);
        int changed = 0;
        for (int i = 0; i < s.size(); i++) {
            assertEquals(s.pixels()[2 * i + 1], fg.pixels()[2 * i + 1], "foreground noise leaves the background");
            assertEquals(s.pixels()[2 * i], bg.pixels()[2 * i], "background noise leaves the foreground");
            changed += fg.pixels()[2 * i] != s.pixels()[2 * i] ? 1 : 0;
        }
        assertEquals(500, changed);
        for (float v : fg.pixels()) {
            assertTrue(v >= 0 && v <= 1);
        }
        assertArrayEquals(
                fg.pixels(),
                RelativeForegroundSensitivity.addNoise(s, 0.3, RelativeForegroundSensitivity.Region.FOREGROUND, 5)
                        .pixels());
        assertThrows(
                IllegalArgumentException.class,
                () -> RelativeForegroundSensitivity.addNoise(
                        s, -1, RelativeForegroundSensitivity.Region.BACKGROUND, 1));
        ImageSet noMask = new ImageSet("nm", 1, 1, 1, new float[] {0.5f}, new int[] {0}, 2, null, null);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> RelativeForegroundSensitivity.addNoise(
                                noMask, 0.1, RelativeForegroundSensitivity.Region.BACKGROUND, 1))
                .getMessage()
                .contains("masks"));
    }

    @Test
    void rfsOnTheGeneratorSeparatesForegroundFromBackground() {
        // On the real benchmark, at σ = 0.5 a pixel-reading predictor that looks only at the
        // object's pixels loses accuracy under foreground noise and none under background noise.
        ImageSet s = BENCH.test(Variant.ORIGINAL, 200);
        Predictor objectArea = x -> {
            // Predicts from the count of bright pixels inside the mask, thresholded per class
            // (a crude foreground reader); all that matters here is that it reads only masked pixels.
            int[] out = new int[x.size()];
            int plane = x.maskLength();
            for (int i = 0; i < x.size(); i++) {
                double sum = 0;
                for (int p = 0; p < plane; p++) {
                    if (x.foregroundMask()[i * plane + p] == 1f) {
                        sum += x.pixels()[i * x.imageLength() + p];
                    }
                }
                out[i] = (int) Math.floor(sum) % x.numClasses();
            }
            return out;
        };
        RelativeForegroundSensitivity r =
                RelativeForegroundSensitivity.evaluate(objectArea, s, new double[] {0.5}, 1)[0];
        assertEquals(Accuracy.of(objectArea, s).value(), r.bgNoise().value(), "background noise cannot change it");
    }

    @Test
    void worstGroupOfABackgroundReaderIsZeroAverageOneOverK() {
        int k = P.numClasses();
        ImageSet groups = BENCH.groups(ShiftedBackgrounds.MIN_PER_GROUP * k * k);
        GroupAccuracy bg = GroupAccuracy.evaluate(BACKGROUND, groups);
        assertEquals(k * k, bg.groups().size());
        // Right exactly on the K diagonal groups (b = y) of K² equal groups.
        assertEquals(1.0 / k, bg.average(), 1e-12);
        assertEquals(0.0, bg.worst());
        GroupAccuracy oracle = GroupAccuracy.evaluate(ORACLE, groups);
        assertEquals(1.0, oracle.worst());
        assertEquals(1.0, oracle.average());
        assertThrows(
                IllegalArgumentException.class, () -> GroupAccuracy.evaluate(ORACLE, BENCH.test(Variant.ONLY_FG, 5)));
    }

    @Test
    void combinedTableHasEveryMetric() {
        BackgroundReliance r = BackgroundReliance.evaluate(BACKGROUND, BENCH, 250, new double[] {0.1, 0.3}, 1);
        assertEquals(8, r.variants().size());
        assertEquals(1.0, r.variant("mixed_same").value());
        assertEquals(0.0, r.variant("mixed_next").value());
        assertEquals(
                r.variant("mixed_same").value() - r.variant("mixed_rand").value(),
                r.gap().value(),
                0);
        ResultTable t = r.table(Map.of("model", "bg-reader"));
        int k = P.numClasses();
        assertEquals(
                8 + 1 + 2 * 3 + 2 + k * k, t.size(), "variants, BG-gap, RFS at 2 sigmas, average and worst, groups");
        // Every group is in the table with its count: 250 test images -> 10 per group (the minimum).
        ResultTable groups = t.where("metric", "group_accuracy");
        assertEquals(k * k, groups.size());
        for (int i = 0; i < groups.size(); i++) {
            assertEquals(10.0, groups.getDouble(i, "n"));
            String set = groups.get(i, "set");
            // The background reader is right exactly on the diagonal groups y = b.
            boolean diagonal = set.substring(1, set.indexOf('_')).equals(set.substring(set.indexOf("bg") + 2));
            assertEquals(diagonal ? 1.0 : 0.0, groups.getDouble(i, "value"), set);
        }
        assertEquals("model", t.columns().get(0));
        ResultTable worst = t.where("metric", "worst_group_accuracy");
        assertEquals(0.0, worst.getDouble(0, "value"));
        // Round trip through CSV keeps every number.
        assertEquals(t, ResultTable.parseCsv(t.toCsv()));
    }

    @Test
    void partialDataGivesOnlyTheMetricsItSupports() {
        // As for ImageNet-9 folders without masks and without a group split: accuracies only.
        ImageSet orig = BENCH.test(Variant.ORIGINAL, 20);
        ImageSet noMask =
                new ImageSet("in9/original", 3, 12, 12, orig.pixels(), orig.labels(), orig.numClasses(), null, null);
        BackgroundReliance r = BackgroundReliance.evaluate(
                ORACLE, Map.of(Variant.ORIGINAL, noMask), null, null, BackgroundReliance.DEFAULT_SIGMAS, 1);
        assertEquals(null, r.gap());
        assertEquals(null, r.groups());
        assertTrue(r.rfs().isEmpty());
        assertEquals(1, r.table(Map.of()).size());
        assertEquals(1.0, r.variant("original").value());
    }
}
