package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;

class ShiftedBackgroundsTest {
    private static final BenchmarkParams P = BenchmarkParams.defaults().withImageSize(16);
    private static final ShiftedBackgrounds BENCH = new ShiftedBackgrounds(P, 42);
    private static final int N = 60;
    private static final Map<Variant, ImageSet> V = BENCH.testVariants(N);

    @Test
    void sameSeedSamePixelsOtherSeedOtherPixels() {
        ImageSet a = BENCH.train(50);
        ImageSet b = new ShiftedBackgrounds(P, 42).train(50);
        ImageSet c = new ShiftedBackgrounds(P, 43).train(50);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.foregroundMask(), b.foregroundMask());
        assertArrayEquals(a.backgroundClass(), b.backgroundClass());
        assertFalse(Arrays.equals(a.pixels(), c.pixels()));
        // Train and test are different streams: no shared image.
        assertFalse(Arrays.equals(a.image(0), BENCH.test(Variant.ORIGINAL, 1).image(0)));
    }

    @Test
    void threadCountDoesNotChangeImages() throws Exception {
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            ImageSet single =
                    one.submit(() -> BENCH.test(Variant.MIXED_RAND, N)).get();
            assertArrayEquals(V.get(Variant.MIXED_RAND).pixels(), single.pixels());
        } finally {
            one.shutdown();
        }
    }

    @Test
    void anySubsetRegeneratesIdentically() {
        int[] idx = {37, 3, 11, 3, 0};
        for (Variant v : Variant.values()) {
            ImageSet sub = BENCH.generate(Split.TEST, v, idx);
            ImageSet ref = V.get(v).subset(idx);
            assertArrayEquals(ref.pixels(), sub.pixels(), v.id());
            assertArrayEquals(ref.foregroundMask(), sub.foregroundMask(), v.id());
            assertArrayEquals(ref.labels(), sub.labels(), v.id());
            assertArrayEquals(ref.backgroundClass(), sub.backgroundClass(), v.id());
        }
    }

    @Test
    void labelsAreBalancedAndSharedByAllVariants() {
        for (Variant v : Variant.values()) {
            int[] y = V.get(v).labels();
            for (int i = 0; i < N; i++) {
                assertEquals(i % P.numClasses(), y[i]);
            }
        }
    }

    @Test
    void onlyFgHasBlackBackgroundAndTheOriginalObject() {
        ImageSet fg = V.get(Variant.ONLY_FG);
        ImageSet orig = V.get(Variant.ORIGINAL);
        assertArrayEquals(orig.foregroundMask(), fg.foregroundMask(), "only_fg keeps the object's mask");
        int plane = fg.maskLength();
        for (int i = 0; i < N; i++) {
            float[] img = fg.image(i);
            float[] o = orig.image(i);
            float[] m = fg.mask(i);
            int fgPixels = 0;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    if (m[p] == 0f) {
                        assertEquals(0f, img[c * plane + p], "background pixel must be black");
                    } else {
                        // Compositing is exact: the object's pixels are the original image's.
                        assertEquals(o[c * plane + p], img[c * plane + p]);
                        assertTrue(img[c * plane + p] > 0.5f);
                    }
                }
                fgPixels += m[p] == 1f ? 1 : 0;
            }
            assertTrue(fgPixels > plane / 20, "object visible in image " + i);
            assertEquals(-1, fg.background(i));
        }
    }

    @Test
    void masksAreExactBinaryAndMarkExactlyTheObject() {
        ImageSet orig = V.get(Variant.ORIGINAL);
        ImageSet bgOnly = V.get(Variant.ONLY_BG_T);
        int plane = orig.maskLength();
        for (int i = 0; i < N; i++) {
            float[] m = orig.mask(i);
            float[] o = orig.image(i);
            float[] t = bgOnly.image(i);
            float fgValue = (float) (0.5 + 0.5 * P.foregroundContrast() * 1.0);
            for (int p = 0; p < plane; p++) {
                assertTrue(m[p] == 0f || m[p] == 1f);
                for (int c = 0; c < 3; c++) {
                    if (m[p] == 0f) {
                        // Outside the mask the original is the pure background (only_bg_t has no object).
                        assertEquals(t[c * plane + p], o[c * plane + p]);
                    } else {
                        // Inside it is grey: equal channels, 0.5 + 0.5·κ_fg·g with g in [0.7, 1].
                        assertEquals(o[p], o[c * plane + p]);
                        assertTrue(o[p] >= 0.5 + 0.5 * P.foregroundContrast() * 0.7 - 1e-6 && o[p] <= fgValue + 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void variantsWithoutForegroundHaveEmptyMasksAndTheRightHoles() {
        ImageSet orig = V.get(Variant.ORIGINAL);
        int s = P.imageSize();
        int plane = s * s;
        for (Variant v : new Variant[] {Variant.NO_FG, Variant.ONLY_BG_B, Variant.ONLY_BG_T}) {
            ImageSet set = V.get(v);
            for (float f : set.foregroundMask()) {
                assertEquals(0f, f, v.id() + " has no foreground");
            }
            assertArrayEquals(orig.backgroundClass(), set.backgroundClass(), v.id() + " keeps the original background");
        }
        ImageSet noFg = V.get(Variant.NO_FG);
        ImageSet box = V.get(Variant.ONLY_BG_B);
        ImageSet tiled = V.get(Variant.ONLY_BG_T);
        for (int i = 0; i < N; i++) {
            float[] m = orig.mask(i);
            int minX = s, minY = s, maxX = -1, maxY = -1;
            for (int p = 0; p < plane; p++) {
                if (m[p] == 1f) {
                    minX = Math.min(minX, p % s);
                    maxX = Math.max(maxX, p % s);
                    minY = Math.min(minY, p / s);
                    maxY = Math.max(maxY, p / s);
                }
            }
            float[] a = noFg.image(i);
            float[] b = box.image(i);
            float[] t = tiled.image(i);
            float[] o = orig.image(i);
            for (int p = 0; p < plane; p++) {
                boolean inBox = p % s >= minX && p % s <= maxX && p / s >= minY && p / s <= maxY;
                for (int c = 0; c < 3; c++) {
                    int k = c * plane + p;
                    assertEquals(m[p] == 1f ? 0f : o[k], a[k], "no_fg: silhouette black, rest original");
                    assertEquals(inBox ? 0f : o[k], b[k], "only_bg_b: box black, rest original");
                    if (m[p] == 0f) {
                        assertEquals(o[k], t[k], "only_bg_t: background unchanged");
                    }
                }
            }
        }
    }

    @Test
    void mixedVariantsCarryTheRightBackgroundClass() {
        int k = P.numClasses();
        ImageSet same = V.get(Variant.MIXED_SAME);
        ImageSet next = V.get(Variant.MIXED_NEXT);
        for (int i = 0; i < N; i++) {
            assertEquals(same.labels()[i], same.background(i));
            assertEquals((next.labels()[i] + 1) % k, next.background(i));
        }
        // The objects are the original's.
        assertArrayEquals(V.get(Variant.ORIGINAL).foregroundMask(), same.foregroundMask());
        // mixed_rand: background uniform over K, independent of the label. With n = 5000 the
        // share of b == y has sd sqrt(0.2·0.8/5000) = 0.0057; 5 sd = 0.028 (false alarm < 1e-6).
        ImageSet rand = BENCH.test(Variant.MIXED_RAND, 5000);
        int agree = 0;
        int[] perType = new int[k];
        for (int i = 0; i < rand.size(); i++) {
            agree += rand.background(i) == rand.labels()[i] ? 1 : 0;
            perType[rand.background(i)]++;
        }
        assertEquals(1.0 / k, agree / 5000.0, 0.028);
        // Each type 1000 expected, sd sqrt(5000·0.2·0.8) = 28.3; 5 sd = 142.
        for (int c : perType) {
            assertEquals(1000, c, 142);
        }
    }

    @Test
    void trainingCorrelationIsRhoWithinBinomialTolerance() {
        int n = 6000;
        for (double rho : new double[] {0.0, 0.5, 0.9, 1.0}) {
            ImageSet train = new ShiftedBackgrounds(P.withRho(rho), 7).train(n);
            int agree = 0;
            int[] otherCounts = new int[P.numClasses()];
            for (int i = 0; i < n; i++) {
                int b = train.background(i);
                int y = train.labels()[i];
                if (b == y) {
                    agree++;
                } else {
                    otherCounts[(b - y + P.numClasses()) % P.numClasses()]++;
                }
            }
            // sd of the share = sqrt(rho(1-rho)/n) <= 0.0065; tolerance 5 sd of the worst case.
            double tol = 5 * Math.sqrt(0.25 / n);
            assertEquals(rho, agree / (double) n, rho == 0 || rho == 1 ? 0 : tol, "rho=" + rho);
            // Otherwise uniform over the other K-1 types: each offset 1..K-1 gets (n - agree)/(K-1).
            int others = n - agree;
            for (int d = 1; d < P.numClasses(); d++) {
                double expect = others / (P.numClasses() - 1.0);
                double sd = Math.sqrt(others * (1.0 / (P.numClasses() - 1)) * (1 - 1.0 / (P.numClasses() - 1)));
                assertEquals(expect, otherCounts[d], 5 * sd + 1e-9, "rho=" + rho + " offset " + d);
            }
        }
    }

    @Test
    void groupSplitHasBalancedGroupsIndependentOfClass() {
        int k = P.numClasses();
        int perGroup = ShiftedBackgrounds.MIN_PER_GROUP + 2;
        ImageSet g = BENCH.groups(perGroup * k * k);
        int[][] count = new int[k][k];
        for (int i = 0; i < g.size(); i++) {
            count[g.labels()[i]][g.background(i)]++;
        }
        for (int[] row : count) {
            for (int c : row) {
                assertEquals(perGroup, c);
            }
        }
    }

    @Test
    void groupSplitSizesThatCannotBeBalancedOrAreTooSmallAreRefused() {
        int k = P.numClasses();
        for (int n : new int[] {1000 + 1, 1000 - 5, 25, 0, 9 * k * k}) {
            ParameterException e = assertThrows(ParameterException.class, () -> BENCH.groups(n), "n=" + n);
            assertEquals("group_split_size", e.parameter());
            assertTrue(
                    e.getMessage().contains("multiple of K² = 25")
                            && e.getMessage().contains("at least 10"),
                    e.getMessage());
        }
        assertTrue(assertThrows(ParameterException.class, () -> BENCH.groups(1001))
                .getMessage()
                .contains("1000 or 1025"));
        // The size that goes with a test size: the smallest balanced split with >= 10 per group and >= n images.
        assertEquals(1000, BENCH.groupSplitSize(1000), "K = 5, 1000 test images: 40 per group, as before");
        assertEquals(250, BENCH.groupSplitSize(30), "at least 10 per group");
        assertEquals(1025, BENCH.groupSplitSize(1001));
        ShiftedBackgrounds three = new ShiftedBackgrounds(P.withClasses(3), 1);
        assertEquals(90, three.groupSplitSize(30));
        assertEquals(1008, three.groupSplitSize(1000));
        for (int n : new int[] {1, 30, 999, 1000, 1001}) {
            assertEquals(0, BENCH.groupSplitSize(n) % (k * k));
            BENCH.groups(BENCH.groupSplitSize(n)); // accepted
        }
        assertThrows(ParameterException.class, () -> BENCH.groupSplitSize(0));
    }

    @Test
    void scaleRatioIsTheBackgroundCorrelationTimesTheContrastRatio() {
        BenchmarkParams d = BenchmarkParams.defaults();
        // eta_rho = (K rho - 1)/(K - 1) = (5*0.9 - 1)/4 = 0.875, by hand; r = 0.3 * 0.875 / 0.6.
        assertEquals(0.875, d.backgroundCorrelation(), 1e-15);
        assertEquals(0.4375, d.scaleRatio(), 1e-15);
        assertEquals(0.0, d.withRho(0.2).backgroundCorrelation(), 1e-15, "rho = 1/K: independent");
        assertEquals(2 * 0.7 - 1, d.withClasses(2).withRho(0.7).backgroundCorrelation(), 1e-15, "K = 2: 2rho - 1");
        // Setting the ratio sets the background contrast, and reads back.
        for (double r : new double[] {0, 0.25, 0.5, 1, 1.25}) {
            BenchmarkParams p = d.withScaleRatio(r);
            assertEquals(r, p.scaleRatio(), 1e-12);
            assertEquals(r * 0.6 / 0.875, p.backgroundContrast(), 1e-12);
            assertEquals(d.foregroundContrast(), p.foregroundContrast());
            assertEquals(d.rho(), p.rho());
        }
        assertEquals(0.4375, (double) d.toMap().get("scale_ratio"), 1e-15);
        // Across 1 needs room: the largest ratio keeps bg_contrast <= 1, r <= 0.875/0.6 = 1.4583.
        ParameterException e = assertThrows(ParameterException.class, () -> d.withScaleRatio(1.5));
        assertEquals("scale_ratio", e.parameter());
        assertTrue(e.getMessage().contains("must be <= 1.4583"), e.getMessage());
        assertThrows(ParameterException.class, () -> d.withScaleRatio(-0.1));
        assertThrows(ParameterException.class, () -> d.withScaleRatio(Double.NaN));
        assertTrue(assertThrows(ParameterException.class, () -> d.withRho(0.2).withScaleRatio(1))
                .getMessage()
                .contains("no class signal"));
        assertThrows(ParameterException.class, () -> d.withContrasts(0, 0.3).withScaleRatio(1));
    }

    @Test
    void scaleRatioGivesThePixelScalesItPromises() {
        // Pixel scale = largest distance from mid-grey of a layer's pixels: 0.5 kappa for the background
        // (its bracket reaches -1 and 1 for every type) and at most 0.5 kappa for the object (shading <= 1).
        BenchmarkParams p = BenchmarkParams.defaults().withImageSize(32).withScaleRatio(1.0);
        ShiftedBackgrounds b = new ShiftedBackgrounds(p, 4);
        ImageSet bg = b.test(Variant.ONLY_BG_T, 50);
        ImageSet fg = b.test(Variant.ONLY_FG, 50);
        double bgMax = 0;
        for (float v : bg.pixels()) {
            bgMax = Math.max(bgMax, Math.abs(v - 0.5));
        }
        double fgMax = 0;
        float[] mask = fg.foregroundMask();
        int plane = 32 * 32;
        for (int i = 0; i < fg.size(); i++) {
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < plane; q++) {
                    if (mask[i * plane + q] > 0) {
                        fgMax = Math.max(fgMax, Math.abs(fg.pixels()[(i * 3 + c) * plane + q] - 0.5));
                    }
                }
            }
        }
        assertEquals(0.5 * p.backgroundContrast(), bgMax, 0.02 * p.backgroundContrast(), "background pixel scale");
        assertEquals(0.5 * p.foregroundContrast(), fgMax, 0.02 * p.foregroundContrast(), "object pixel scale");
        assertEquals(1.0, bgMax * p.backgroundCorrelation() / fgMax, 0.05, "measured ratio");
    }

    @Test
    void backgroundTypesAreSeparableByMeanColour() {
        // Nearest-centroid on the mean RGB of a pure background (only_bg_t) recovers its type:
        // checks that the palettes make the types distinguishable from pixels alone.
        ShiftedBackgrounds b = new ShiftedBackgrounds(
                BenchmarkParams.defaults().withClasses(10).withImageSize(16), 5);
        ImageSet fit = b.generate(Split.VAL, Variant.ONLY_BG_T, 400);
        ImageSet check = b.test(Variant.ONLY_BG_T, 400);
        double[][] centroid = new double[10][3];
        int[] n = new int[10];
        for (int i = 0; i < fit.size(); i++) {
            double[] m = meanRgb(fit, i);
            for (int c = 0; c < 3; c++) {
                centroid[fit.background(i)][c] += m[c];
            }
            n[fit.background(i)]++;
        }
        int correct = 0;
        for (int i = 0; i < check.size(); i++) {
            double[] m = meanRgb(check, i);
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int t = 0; t < 10; t++) {
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    double e = m[c] - centroid[t][c] / n[t];
                    d += e * e;
                }
                if (d < bestD) {
                    bestD = d;
                    best = t;
                }
            }
            correct += best == check.background(i) ? 1 : 0;
        }
        assertTrue(correct >= 0.9 * check.size(), "mean colour separates background types: " + correct + "/400");
    }

    private static double[] meanRgb(ImageSet s, int i) {
        float[] img = s.image(i);
        int plane = s.maskLength();
        double[] m = new double[3];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < plane; p++) {
                m[c] += img[c * plane + p];
            }
            m[c] /= plane;
        }
        return m;
    }

    @Test
    void contrastZeroGivesFlatGrey() {
        ShiftedBackgrounds flat = new ShiftedBackgrounds(P.withContrasts(0, 0), 1);
        for (float v : flat.train(10).pixels()) {
            assertEquals(0.5f, v);
        }
    }

    @Test
    void parametersAreValidatedWithClearMessages() {
        BenchmarkParams d = BenchmarkParams.defaults();
        assertEquals(
                "rho must be in [0,1] (got 1.5)",
                assertThrows(ParameterException.class, () -> d.withRho(1.5)).getMessage());
        assertEquals(
                "bg_contrast",
                assertThrows(ParameterException.class, () -> d.withContrasts(0.1, -2))
                        .parameter());
        assertEquals(
                "image_size",
                assertThrows(ParameterException.class, () -> d.withImageSize(7)).parameter());
        assertThrows(IllegalArgumentException.class, () -> d.withRho(Double.NaN));
        assertEquals(
                "classes must be in [2,10] (got 1)",
                assertThrows(IllegalArgumentException.class, () -> d.withClasses(1))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withContrasts(-0.1, 0.2))
                .getMessage()
                .startsWith("fg_contrast must be >= 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withContrasts(0.1, -2))
                .getMessage()
                .startsWith("bg_contrast must be >= 0"));
        assertEquals(
                "image_size must be in [8,256] (got 0)",
                assertThrows(IllegalArgumentException.class, () -> d.withImageSize(0))
                        .getMessage());
        ParameterException data =
                assertThrows(ParameterException.class, () -> d.withForegrounds(Foregrounds.FASHION_MNIST, null));
        assertEquals("data", data.parameter());
        assertTrue(!data.getMessage().contains("--"), "libraries never name flags: " + data.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BENCH.generate(Split.TEST, Variant.ORIGINAL, -1));
        assertEquals(Variant.ONLY_BG_T, Variant.parse("only-bg-t"));
        assertThrows(IllegalArgumentException.class, () -> Variant.parse("mixed"));
    }
}
