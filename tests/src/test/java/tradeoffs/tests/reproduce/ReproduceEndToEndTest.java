package tradeoffs.tests.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tradeoffs.cli.Main;
import tradeoffs.figures.Charts;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.figures.FigureWriter;
import tradeoffs.figures.Palette;
import tradeoffs.figures.PngInspection;
import tradeoffs.io.Json;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/**
 * {@code tradeoffs reproduce --profile quick} end to end (theory and simulation stages; the deep
 * stage trains CNNs and is not run here): every output file is there, only the stages asked for
 * run, every figure reads back as a non-blank PNG whose colours and series follow the tables,
 * figures redrawn from the folder alone are byte-identical, one thread writes the same tables as
 * two, and the theory verdicts are those the closed forms imply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReproduceEndToEndTest {
    static final List<String> STAGES = List.of("theory", "simulation");

    @TempDir
    static Path tmp;

    Path out;
    List<String> typed;
    String stdout;
    String stderr;

    @BeforeAll
    void runReproduce() {
        out = tmp.resolve("results");
        StringWriter sw = new StringWriter();
        StringWriter err = new StringWriter();
        typed = List.of(
                "reproduce",
                "--profile",
                "quick",
                "--out",
                out.toString(),
                "--seed",
                "11",
                "--threads",
                "2",
                "--stages",
                String.join(",", STAGES),
                "--quiet");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(sw, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(typed.toArray(String[]::new));
        assertEquals(0, code, err.toString());
        stdout = sw.toString();
        stderr = err.toString();
    }

    @Test
    void writesTablesReportAndManifests() throws Exception {
        for (String f : List.of(
                "report.md",
                "report.html",
                "manifest.json",
                "figures/manifest.json",
                TableNames.file(TableNames.THEORY_EPS),
                TableNames.file(TableNames.THEORY_PHASE),
                TableNames.file(TableNames.SIM_AGREEMENT),
                TableNames.file(TableNames.SIM_CORE_ONLY),
                TableNames.file(TableNames.SIM_CONVERGENCE))) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals("reproduce", m.get("command").asText());
        assertEquals(11, m.get("seed").asLong());
        assertEquals("quick", m.get("parameters").get("profile").asText());
        assertEquals("holds", m.get("verdicts").get("Claim 1 / theory").asText());
        assertTrue(stdout.contains("Claim 1      holds"), stdout);
        // --stages runs exactly the stages asked for, in order, and writes no other stage's table
        List<String> ran = new ArrayList<>();
        m.get("stages").forEach(n -> ran.add(n.asText()));
        assertEquals(STAGES, ran);
        double total = m.get("timings").get("total_seconds").asDouble();
        double stages = m.get("timings").get("figures_and_report_seconds").asDouble();
        for (String stage : STAGES) {
            assertTrue(m.get("timings").has(stage + "_seconds"), "no timing recorded for stage " + stage);
            stages += m.get("timings").get(stage + "_seconds").asDouble();
        }
        // the total runs from the command's start to the manifest's writing: it covers the stages,
        // which run one after the other (it was 0.0 when measured from the manifest's creation)
        assertTrue(total > 0 && total >= stages, m.get("timings").toString());
        // the full command line as typed, the commit git reports, the versions; no engine loaded
        List<String> args = new ArrayList<>();
        m.get("arguments").forEach(a -> args.add(a.asText()));
        assertEquals(typed, args);
        assertEquals(
                "tradeoffs " + String.join(" ", typed), m.get("command_line").asText());
        JsonNode v = m.get("versions");
        String head = gitHead();
        assertEquals(head == null ? "unknown" : head, v.get("commit").asText());
        assertEquals(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                v.get("java").asText());
        assertTrue(
                v.get("djl").asText().matches("\\d+\\.\\d+\\.\\d+")
                        && v.get("pytorch").asText().matches("\\d+\\.\\d+\\.\\d+"),
                v.toString());
        assertEquals("not loaded", v.get("engine").asText(), "theory and simulation never start DJL");
        assertEquals("not loaded", v.get("device").asText());
        JsonNode fm = Json.MAPPER.readTree(out.resolve("figures/manifest.json").toFile());
        assertEquals(
                "tradeoffs " + String.join(" ", typed), fm.get("command_line").asText());
        assertTrue(fm.get("timings").get("figures_seconds").asDouble() <= total);
        assertEquals("", stderr, "--quiet: no progress lines");
        try (Stream<Path> s = Files.list(out)) {
            List<String> others = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv") && !n.startsWith("theory_") && !n.startsWith("sim_"))
                    .toList();
            assertEquals(List.of(), others, "tables of stages that were not asked for");
        }
    }

    /** HEAD of this checkout from git itself, or null without git or outside a checkout. */
    static String gitHead() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? text : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void theoryVerdictsAreTheOnesTheClosedFormsImply() throws Exception {
        String md = Files.readString(out.resolve("report.md"));
        for (String claim : List.of("Claim 1", "Claim 2", "Claim 3", "Claim 4")) {
            assertTrue(
                    md.lines().anyMatch(l -> l.startsWith("| " + claim + ":") && l.contains(". | holds |")),
                    claim + " should hold at the theory level:\n" + md);
        }
        // the simulation tests claims 1-4 (claim 4 through its core-only Monte Carlo), so none is "not tested"
        for (String claim : List.of("Claim 1", "Claim 2", "Claim 3", "Claim 4")) {
            assertTrue(
                    md.lines()
                            .anyMatch(l -> l.startsWith("| " + claim + ":")
                                    && !l.matches(".*\\. \\| [a-z]+ \\| not tested \\|.*")),
                    claim + " should have a simulation verdict:\n" + md);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("src=\"figures/"));
    }

    @Test
    void everyFigureReadsBackWithTheSeriesOfItsTable() throws Exception {
        Path figs = out.resolve("figures");
        ResultsFolder folder = ResultsFolder.read(out);
        FigureRegistry reg = FigureRegistry.standard();
        int drawn = 0;
        for (var spec : reg.specs()) {
            if (spec.unsupported(folder).isPresent()) {
                continue;
            }
            drawn++;
            BufferedImage img = ImageIO.read(figs.resolve(spec.id() + ".png").toFile());
            assertEquals(FigureWriter.PNG_SCALE * Charts.WIDTH, img.getWidth(), spec.id());
            assertEquals(FigureWriter.PNG_SCALE * Charts.HEIGHT, img.getHeight(), spec.id());
            assertTrue(
                    Files.readString(figs.resolve(spec.id() + ".pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .startsWith("%PDF-"),
                    spec.id());
            assertTrue(PngInspection.nonWhiteFraction(img) > 0.02, spec.id() + " is blank");
            assertTrue(Files.readString(figs.resolve(spec.id() + ".svg")).contains("<svg"), spec.id());
        }
        assertTrue(drawn >= 9, "theory and simulation support 9 figures; drew " + drawn);

        // agreement and convergence: one series per norm of the simulation tables
        ResultTable sim = folder.require(TableNames.SIM_AGREEMENT);
        assertEquals(
                sim.distinct("norm").size(),
                reg.spec("theory_vs_simulation")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        ResultTable conv = folder.require(TableNames.SIM_CONVERGENCE);
        assertEquals(
                conv.distinct("norm").size(),
                reg.spec("convergence")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());

        // reliance_vs_eps: one line per (norm, σ_s) of the table and the Monte Carlo key, and each norm's
        // colour in the pixels
        ResultTable eps = folder.require(TableNames.THEORY_EPS);
        int expected =
                eps.distinct("norm").size() * eps.distinct("sigma_spurious").size() + 1;
        assertEquals(
                expected,
                reg.spec("reliance_vs_eps")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        BufferedImage rel = ImageIO.read(figs.resolve("reliance_vs_eps.png").toFile());
        Set<Color> want = new HashSet<>();
        for (String n : eps.distinct("norm")) {
            want.add(Palette.color(Palette.normIndex(n)));
        }
        assertEquals(want, PngInspection.paletteColours(rel, 100));

        // the phase diagram: both sides of the boundary are present (two classes + boundary at least)
        assertTrue(reg.spec("linf_phase_diagram")
                .orElseThrow()
                .draw(folder)
                .legendSeries()
                .containsAll(List.of("w_s = 0", "w_s ≠ 0", "σ_s|η| = σ_c")));
    }

    @Test
    void oneThreadWritesTheSameTablesAsTwo() throws Exception {
        Path one = tmp.resolve("one-thread");
        typed = List.of(
                "reproduce",
                "--profile",
                "quick",
                "--out",
                out.toString(),
                "--seed",
                "11",
                "--threads",
                "2",
                "--stages",
                String.join(",", STAGES),
                "--quiet");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(
                0,
                cl.execute(
                        "reproduce",
                        "--profile",
                        "quick",
                        "--out",
                        one.toString(),
                        "--seed",
                        "11",
                        "--threads",
                        "1",
                        "--stages",
                        String.join(",", STAGES)));
        List<Path> csvs;
        try (Stream<Path> s = Files.list(out)) {
            csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertTrue(csvs.size() >= 8, csvs.toString());
        for (Path p : csvs) {
            assertArrayEquals(
                    Files.readAllBytes(p),
                    Files.readAllBytes(one.resolve(p.getFileName())),
                    p.getFileName() + " differs between --threads 1 and 2");
        }
    }

    @Test
    void figuresRedrawnFromTheFolderAloneAreByteIdentical() throws Exception {
        Path again = tmp.resolve("again");
        typed = List.of(
                "reproduce",
                "--profile",
                "quick",
                "--out",
                out.toString(),
                "--seed",
                "11",
                "--threads",
                "2",
                "--stages",
                String.join(",", STAGES),
                "--quiet");
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("figures", "--in", out.toString(), "--out", again.toString()));
        List<Path> files;
        try (Stream<Path> s = Files.list(out.resolve("figures"))) {
            files = s.filter(p -> p.toString().matches(".*\\.(png|svg|pdf)"))
                    .sorted()
                    .toList();
        }
        assertFalse(files.isEmpty());
        for (Path p : files) {
            assertArrayEquals(
                    Files.readAllBytes(p),
                    Files.readAllBytes(again.resolve(p.getFileName())),
                    p.getFileName().toString());
        }
    }
}
