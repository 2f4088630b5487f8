package tradeoffs.tests.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.tests.ChildJvm;

/**
 * A killed sweep resumes to the tables of an uninterrupted run. Nothing here depends on how fast
 * the machine is: the real SIGKILL lands wherever the child happens to be, and the test asserts
 * what must hold at any moment of the kill; a second test stops the run at a defined point by
 * building the folder such a kill leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepKillRerunTest {
    static final String CONFIG = """
            {"seed": 5, "kinds": ["simulate"], "norms": ["l1", "l2", "linf"], "eps": [0.2, 0.4, 0.6, 0.8],
             "model": {"sigma_spurious": 2.0, "eta": 0.5}, "eta_test": -0.5,
             "simulate": {"n": 2000, "n_test": 500, "reps": 20}}
            """;
    static final int POINTS = 12;

    @TempDir
    static Path tmp;

    Path cfg;
    Path fresh;

    /** The uninterrupted run every interrupted one must reproduce byte for byte. */
    @BeforeAll
    void uninterruptedRun() throws IOException {
        cfg = tmp.resolve("grid.json");
        Files.writeString(cfg, CONFIG);
        fresh = tmp.resolve("fresh");
        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", fresh.toString(), "--threads", "2"));
        assertEquals(POINTS, pointFiles(fresh).size());
    }

    /**
     * SIGKILL (Process.destroyForcibly on a child JVM) once the child has finished a point or
     * ended. Whatever it had done by then: every point file under its real name is whole and
     * byte-identical to the uninterrupted run's (anything else in the folder is a temporary file
     * of an unfinished write); the rerun leaves those files untouched (same inode, so they were
     * skipped, not recomputed), completes the grid and writes tables byte-identical to the
     * uninterrupted run's.
     */
    @Test
    void killedSweepResumesToTheSameTables() throws Exception {
        Path out = tmp.resolve("killed");
        Process child = ChildJvm.start(
                tmp.resolve("child.log"),
                "sweep",
                "--config",
                cfg.toString(),
                "--out",
                out.toString(),
                "--threads",
                "1");
        while (child.isAlive() && pointFiles(out).isEmpty()) {
            Thread.sleep(10);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor();

        Map<String, Object> survivors = new TreeMap<>();
        String log = Files.readString(tmp.resolve("child.log"));
        for (Path p : pointFiles(out)) {
            assertArrayEquals(
                    Files.readAllBytes(fresh.resolve(relative(out, p))),
                    Files.readAllBytes(p),
                    p.getFileName() + " is not the uninterrupted run's point file; log: " + log);
            survivors.put(p.getFileName().toString(), fileKey(p));
        }
        for (Path p : allFiles(out.resolve("points"))) {
            String name = p.getFileName().toString();
            assertTrue(
                    name.matches("p\\d{6}\\.csv") || name.matches("\\.p\\d{6}\\.csv\\..*\\.tmp"),
                    "a killed run leaves only whole point files and temporary files: " + p);
        }

        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2"));
        for (Map.Entry<String, Object> e : survivors.entrySet()) {
            assertEquals(
                    e.getValue(),
                    fileKey(out.resolve("points").resolve("simulate").resolve(e.getKey())),
                    e.getKey() + " was finished before the kill and must be skipped, not rewritten");
        }
        assertSameResults(out);
    }

    /**
     * The kill at a defined point: the folder a SIGKILL leaves after point 4 of 12 was renamed into
     * place while point 5 was being written (config.json, five whole point files, a truncated
     * temporary file). The rerun skips exactly those five and ends where the uninterrupted run did.
     */
    @Test
    void rerunAfterADefinedKillPointSkipsTheFinishedPoints() throws Exception {
        Path out = tmp.resolve("staged");
        Path points = out.resolve("points").resolve("simulate");
        Files.createDirectories(points);
        Files.copy(fresh.resolve("config.json"), out.resolve("config.json"));
        List<Path> done = pointFiles(fresh).subList(0, 5);
        Map<String, Object> keys = new TreeMap<>();
        for (Path p : done) {
            Path target = points.resolve(p.getFileName());
            Files.copy(p, target);
            keys.put(target.getFileName().toString(), fileKey(target));
        }
        byte[] next = Files.readAllBytes(pointFiles(fresh).get(5));
        Files.write(
                points.resolve("." + pointFiles(fresh).get(5).getFileName() + ".123456.tmp"),
                java.util.Arrays.copyOf(next, next.length / 2));

        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2"));
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            assertEquals(
                    e.getValue(), fileKey(points.resolve(e.getKey())), e.getKey() + " must be skipped, not rewritten");
        }
        assertSameResults(out);
    }

    /** Every point file and the merged table byte-identical to the uninterrupted run; a manifest. */
    void assertSameResults(Path out) throws IOException {
        List<Path> mine = pointFiles(out);
        assertEquals(POINTS, mine.size());
        for (Path p : mine) {
            assertArrayEquals(Files.readAllBytes(fresh.resolve(relative(out, p))), Files.readAllBytes(p), p.toString());
        }
        assertArrayEquals(
                Files.readAllBytes(fresh.resolve("simulate.csv")), Files.readAllBytes(out.resolve("simulate.csv")));
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    }

    /** The finished point files (real names only), in grid order. */
    static List<Path> pointFiles(Path dir) throws IOException {
        Path points = dir.resolve("points").resolve("simulate");
        if (!Files.isDirectory(points)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(points)) {
            return s.filter(p -> p.getFileName().toString().matches("p\\d{6}\\.csv"))
                    .sorted()
                    .toList();
        }
    }

    static List<Path> allFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).toList());
        }
    }

    static Path relative(Path root, Path p) {
        return root.relativize(p);
    }

    /** The file's identity (device and inode on Linux): a file replaced by a rename gets a new one. */
    static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }
}
