package tradeoffs.tests.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tradeoffs.cli.Main;
import tradeoffs.io.schema.TableNames;

/**
 * {@code tradeoffs reproduce --profile quick --stages classification} through the command line: the
 * report has claims C1–C4 with computed verdicts ("holds" at theory and simulation, docs/math.md §12.6),
 * the three classification figures are drawn and linked, only the classification tables are written,
 * and one thread writes the same tables as two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationReproduceTest {
    static final List<String> TABLES = List.of(
            TableNames.CLASS_FRONTIER, TableNames.CLASS_MEP, TableNames.CLASS_INVARIANCE, TableNames.CLASS_BETA);

    @TempDir
    static Path tmp;

    Path out;

    private static int run(Path dir, int threads) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(
                "reproduce",
                "--profile",
                "quick",
                "--out",
                dir.toString(),
                "--seed",
                "5",
                "--threads",
                String.valueOf(threads),
                "--stages",
                "classification",
                "--quiet");
        assertEquals(0, code, err.toString());
        return code;
    }

    @BeforeAll
    void runReproduce() {
        out = tmp.resolve("two");
        run(out, 2);
    }

    @Test
    void reportHasTheClassificationClaimsWithVerdictsAndFigures() throws Exception {
        String md = Files.readString(out.resolve("report.md"));
        for (String claim : List.of("Claim C1", "Claim C2", "Claim C3", "Claim C4")) {
            assertTrue(
                    md.lines()
                            .anyMatch(l -> l.startsWith("| " + claim + ":")
                                    && l.endsWith(". | holds | holds | not tested | not tested |")),
                    claim + " should hold at theory and simulation:\n" + md);
        }
        assertTrue(md.contains("**8 hold, 0 fail, 28 not tested.**"), md);
        for (String fig : List.of("mep_frontier", "invariance_vs_eps", "beta_vs_ce")) {
            assertTrue(Files.size(out.resolve("figures/" + fig + ".png")) > 0, fig);
            assertTrue(md.contains("![" + fig + "](figures/" + fig + ".png)"), fig);
        }
        try (var s = Files.list(out)) {
            List<String> csvs = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv"))
                    .sorted()
                    .toList();
            assertEquals(TABLES.stream().map(TableNames::file).sorted().toList(), csvs);
        }
    }

    @Test
    void oneThreadWritesTheSameTablesAsTwo() throws Exception {
        Path one = tmp.resolve("one");
        run(one, 1);
        for (String t : TABLES) {
            assertArrayEquals(
                    Files.readAllBytes(out.resolve(TableNames.file(t))),
                    Files.readAllBytes(one.resolve(TableNames.file(t))),
                    t + " differs between --threads 1 and 2");
        }
    }
}
