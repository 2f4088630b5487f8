package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderedPartsTest {
    @TempDir
    Path dir;

    /** Part i: i·7919 mod 50000 lines "i,j" (lengths vary, so later parts often finish first). */
    private static long part(int i, OutputStream out) throws IOException {
        int lines = 1 + (i * 7919) % 50_000;
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < lines; j++) {
            sb.append(i).append(',').append(j).append('\n');
            if (sb.length() > 4096) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        return lines;
    }

    private byte[] run(int count, int threads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = OrderedParts.write(out, dir, count, threads, i -> o -> part(i, o));
        long expected = 0;
        for (int i = 0; i < count; i++) {
            expected += 1 + (i * 7919) % 50_000;
        }
        assertEquals(expected, rows);
        return out.toByteArray();
    }

    @Test
    void sameBytesAsPartsOneAfterAnotherForAnyThreadCount() throws IOException {
        ByteArrayOutputStream sequential = new ByteArrayOutputStream();
        for (int i = 0; i < 9; i++) {
            part(i, sequential);
        }
        for (int threads : new int[] {1, 2, 3, 8}) {
            assertArrayEquals(sequential.toByteArray(), run(9, threads), threads + " threads");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "spill files removed");
        }
    }

    @Test
    void aFailingPartRemovesEverySpillFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(
                IllegalStateException.class,
                () -> OrderedParts.write(out, dir, 6, 3, i -> o -> {
                    long n = part(i, o);
                    if (i == 4) {
                        throw new IllegalStateException("part 4 fails");
                    }
                    return n;
                }));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "spill files removed");
        }
    }
}
