package tradeoffs.deep.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy .npy files written byte by byte after NumPy's format description (numpy.lib.format). */
class NpyFileTest {

    static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int pre = major == 1 ? 10 : 12;
        int pad = (64 - (pre + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) header.length());
        } else {
            len.putInt(header.length());
        }
        b.write(len.array());
        b.write(header.getBytes(StandardCharsets.ISO_8859_1));
        b.write(data);
        return b.toByteArray();
    }

    @Test
    void readsTheCommonTypesOrdersAndVersions(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.npy");
        Files.write(f, npy(1, "|b1", false, "(2, 3)", new byte[] {1, 0, 1, 0, 0, 1}));
        assertArrayEquals(new int[] {2, 3}, NpyFile.read(f).shape());
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1}, NpyFile.read(f).values());

        Files.write(f, npy(1, "|u1", false, "(3,)", new byte[] {0, (byte) 200, (byte) 255}));
        assertArrayEquals(new double[] {0, 200, 255}, NpyFile.read(f).values());

        ByteBuffer be = ByteBuffer.allocate(4)
                .order(ByteOrder.BIG_ENDIAN)
                .putShort((short) -2)
                .putShort((short) 300);
        Files.write(f, npy(2, ">i2", false, "(2,)", be.array()));
        assertArrayEquals(new double[] {-2, 300}, NpyFile.read(f).values());

        // Fortran order: column-major values of [[1, 2, 3], [4, 5, 6]] are 1, 4, 2, 5, 3, 6.
        ByteBuffer le = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {1, 4, 2, 5, 3, 6}) {
            le.putFloat(v);
        }
        Files.write(f, npy(3, "<f4", true, "(2, 3)", le.array()));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, NpyFile.read(f).values());

        ByteBuffer d = ByteBuffer.allocate(16)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(0.25)
                .putLong(0);
        Files.write(f, npy(1, "<f8", false, "(1, 1)", java.util.Arrays.copyOf(d.array(), 8)));
        assertArrayEquals(new double[] {0.25}, NpyFile.read(f).values());
    }

    @Test
    void malformedFilesAreClearErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.npy");
        Files.write(f, "not numpy".getBytes(StandardCharsets.US_ASCII));
        assertMessage(f, "magic");
        Files.write(f, npy(1, "<c8", false, "(1,)", new byte[8]));
        assertMessage(f, "dtype '<c8'");
        Files.write(f, npy(1, "<f4", false, "(4,)", new byte[8]));
        assertMessage(f, "truncated");
        Files.write(f, npy(7, "<f4", false, "(1,)", new byte[4]));
        assertMessage(f, "version 7");
        assertMessage(dir.resolve("missing.npy"), "does not exist");
    }

    private static void assertMessage(Path f, String part) {
        String m = assertThrows(IllegalArgumentException.class, () -> NpyFile.read(f))
                .getMessage();
        assertTrue(m.contains(f.toString()) && m.contains(part), m);
    }
}
