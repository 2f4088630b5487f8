package tradeoffs.figures;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.TableNames;

class FigureRegistryTest {
    @TempDir
    Path tmp;

    @Test
    void drawsEveryFigureAsPngAndSvg() throws Exception {
        ResultsFolder folder = SyntheticResults.write(tmp.resolve("in"));
        Path out = tmp.resolve("fig");
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(folder, out);
        assertEquals(Map.of(), o.skipped());
        assertEquals(FigureRegistry.standard().specs().size(), o.drawn().size());
        for (String id : o.drawn().keySet()) {
            BufferedImage img = ImageIO.read(out.resolve(id + ".png").toFile());
            assertEquals(Charts.WIDTH, img.getWidth(), id);
            assertEquals(Charts.HEIGHT, img.getHeight(), id);
            // the SVG is well-formed XML with an <svg> root of the same size (no network: external DTD off)
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            org.w3c.dom.Element root = f.newDocumentBuilder().parse(out.resolve(id + ".svg").toFile()).getDocumentElement();
            assertEquals("svg", root.getTagName(), id);
            assertEquals("0 0 720 540", root.getAttribute("viewBox"), id);
            assertTrue(PngInspection.nonWhiteFraction(img) > 0.02, id + " looks blank");
        }
        String keep = System.getProperty("tradeoffs.keepFigures");
        if (keep != null) {
            for (String id : o.drawn().keySet()) {
                Files.createDirectories(Path.of(keep));
                Files.copy(out.resolve(id + ".png"), Path.of(keep, id + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void seriesCountsFollowTheTables() throws Exception {
        ResultsFolder folder = SyntheticResults.write(tmp);
        FigureRegistry reg = FigureRegistry.standard();
        // 3 norms × 2 σ_s theory lines
        assertEquals(6, reg.spec("reliance_vs_eps").orElseThrow().draw(folder).legendSeries().size());
        // 3 norms + the standard-model marker
        assertEquals(4, reg.spec("tradeoff_frontier").orElseThrow().draw(folder).legendSeries().size());
        // 3 norms with x_s + one shared core-only line (the synthetic core-only risk is the same for every norm)
        assertEquals(4, reg.spec("claim4_spurious_helps").orElseThrow().draw(folder).legendSeries().size());
        // 4 ε + the training-η marker
        assertEquals(5, reg.spec("shifted_risk_l2").orElseThrow().draw(folder).legendSeries().size());
        assertEquals(3, reg.spec("theory_vs_simulation").orElseThrow().draw(folder).legendSeries().size());
        assertEquals(3, reg.spec("convergence").orElseThrow().draw(folder).legendSeries().size());
        assertEquals(3, reg.spec("linf_phase_diagram").orElseThrow().draw(folder).legendSeries().size());

        // the PNG itself shows one palette colour per norm in the claim-4 figure (independent of the chart object)
        Figure c4 = reg.spec("claim4_spurious_helps").orElseThrow().draw(folder);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(c4)));
        assertEquals(Set.of(Palette.color(Palette.normIndex("l1")), Palette.color(Palette.normIndex("l2")),
                Palette.color(Palette.normIndex("linf"))), PngInspection.paletteColours(img, 50));
    }

    @Test
    void dropsANormAndTheFigureLosesItsColour() throws Exception {
        Map<String, ResultTable> tables = SyntheticResults.all();
        tables.put(TableNames.THEORY_CLAIM4, tables.get(TableNames.THEORY_CLAIM4).where("norm", n -> !n.equals("l1")));
        ResultsFolder folder = ResultsFolder.of(tmp, tables);
        Figure f = FigureRegistry.standard().spec("claim4_spurious_helps").orElseThrow().draw(folder);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(f)));
        assertEquals(Set.of(Palette.color(Palette.normIndex("l2")), Palette.color(Palette.normIndex("linf"))),
                PngInspection.paletteColours(img, 50));
        assertEquals(3, f.legendSeries().size());
    }

    @Test
    void coreOnlyCurvesThatDifferGetOneLinePerNorm() {
        ResultTable.Builder b = ResultTable.builder(ColumnNames.NORM, ColumnNames.EPS, ColumnNames.RISK_WITH_SPURIOUS,
                ColumnNames.RISK_CORE_ONLY);
        for (String norm : new String[] {"l1", "l2"}) {
            for (int i = 0; i <= 4; i++) {
                double e = i * 0.25;
                b.row(norm, e, 0.25 + 0.8 * e, 0.25 + (norm.equals("l1") ? 1.0 : 0.9) * e);
            }
        }
        Figure f = new Claim4Figure().draw(ResultsFolder.of(tmp, Map.of(TableNames.THEORY_CLAIM4, b.build())));
        assertEquals(java.util.List.of("ℓ1, with x_s", "ℓ1, core only", "ℓ2, with x_s", "ℓ2, core only"), f.legendSeries());
    }

    @Test
    void skipsFiguresWhoseTablesAreMissingAndSaysWhy() {
        Map<String, ResultTable> tables = SyntheticResults.all();
        tables.remove(TableNames.SIM_CONVERGENCE);
        tables.put(TableNames.THEORY_SHIFT, tables.get(TableNames.THEORY_SHIFT).where("norm", "l2"));
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(ResultsFolder.of(tmp, tables), tmp.resolve("f"));
        assertEquals("no sim_convergence.csv", o.skipped().get("convergence"));
        assertTrue(o.skipped().get("shifted_risk_l1").contains("no rows for norm l1"));
        assertTrue(o.drawn().containsKey("shifted_risk_l2"));
        assertFalse(Files.exists(tmp.resolve("f/convergence.png")));
    }

    @Test
    void agreementCountsCoreOnlyRowsButNotTheirTrivialSpuriousQuantities() {
        Map<String, ResultTable> tables = new java.util.HashMap<>(SyntheticResults.all());
        ResultTable.Builder core = ResultTable.builder(TableNames.SIM_AGREEMENT_COLUMNS);
        for (String q : new String[] {ColumnNames.ADVERSARIAL_RISK, ColumnNames.RELIANCE}) {
            core.row("l2", 0.5, 1.0, q, 0.0, 0.0, 0.01, -0.02, 0.02, 0.0);
        }
        tables.put(TableNames.SIM_CORE_ONLY, core.build());
        // the synthetic grid has 16 ℓ2 rows of which 2 are boundary points (reliance with theory 0 at ε = 0,
        // one per σ_s); the core-only table adds its adversarial risk, not its reliance
        ResultTable mc = MonteCarloRows.withZ(ResultsFolder.of(tmp, tables));
        assertEquals(SyntheticResults.agreement().size() + 1, mc.size());
        Figure f = new AgreementFigure().draw(ResultsFolder.of(tmp, tables));
        assertTrue(f.legendSeries().contains("ℓ2 (15)"), f.legendSeries().toString());
    }

    @Test
    void sweepOutputNamesAreAliases() {
        Map<String, ResultTable> tables = Map.of("theory", SyntheticResults.theoryEps(), "simulate",
                SyntheticResults.agreement());
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(ResultsFolder.of(tmp, tables), tmp.resolve("f"));
        assertEquals(java.util.List.of("reliance_vs_eps", "theory_vs_simulation"), java.util.List.copyOf(o.drawn().keySet()));
        assertEquals("no theory_linf_phase.csv", o.skipped().get("linf_phase_diagram"));
    }

    @Test
    void aFigureThatFailsOnItsTableIsSkippedWithTheReasonAndTheOthersAreDrawn() {
        // a non-numeric ε in the claim-4 table, beside a good table of another figure
        Map<String, ResultTable> tables = new java.util.HashMap<>();
        tables.put(TableNames.THEORY_EPS, SyntheticResults.theoryEps());
        tables.put(TableNames.THEORY_CLAIM4, ResultTable.builder(TableNames.THEORY_CLAIM4_COLUMNS)
                .row("l2", "half", 0.3, 0.4).build());
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(ResultsFolder.of(tmp, tables), tmp.resolve("f"));
        assertEquals("could not draw: not a number: 'half'", o.skipped().get("claim4_spurious_helps"));
        assertEquals(java.util.List.of("reliance_vs_eps"), java.util.List.copyOf(o.drawn().keySet()));
    }

    @Test
    void theConvergenceLineHasTheTablesSlopeThroughTheMeanOfTheLogPoints() {
        // y = 2 x^(-1/2) exactly: the least-squares line of log y on log x is that power law itself
        double[][] xy = {{100, 400, 1600}, {0.2, 0.1, 0.05}};
        for (double x : new double[] {100, 1000, 1600}) {
            assertEquals(2 / Math.sqrt(x), ConvergenceFigure.fittedLine(xy, -0.5, x), 1e-12);
        }
    }

    @Test
    void redrawingFromTheSameTablesGivesTheSameBytes() {
        ResultsFolder a = SyntheticResults.write(tmp.resolve("a"));
        ResultsFolder b = ResultsFolder.read(tmp.resolve("a"));
        for (FigureSpec s : FigureRegistry.standard().specs()) {
            assertArrayEquals(FigureWriter.png(s.draw(a)), FigureWriter.png(s.draw(b)), s.id());
        }
    }
}
