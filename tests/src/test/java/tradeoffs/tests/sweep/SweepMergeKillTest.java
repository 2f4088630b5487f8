package tradeoffs.tests.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.FolderLock;
import tradeoffs.tests.ChildJvm;

/**
 * {@code sweep merge} SIGKILLed at random moments of a child JVM, into a new folder and over an
 * earlier merge: afterwards the merged folder is absent (new) or whole (the earlier merge, or the
 * new one), never a partial table set, and the rerun gives the unsharded run's bytes. Kill moments
 * are drawn from [0, 1.2 x an uninterrupted child merge] with a fixed seed; nothing asserted
 * depends on where they land.
 */
class SweepMergeKillTest {
    static final String CONFIG = """
            {"seed": 7, "kinds": ["theory", "simulate"], "norms": ["l2", "linf"], "eps": [0.1, 0.3, 0.5],
             "model": {"sigma_spurious": 2.0, "eta": 0.5}, "eta_test": -0.5,
             "simulate": {"n": 300, "n_test": 200, "reps": 3}}
            """;

    @Test
    void killedMergeLeavesNothingOrAWholeFolderAndTheRerunIsByteIdentical(@TempDir Path tmp) throws Exception {
        Path cfg = Files.writeString(tmp.resolve("grid.json"), CONFIG);
        Path whole = tmp.resolve("whole");
        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", whole.toString(), "--threads", "2"));
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path s = tmp.resolve("s" + i);
            assertEquals(
                    0,
                    Main.run(
                            "sweep",
                            "--config",
                            cfg.toString(),
                            "--out",
                            s.toString(),
                            "--shard",
                            i + "/3",
                            "--threads",
                            "2"));
            shards.add(s.toString());
        }
        Path timed = tmp.resolve("timed");
        long t0 = System.nanoTime();
        Process p0 = child(merge(timed, shards), tmp.resolve("timed.log"));
        assertEquals(0, p0.waitFor(), Files.readString(tmp.resolve("timed.log")));
        long span = System.nanoTime() - t0;
        assertSameTables(whole, timed);

        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < 4; k++) {
            boolean over = k % 2 == 1; // odd kills: over an earlier merge of the same sweep
            Path m = tmp.resolve("m" + k);
            if (over) {
                assertEquals(0, Main.run(merge(m, shards)));
            }
            Process p = child(merge(m, shards), tmp.resolve("kill" + k + ".log"));
            long wait = (long) (random.nextDouble() * 1.2 * span / 1e6);
            Thread.sleep(wait);
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor();
            Path current = AtomicFolder.current(m);
            if (over || Files.exists(current)) {
                assertSameTables(whole, current);
            }
            assertEquals(0, Main.run(merge(m, shards)), "rerun after kill " + k);
            assertSameTables(whole, m);
            assertFalse(
                    Files.exists(AtomicFolder.pending(m)) || Files.exists(AtomicFolder.replaced(m)),
                    "temporary folders left beside the merge");
        }
    }

    static String[] merge(Path out, List<String> shards) {
        List<String> a = new ArrayList<>(List.of("sweep", "merge", "--out", out.toString()));
        a.addAll(shards);
        return a.toArray(String[]::new);
    }

    /** The folder's tables and point files are the unsharded run's, byte for byte, and it has nothing else but its manifest. */
    static void assertSameTables(Path whole, Path m) throws IOException {
        for (String t : List.of("theory.csv", "simulate.csv")) {
            assertTrue(Files.isRegularFile(m.resolve(t)), m + " lacks " + t);
            assertArrayEquals(Files.readAllBytes(whole.resolve(t)), Files.readAllBytes(m.resolve(t)), t);
        }
        TreeMap<String, Long> mine = points(m);
        assertEquals(points(whole).keySet(), mine.keySet());
        for (String p : mine.keySet()) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(p)), Files.readAllBytes(m.resolve(p)), p);
        }
    }

    static TreeMap<String, Long> points(Path dir) throws IOException {
        TreeMap<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir.resolve("points"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!FolderLock.isLockFile(p.getFileName().toString())) {
                    m.put(dir.relativize(p).toString(), Files.size(p));
                }
            }
        }
        return m;
    }

    static Process child(String[] args, Path log) throws IOException {
        return ChildJvm.start(log, args);
    }
}
