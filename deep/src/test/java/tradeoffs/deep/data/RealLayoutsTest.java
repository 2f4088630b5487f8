package tradeoffs.deep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.deep.metrics.GroupAccuracy;
import tradeoffs.deep.metrics.Predictor;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;

/**
 * The committed fixtures in the exact layouts of the backgrounds challenge (in9/) and of Waterbirds
 * (waterbirds/), made by MakeDataFixtures.java next to them, scored with a test model whose every
 * prediction is known: it decodes the colour of the image's left half (the region the in9 masks
 * mark as the object) to a class, and refuses (Predictor.NONE) when that half is not a flat colour,
 * i.e. when noise hit it. Expected numbers are counted by hand from the fixture's design (the table
 * in MakeDataFixtures.java).
 */
class RealLayoutsTest {
    /** Prototype colours (RGB in [0,1]) and the ImageNet-9 class each decodes to; black is no class. */
    static final double[][] IN9_COLOURS = {
        {1, 1, 0},
        {0, 1, 0},
        {0.5, 0.5, 0.5},
        {1, 0, 0},
        {1, 0.5, 0},
        {1, 0, 1},
        {1, 1, 1},
        {0, 1, 1},
        {0, 0, 1},
        {0, 0, 0}
    };

    static final int[] IN9_CLASS = {0, 1, 2, 3, 4, 5, 6, 7, 8, Predictor.NONE};
    /** Waterbirds: yellow landbird, blue waterbird, green neither. */
    static final double[][] WB_COLOURS = {{1, 1, 0}, {0, 0, 1}, {0, 1, 0}};

    static final int[] WB_CLASS = {0, 1, Predictor.NONE};

