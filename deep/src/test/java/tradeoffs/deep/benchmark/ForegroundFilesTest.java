package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foreground readers (IDX, Fashion-MNIST, MNIST JSON) on small files each test writes itself. */
class ForegroundFilesTest {

    /** IDX bytes: magic 0x0000080d, sizes, then values. */
    private static byte[] idx(int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(values);
        d.flush();
        return b.toByteArray();
    }

    private static void gz(Path file, byte[] bytes) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            o.write(bytes);
        }
    }

    /**
     * Six 4×4 items, labels 0,1,2,0,1,2; item i has a bright 2×2 square (value 255) at its
     * centre, the rest 0.
     */
    private static void writeFashion(Path dir, boolean compressed) throws IOException {
        byte[] img = new byte[6 * 16];
        byte[] lab = new byte[6];
        for (int i = 0; i < 6; i++) {
            lab[i] = (byte) (i % 3);
            for (int y = 1; y <= 2; y++) {
                for (int x = 1; x <= 2; x++) {
                    img[i * 16 + y * 4 + x] = (byte) 255;
                }
            }
        }
        byte[] ib = idx(new int[] {6, 4, 4}, img);
        byte[] lb = idx(new int[] {6}, lab);
        if (compressed) {
            gz(dir.resolve("train-images-idx3-ubyte.gz"), ib);
            gz(dir.resolve("train-labels-idx1-ubyte.gz"), lb);
        } else {
            Files.write(dir.resolve("train-images-idx3-ubyte"), ib);
            Files.write(dir.resolve("train-labels-idx1-ubyte"), lb);
        }
    }

    @Test
    void idxRoundTripPlainAndGzip(@TempDir Path dir) throws IOException {
        byte[] values = {0, 1, 2, (byte) 200, (byte) 255, 7};
        Files.write(dir.resolve("a"), idx(new int[] {2, 3}, values));
        gz(dir.resolve("a.gz"), idx(new int[] {2, 3}, values));
        for (String f : new String[] {"a", "a.gz"}) {
            IdxFile r = IdxFile.read(dir.resolve(f));
            assertArrayEquals(new int[] {2, 3}, r.dims());
            assertArrayEquals(values, r.data());
        }
    }

    @Test
    void corruptIdxFilesAreClearErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad-magic");
        Files.write(bad, new byte[] {1, 2, 3, 4, 0, 0, 0, 1, 9});
        String m = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(bad))
                .getMessage();
        assertTrue(m.contains(bad.toString()) && m.contains("magic"), m);

        Path shortFile = dir.resolve("truncated");
        byte[] full = idx(new int[] {10, 4, 4}, new byte[160]);
        Files.write(shortFile, java.util.Arrays.copyOf(full, full.length - 5));
        m = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(shortFile))
                .getMessage();
        assertTrue(m.contains(shortFile.toString()) && m.contains("truncated"), m);

        Path longFile = dir.resolve("trailing");
        Files.write(longFile, java.util.Arrays.copyOf(idx(new int[] {2}, new byte[2]), 14));
        m = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(longFile))
                .getMessage();
        assertTrue(m.contains("bytes after"), m);

        Path missing = dir.resolve("missing");
        m = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(missing))
                .getMessage();
        assertTrue(m.contains(missing.toString()) && m.contains("does not exist"), m);

        Path notGzip = dir.resolve("x.gz");
        Files.write(notGzip, new byte[] {0, 0, 8, 1});
        m = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(notGzip))
                .getMessage();
        assertTrue(m.contains(notGzip.toString()), m);
    }

    @Test
    void fashionMnistForegroundsKeepMasksAndCaps(@TempDir Path dir) throws IOException {
        writeFashion(dir, true);
        BitmapForegrounds f = FashionMnist.foregrounds(dir, 1, 0.1);
        assertEquals(3, f.maxClasses());
        assertEquals(1, f.count(0));
        Sprite s = f.sprite(2, 123, false);
        // The bright square covers pixel centres 1.5..2.5 of 4, i.e. (u, v) near 0: inside.
        assertEquals(1.0f, s.at(0, 0), 1e-6);
        // The corner is background (value 0 < threshold).
        assertTrue(s.at(-0.95, -0.95) < 0);

        // A 3-class benchmark built from the files: every variant renders, masks non-empty.
        BenchmarkParams p = BenchmarkParams.defaults()
                .withClasses(3)
                .withImageSize(12)
                .withForegrounds(Foregrounds.FASHION_MNIST, dir);
        ShiftedBackgrounds b = new ShiftedBackgrounds(p, 1);
        ImageSet orig = b.test(Variant.ONLY_FG, 6);
        float sum = 0;
        for (float v : orig.foregroundMask()) {
            sum += v;
        }
        assertTrue(sum > 6 * 4, "objects visible: " + sum + " mask pixels");
        // More classes than the files have: clear error.
        String m = assertThrows(IllegalArgumentException.class, () -> new ShiftedBackgrounds(p.withClasses(4), 1))
                .getMessage();
        assertTrue(m.contains("classes must be <= 3"), m);
    }

    @Test
    void realFashionMnistWhenInstalled() {
        // Only where the Debian package dataset-fashion-mnist is installed; nothing else needs it.
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_PATH), "Fashion-MNIST not installed");
        BitmapForegrounds f = FashionMnist.foregrounds(FashionMnist.DEBIAN_PATH, 50, 0.1);
        assertEquals(10, f.maxClasses());
        for (int c = 0; c < 10; c++) {
            assertEquals(50, f.count(c));
        }
    }

    @Test
    void fashionMnistMissingOrMismatchedFilesAreClearErrors(@TempDir Path dir) throws IOException {
        String m = assertThrows(IllegalArgumentException.class, () -> FashionMnist.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte"), m);
        writeFashion(dir, false);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {5}, new byte[5]));
        m = assertThrows(IllegalArgumentException.class, () -> FashionMnist.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("one label per image"), m);
    }

    private static void writeDigits(Path dir, int digit, int count, String extra) throws IOException {
        StringBuilder sb = new StringBuilder("{\"data\": [");
        for (int i = 0; i < count * 784; i++) {
            if (i > 0) {
                sb.append(',');
            }
            int p = i % 784;
            boolean centre = p / 28 >= 10 && p / 28 < 18 && p % 28 >= 10 && p % 28 < 18;
            sb.append(centre ? "0.9" : "0");
        }
        sb.append("]").append(extra).append("}");
        Files.writeString(dir.resolve(digit + ".json"), sb.toString());
    }

    @Test
    void mnistJsonDigits(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("src/digits"));
        writeDigits(dir, 0, 2, "");
        writeDigits(dir, 1, 3, ", \"other\": {\"a\": [1, 2]}");
        writeDigits(dir, 2, 1, "");
        BitmapForegrounds f = MnistJson.foregrounds(root, 2, 0.1);
        assertEquals(3, f.maxClasses());
        assertEquals(2, f.count(1), "capped at 2 per class");
        assertEquals(0.9f, f.sprite(1, 5, true).at(0, 0), 1e-6);
        assertTrue(f.sprite(1, 5, false).at(0.9, 0.9) < 0);
        ImageSet s = new ShiftedBackgrounds(
                        BenchmarkParams.defaults()
                                .withClasses(3)
                                .withImageSize(12)
                                .withForegrounds(Foregrounds.MNIST, root),
                        2)
                .train(9);
        assertEquals(9, s.size());
    }

    @Test
    void corruptMnistJsonIsAClearError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("0.json"), "{\"data\": [0, 0.5, 2.0]}");
        String m = assertThrows(IllegalArgumentException.class, () -> MnistJson.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("0.json") && m.contains("outside [0,1]"), m);
        Files.writeString(dir.resolve("0.json"), "{\"data\": [0, 0.5]}");
        m = assertThrows(IllegalArgumentException.class, () -> MnistJson.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("not a multiple of 28*28"), m);
        Files.writeString(dir.resolve("0.json"), "{\"data\": [0, ");
        m = assertThrows(IllegalArgumentException.class, () -> MnistJson.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("0.json"), m);
        Files.writeString(dir.resolve("0.json"), "{\"pixels\": []}");
        m = assertThrows(IllegalArgumentException.class, () -> MnistJson.foregrounds(dir, 10, 0.1))
                .getMessage();
        assertTrue(m.contains("no 'data' array"), m);
    }
}
