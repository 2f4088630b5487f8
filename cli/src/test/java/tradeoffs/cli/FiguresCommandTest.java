package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;

class FiguresCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingInFolderIsBadInputNamingTheOption() {
        CliRun r = CliRun.of(
                Main.commandLine(),
                "figures",
                "--in",
                tmp.resolve("nope").toString(),
                "--out",
                tmp.resolve("f").toString());
        assertEquals(2, r.code());
        assertEquals("error: --in must be an existing folder (got " + tmp.resolve("nope") + ")\n", r.err());
    }

    @Test
    void aFolderWithoutTablesIsBadInput() {
        CliRun r = CliRun.of(Main.commandLine(), "figures", "--in", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("error: --in must hold result tables (*.csv) (got " + tmp + ", which holds none)\n", r.err());
    }

    @Test
    void noInOptionIsBadInput() {
        CliRun r = CliRun.of(Main.commandLine(), "figures", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--in"), r.err());
    }

    @Test
    void drawsWhatTheTablesSupportAndSaysWhatItSkipped() throws Exception {
        ResultTable.builder("norm", "eps", "risk_with_spurious", "risk_core_only")
                .row("l2", 0.0, 0.25, 0.25)
                .row("l2", 0.5, 0.6, 0.65)
                .row("l2", 1.0, 0.9, 1.0)
                .build()
                .writeCsv(tmp.resolve("theory_claim4.csv"));
        Path out = tmp.resolve("figs");
        CliRun r = CliRun.of(Main.commandLine(), "figures", "--in", tmp.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("drew 1 figure(s) into " + out + ": claim4_spurious_helps\n"), r.out());
        assertTrue(r.out().contains("skipped reliance_vs_eps: no theory_eps.csv"), r.out());
        assertTrue(Files.size(out.resolve("claim4_spurious_helps.png")) > 1000);
        assertTrue(Files.readString(out.resolve("claim4_spurious_helps.svg")).contains("<svg"));
        assertTrue(
                Files.readString(out.resolve("claim4_spurious_helps.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .startsWith("%PDF-"));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"command\" : \"figures\""));
    }

    @Test
    void aMalformedTableIsBadInputNamingTheFile() throws Exception {
        Files.writeString(tmp.resolve("theory_eps.csv"), "norm,eps\n\"l2,0.1\n");
        CliRun r = CliRun.of(Main.commandLine(), "figures", "--in", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: malformed table " + tmp.resolve("theory_eps.csv")), r.err());
    }

    @Test
    void unknownProfileIsBadInputNamingTheOption() {
        CliRun r = CliRun.of(Main.commandLine(), "reproduce", "--profile", "medium", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("error: --profile must be quick or full (got medium)\n", r.err());
    }

    @Test
    void reproduceIntoAFileOrWithNoThreadsIsBadInput() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        CliRun r = CliRun.of(Main.commandLine(), "reproduce", "--out", file.toString(), "--stages", "theory");
        assertEquals(2, r.code());
        assertEquals("error: --out must be a folder, not a file (got " + file + ")\n", r.err());
        CliRun t = CliRun.of(
                Main.commandLine(), "reproduce", "--out", tmp.resolve("o").toString(), "--threads", "0");
        assertEquals(2, t.code());
        assertEquals("error: --threads must be in [1, 1024] (got 0)\n", t.err());
    }

    @Test
    void unknownStageIsBadInputNamingTheOption() {
        CliRun r = CliRun.of(Main.commandLine(), "reproduce", "--stages", "astrology", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --stages must name installed stages"), r.err());
    }
}
