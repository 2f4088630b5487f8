package tradeoffs.tests.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.io.ResultTable;

/**
 * A sweep killed with SIGKILL (Process.destroyForcibly on a child JVM) and rerun completes with
 * every point exactly once, no broken rows, and tables byte-identical to an uninterrupted run.
 */
class SweepKillRerunTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            {"seed": 5, "kinds": ["simulate"], "norms": ["l1", "l2", "linf"], "eps": [0.2, 0.4, 0.6, 0.8],
             "model": {"sigma_spurious": 2.0, "eta": 0.5}, "eta_test": -0.5,
             "simulate": {"n": 4000, "n_test": 1000, "reps": 60}}
            """;

    static long pointFiles(Path dir) throws IOException {
        Path points = dir.resolve("points").resolve("simulate");
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(points)) {
            return s.filter(p -> p.getFileName().toString().matches("p\\d{6}\\.csv")).count();
        }
    }

    @Test
    void killedSweepResumesToTheSameTables() throws Exception {
        Path cfg = tmp.resolve("grid.json");
        Files.writeString(cfg, CONFIG);
        Path out = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "sweep", "--config", cfg.toString(), "--out",
                out.toString(), "--threads", "1"));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pointFiles(out) < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean killedMidway = child.isAlive();
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(10, TimeUnit.SECONDS);
        long before = pointFiles(out);
        assertTrue(killedMidway && before >= 3 && before < 12,
                "the child should be killed mid-way (alive " + killedMidway + ", " + before + " of 12 points); log: "
                        + Files.readString(tmp.resolve("child.log")));
        // every file that exists is whole
        try (Stream<Path> s = Files.list(out.resolve("points").resolve("simulate"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".csv")).toList()) {
                assertEquals(6, ResultTable.readCsv(p).size(), p.toString());
            }
        }

        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", out.toString(), "--threads", "2"));
        ResultTable t = ResultTable.readCsv(out.resolve("simulate.csv"));
        assertEquals(12 * 6, t.size());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            assertTrue(keys.add(t.get(i, "point") + "/" + t.get(i, "quantity")), "duplicate row " + t.rows().get(i));
        }
        Path fresh = tmp.resolve("fresh");
        assertEquals(0, Main.run("sweep", "--config", cfg.toString(), "--out", fresh.toString(), "--threads", "2"));
        assertArrayEquals(Files.readAllBytes(fresh.resolve("simulate.csv")), Files.readAllBytes(out.resolve("simulate.csv")));
        assertTrue(new File(out.toFile(), "manifest.json").isFile());
    }
}
