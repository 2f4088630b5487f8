package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;

/** {@code simulate} marks non-smooth rows and judges a large |z| there by its bias ladder (docs/math.md §7.4). */
class SimulateNonSmoothTest {
    @TempDir
    Path tmp;

    /**
     * ℓ∞ exactly at the scale boundary (σ_s|η| = σ_c = 0.6): the spurious weight is 0 at a kink,
     * its z is about 0.683·√100 = 6.8, and the ladder n = 50, 200, 800 converges; far inside
     * (σ_c = 1) the same flags give nothing to check.
     */
    @Test
    void aKinkIsMarkedAndExplainedByItsLadder() throws Exception {
        Path out = tmp.resolve("kink.csv");
        CliRun r = CliRun.main(
                "simulate",
                "--norm",
                "linf",
                "--sigma-core",
                "0.6",
                "--eta",
                "0.6",
                "--eps",
                "0.3",
                "--n",
                "800",
                "--n-test",
                "1",
                "--reps",
                "100",
                "--seed",
                "5",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        ResultTable t = ResultTable.readCsv(out);
        assertEquals("kink", t.where("quantity", "w_spurious").get(0, "non_smooth"));
        assertTrue(r.err().contains("w_spurious (kink): z = "), r.err());
        assertTrue(r.err().contains("at n = 50, 200, 800"), r.err());
        assertTrue(r.err().contains("converges (explained)"), r.err());
        ResultTable ladders = ResultTable.readCsv(tmp.resolve("kink.csv.nonsmooth.csv"));
        assertEquals("true", ladders.where("quantity", "w_spurious").get(0, "converges"));

        CliRun inside = CliRun.main(
                "simulate",
                "--norm",
                "linf",
                "--sigma-core",
                "1",
                "--eta",
                "0.6",
                "--eps",
                "0.3",
                "--n",
                "800",
                "--n-test",
                "1",
                "--reps",
                "20",
                "--seed",
                "5",
                "--out",
                tmp.resolve("inside.csv").toString());
        assertEquals(0, inside.code(), inside.err());
        assertEquals(
                "",
                ResultTable.readCsv(tmp.resolve("inside.csv"))
                        .where("quantity", "w_spurious")
                        .get(0, "non_smooth"));
        assertFalse(Files.exists(tmp.resolve("inside.csv.nonsmooth.csv")));

        CliRun off = CliRun.main(
                "simulate",
                "--norm",
                "linf",
                "--sigma-core",
                "0.6",
                "--eta",
                "0.6",
                "--eps",
                "0.3",
                "--n",
                "800",
                "--n-test",
                "1",
                "--reps",
                "100",
                "--seed",
                "5",
                "--no-kink-check");
        assertEquals(0, off.code(), off.err());
        assertFalse(off.err().contains("explained"), off.err());
    }
}