    /** The accuracy of each IN-9 variant by the fixture's hand counts: variant → correct/images. */
    static Map<String, Double> in9HandCounts(Path csv) {
        ResultTable t = ResultTable.readCsv(csv);
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            m.put(t.get(i, "variant"), t.getDouble(i, "correct") / t.getDouble(i, "images"));
        }
        return m;
    }

    static Path fixture(String name) {
        try {
            return Path.of(RealLayoutsTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The colour decoder described in the class comment. */
    static Predictor leftHalfReader(double[][] colours, int[] classes) {
        return s -> {
            int[] out = new int[s.size()];
            int w = s.width();
            int h = s.height();
            int plane = w * h;
            for (int i = 0; i < s.size(); i++) {
                double[] mean = new double[3];
                double var = 0;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    double sq = 0;
                    int n = 0;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w / 2; x++) {
                            double v = s.pixels()[(i * 3 + c) * plane + y * w + x];
                            sum += v;
                            sq += v * v;
                            n++;
                        }
                    }
                    mean[c] = sum / n;
                    var = Math.max(var, sq / n - mean[c] * mean[c]);
                }
                int best = 0;
                for (int k = 1; k < colours.length; k++) {
                    if (dist(mean, colours[k]) < dist(mean, colours[best])) {
                        best = k;
                    }
                }
                out[i] = var > 1e-6 ? Predictor.NONE : classes[best];
            }
            return out;
        };
    }

    private static double dist(double[] a, double[] b) {
        double d = 0;
        for (int c = 0; c < 3; c++) {
            d += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return d;
    }

    @Test
    void imageNet9FixtureGivesTheHandCountedMetrics() {
        EvaluationData data = ImageNet9.load(fixture("in9"), 8, 100);
        assertEquals(9, data.numClasses());
        assertEquals(
                List.of(
                        "00_dog",
                        "01_bird",
                        "02_wheeled vehicle",
                        "03_reptile",
                        "04_carnivore",
                        "05_insect",
                        "06_musical instrument",
                        "07_primate",
                        "08_fish"),
                data.classNames());
        assertEquals(8, data.variants().size(), "all eight variants");
        assertEquals(18, data.original().size());
        assertNull(data.groups(), "ImageNet-9 has no group split");
        // Masks only for image a of each class: RFS runs on those nine.
        assertEquals(9, data.masked().size());
        assertNull(data.original().foregroundMask(), "not every original image has a mask");
        float[] m = data.masked().mask(0);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(x < 4 ? 1f : 0f, m[y * 8 + x], "mask at " + x + "," + y);
            }
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, data.masked().labels());
        // mixed_next carries the next class's background, mixed_same its own.
        assertArrayEquals(
                new int[] {1, 2, 3, 4, 5, 6, 7, 8, 0},
                everyOther(data.variants().get(Variant.MIXED_NEXT).backgroundClass()));
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8},
                everyOther(data.variants().get(Variant.MIXED_SAME).backgroundClass()));

        BackgroundReliance r =
                BackgroundReliance.evaluate(leftHalfReader(IN9_COLOURS, IN9_CLASS), data, new double[] {0.1, 0.5}, 7);
        // Hand counts (MakeDataFixtures.java, in in9_hand_counts.csv): 14, 9, 0, 3, 6, 18, 9, 0 of 18.
        Map<String, Double> expected = in9HandCounts(fixture("in9_hand_counts.csv"));
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), r.variant(e.getKey()).value(), 1e-12, e.getKey());
            assertEquals(18, r.variant(e.getKey()).n());
        }
        // BG-gap = 18/18 - 9/18.
        assertEquals(0.5, r.gap().value(), 1e-12);
        // The nine masked images are all right; background noise leaves the left half alone (a_bg = 1),
        // object noise always disturbs it (a_fg = 0): RFS = (1 - 0)/(2 min(1/2, 1/2)) = 1 at each sigma.
        assertEquals(2, r.rfs().size());
        for (var rfs : r.rfs()) {
            assertEquals(1.0, rfs.bgNoise().value(), 1e-12);
            assertEquals(0.0, rfs.fgNoise().value(), 1e-12);
            assertEquals(1.0, rfs.value(), 1e-12);
            assertEquals(9, rfs.fgNoise().n());
        }
        assertNull(r.groups());
        ResultTable t = r.table(Map.of("dataset", "imagenet9"));
        assertEquals(8 + 1 + 3 * 2, t.size());
    }

    /** Elements 0, 2, 4, … (image a of each class). */
    private static int[] everyOther(int[] a) {
        int[] out = new int[a.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[2 * i];
        }
        return out;
    }

    @Test
    void waterbirdsFixtureGivesTheHandCountedGroupMetrics() {
        EvaluationData data = Waterbirds.load(fixture("waterbirds"), 8, Integer.MAX_VALUE);
        assertEquals(2, data.numClasses());
        assertEquals(12, data.original().size(), "the twelve test rows (split 2), not train or val");
        assertEquals(Waterbirds.CLASSES, data.classNames());
        BackgroundReliance r = BackgroundReliance.evaluate(
                leftHalfReader(WB_COLOURS, WB_CLASS), data, BackgroundReliance.DEFAULT_SIGMAS, 1);
        GroupAccuracy g = r.groups();
        // Groups (y, place): (0,0) 3/3, (0,1) 1/2, (1,0) 1/4, (1,1) 2/3.
        assertEquals(4, g.groups().size());
        int[][] nc = {{3, 3}, {2, 1}, {4, 1}, {3, 2}};
        for (int i = 0; i < 4; i++) {
            GroupAccuracy.Group gr = g.groups().get(i);
            assertEquals(nc[i][0], gr.n(), gr.id());
            assertEquals(nc[i][1], gr.correct(), gr.id());
        }
        assertEquals(7 / 12.0, g.average(), 1e-12, "average accuracy: 7 right of 12");
        assertEquals(0.25, g.worst(), 1e-12);
        assertEquals("y1_bg0", g.worstGroup().id(), "waterbirds on land");
        assertEquals(7 / 12.0, r.variant("original").value(), 1e-12);
        assertNull(r.gap());
        assertTrue(r.rfs().isEmpty());
        ResultTable t = r.table(Map.of());
        assertEquals(1 + 2 + 4, t.size(), "accuracy, average and worst group, four groups");
        assertEquals(4.0, t.where("set", "y1_bg0").getDouble(0, "n"), "group counts are in the table");
        // Train and validation splits are there too.
        assertEquals(2, Waterbirds.load(fixture("waterbirds"), "train", 8, 100).size());
        assertEquals(1, Waterbirds.load(fixture("waterbirds"), "val", 8, 100).size());
    }

    @Test
    void classCountMismatchIsAParameterError() {
        EvaluationData wb = Waterbirds.load(fixture("waterbirds"), 8, 100);
        wb.requireClasses(2);
        ParameterException e = assertThrows(ParameterException.class, () -> wb.requireClasses(9));
        assertEquals("data", e.parameter());
        assertTrue(e.getMessage().contains("model (9)") && e.getMessage().contains("2 classes"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void imageNet9LayoutErrorsNameTheFolder(@TempDir Path root) throws IOException {
        Path in9 = fixture("in9");
        // Only a variant other than original: the original variant is required.
        Files.createDirectories(root.resolve("mixed_rand/val/00_dog"));
        Files.createDirectories(root.resolve("mixed_rand/val/01_bird"));
        String m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.load(root, 8, 10))
                .getMessage();
        assertTrue(m.contains("original") && m.contains("<variant>/val/<class>/"), m);
        // Class folders differing between variants.
        Files.createDirectories(root.resolve("original/val/00_dog"));
        Files.createDirectories(root.resolve("original/val/01_cat"));
        Files.copy(in9.resolve("original/val/00_dog/a.JPEG"), root.resolve("original/val/00_dog/a.JPEG"));
        Files.copy(in9.resolve("original/val/00_dog/a.JPEG"), root.resolve("original/val/01_cat/a.JPEG"));
        m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.load(root, 8, 10))
                .getMessage();
        assertTrue(m.contains("mixed_rand") && m.contains("01_bird") && m.contains("01_cat"), m);
        // A malformed mask names its file.
        Files.walk(root.resolve("mixed_rand"))
                .sorted(java.util.Comparator.reverseOrder())
                .forEach(p -> p.toFile().delete());
        Path mask = Files.createDirectories(root.resolve("fg_mask/val/00_dog")).resolve("a.npy");
        Files.write(mask, new byte[] {1, 2, 3});
        m = assertThrows(IllegalArgumentException.class, () -> ImageNet9.load(root, 8, 10))
                .getMessage();
        assertTrue(m.contains(mask.toString()) && m.contains("magic"), m);
        Files.copy(in9.resolve("fg_mask/val/00_dog/a.npy"), mask, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        EvaluationData ok = ImageNet9.load(root, 4, 10);
        assertEquals(1, ok.masked().size(), "the one image with a mask");
        assertEquals(4, ok.masked().height(), "masks resized with the images");
        float[] mk = ok.masked().mask(0);
        assertArrayEquals(new float[] {1, 1, 0, 0}, java.util.Arrays.copyOfRange(mk, 0, 4), "left half at 4x4");
        // Images per class are capped in file-name order.
        assertEquals(9, ImageNet9.load(in9, 8, 1).original().size());
    }

    @Test
    void waterbirdsWithoutTestRowsIsAClearError(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("metadata.csv"), "\uFEFFimg_filename,y,split,place\nx.jpg,0,0,1\n");
        String m = assertThrows(IllegalArgumentException.class, () -> Waterbirds.load(root, 8, 10))
                .getMessage();
        assertTrue(m.contains("no test images"), m);
    }
}
