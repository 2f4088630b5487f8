package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code theory}'s CSV is streamed: in a forked JVM with a 32 MB heap it writes a table whose
 * rows, held in memory as before streaming (about 3.5 KB of heap per row), would need about 140 MB,
 * over four times the heap;
 * and a run stopped mid-table leaves no output file (nor its temporary file).
 */
class TheoryStreamingTest {
    @TempDir
    Path tmp;

    private static Process fork(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+ExitOnOutOfMemoryError",
                // as the test JVMs run (tests.jvmArgs in the root pom): half the child's CPU, same rows
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void aTableFarLargerThanTheHeapIsWrittenInFullWithTheInMemoryBytes() throws Exception {
        Path out = tmp.resolve("big.csv");
        Path log = tmp.resolve("log.txt");
        // 40,002 rows (about 140 MB as in-memory rows, 150,002 came to over 500 MB; the heap is 32 MB):
        // one core feature, no spurious one (cheap solves); --threads 2 with two norms, so the second
        // curve is spilled and appended
        Process p = fork(
                log,
                "theory",
                "--dim-spurious",
                "0",
                "--norm",
                "l2,linf",
                "--eps",
                "0:0.4:0.00002",
                "--threads",
                "2",
                "--out",
                out.toString());
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "forked run finished");
        assertEquals(0, p.exitValue(), Files.readString(log));
        List<String> lines;
        try (Stream<String> s = Files.lines(out)) {
            lines = s.filter(TheoryStreamingTest::belowOneHundredth).toList();
        }
        long total;
        try (Stream<String> s = Files.lines(out)) {
            total = s.count();
        }
        assertEquals(1 + 2 * 20_001, total);
        assertTrue(Files.readString(log).contains("wrote 40002 rows"), Files.readString(log));
        // the first rows of each curve are those of an in-process run of the same model on the grid's start
        CliRun small = CliRun.main("theory", "--dim-spurious", "0", "--norm", "l2,linf", "--eps", "0:0.01:0.00002");
        assertEquals(0, small.code(), small.err());
        List<String> expected = small.out().lines().toList();
        assertEquals(1 + 2 * 501, expected.size());
        assertEquals(expected, lines);
    }

    /** The header and the rows with eps <= 0.01. */
    private static boolean belowOneHundredth(String line) {
        String[] cells = line.split(",", 3);
        return cells[0].equals("norm") || Double.parseDouble(cells[1]) <= 0.01;
    }

    @Test
    void aStoppedRunLeavesNoOutputFile() throws Exception {
        Path out = tmp.resolve("stopped.csv");
        Path log = tmp.resolve("log.txt");
        Process p = fork(log, "theory", "--norm", "l2", "--eps", "0:1:1e-7", "--out", out.toString());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        boolean writing = false;
        while (!writing && System.nanoTime() < deadline && p.isAlive()) {
            try (Stream<Path> files = Files.list(tmp)) {
                writing = files.anyMatch(
                        f -> f.getFileName().toString().startsWith(".stopped.csv.") && size(f) > 100_000);
            }
            Thread.sleep(100);
        }
        assertTrue(writing, "the table was being written: " + Files.readString(log, StandardCharsets.UTF_8));
        p.destroy(); // SIGTERM, as a scheduler or Ctrl-C would stop it
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertFalse(Files.exists(out), "no half-written output");
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(
                    List.of("log.txt"),
                    files.map(f -> f.getFileName().toString()).toList(),
                    "temporary file removed");
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
