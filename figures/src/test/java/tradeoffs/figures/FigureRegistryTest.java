package tradeoffs.figures;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.TableNames;

class FigureRegistryTest {
    @TempDir
    Path tmp;

    /** The synthetic tables, written once, and every figure drawn from them once (PNG, SVG, PDF). */
    @TempDir
    static Path shared;

    static ResultsFolder synthetic;
    static Path drawnDir;
    static FigureRegistry.Outcome drawn;

    @BeforeAll
    static void drawEveryFigureOnce() {
        synthetic = SyntheticResults.write(shared.resolve("in"));
        drawnDir = shared.resolve("fig");
        drawn = FigureRegistry.standard().drawAll(synthetic, drawnDir);
    }

    /**
     * Every figure as PNG, SVG and PDF, ready for print: the PNG read back is 2× the chart (1440×1080
     * for 720×540; before this it was 720×540) and not blank; the SVG parses, has the chart's size and
     * holds its axis titles and every legend entry as {@code <text>} elements (not glyph outlines); the
     * PDF opens with PDFBox, has one page of the chart's size, and its extracted text holds the axis
     * titles and legend entries (when the DejaVu Sans file is installed, as on this project's machines;
     * without it the PDF's text is outlines).
     */
    @Test
    void drawsEveryFigureAsPngSvgAndPdfWithTextAsText() throws Exception {
        Path out = drawnDir;
        FigureRegistry.Outcome o = drawn;
        assertEquals(Map.of(), o.skipped());
        assertEquals(FigureRegistry.standard().specs().size(), o.drawn().size());
        for (Map.Entry<String, Figure> e : o.drawn().entrySet()) {
            String id = e.getKey();
            org.knowm.xchart.XYChart chart = e.getValue().chart();
            BufferedImage img = ImageIO.read(out.resolve(id + ".png").toFile());
            assertEquals(2 * 720, img.getWidth(), id);
            assertEquals(2 * 540, img.getHeight(), id);
            assertTrue(PngInspection.nonWhiteFraction(img) > 0.02, id + " looks blank");
            // SVG: well-formed XML (no network: external DTD off), the chart's size, text as <text>
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            org.w3c.dom.Element root = f.newDocumentBuilder()
                    .parse(out.resolve(id + ".svg").toFile())
                    .getDocumentElement();
            assertEquals("svg", root.getTagName(), id);
            assertEquals("0 0 720 540", root.getAttribute("viewBox"), id);
            java.util.Set<String> texts = new java.util.HashSet<>();
            org.w3c.dom.NodeList nodes = root.getElementsByTagName("text");
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent());
            }
            java.util.List<String> wanted =
                    new java.util.ArrayList<>(e.getValue().legendSeries());
            wanted.add(chart.getXAxisTitle());
            wanted.add(chart.getYAxisTitle());
            assertTrue(texts.containsAll(wanted), id + ": <text> elements " + texts + " lack some of " + wanted);
            // PDF: a PDF file that opens, one page of the chart's size, text extractable (the stripper breaks
            // the turned y-axis title into pieces, so the comparison ignores white space)
            byte[] pdfBytes = Files.readAllBytes(out.resolve(id + ".pdf"));
            assertEquals("%PDF-", new String(pdfBytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1), id);
            try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(pdfBytes)) {
                assertEquals(1, pdf.getNumberOfPages(), id);
                assertEquals(720f, pdf.getPage(0).getMediaBox().getWidth(), 1e-3f, id);
                assertEquals(540f, pdf.getPage(0).getMediaBox().getHeight(), 1e-3f, id);
                String text = new org.apache.pdfbox.text.PDFTextStripper()
                        .getText(pdf)
                        .replaceAll("\\s", "");
                if (FigureFonts.trueTypeFile().isPresent()) {
                    Set<String> fonts = fontNames(pdf.getPage(0).getResources());
                    assertTrue(
                            fonts.stream().anyMatch(n -> n.endsWith("+DejaVuSans")),
                            id + ": the PDF does not embed a DejaVu Sans subset: " + fonts);
                    for (String w : wanted) {
                        assertTrue(
                                text.contains(w.replaceAll("\\s", "")), id + ": PDF text lacks '" + w + "': " + text);
                    }
                }
            }
        }
        String keep = System.getProperty("tradeoffs.keepFigures");
        if (keep != null) {
            for (String id : o.drawn().keySet()) {
                Files.createDirectories(Path.of(keep));
                for (String ext : FigureWriter.FORMATS) {
                    Files.copy(
                            out.resolve(id + "." + ext),
                            Path.of(keep, id + "." + ext),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The names of the fonts a page uses, in its resources and in those of the forms it draws. */
    private static Set<String> fontNames(org.apache.pdfbox.pdmodel.PDResources res) throws java.io.IOException {
        Set<String> names = new java.util.TreeSet<>();
        for (org.apache.pdfbox.cos.COSName n : res.getFontNames()) {
            names.add(res.getFont(n).getName());
        }
        for (org.apache.pdfbox.cos.COSName n : res.getXObjectNames()) {
            if (res.getXObject(n) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form
                    && form.getResources() != null) {
                names.addAll(fontNames(form.getResources()));
            }
        }
        return names;
    }

    @Test
    void seriesCountsFollowTheTables() throws Exception {
        ResultsFolder folder = SyntheticResults.write(tmp);
        FigureRegistry reg = FigureRegistry.standard();
        // 3 norms × 2 σ_s theory lines + the Monte Carlo key
        assertEquals(
                7,
                reg.spec("reliance_vs_eps")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        // 3 norms + the standard-model marker
        assertEquals(
                4,
                reg.spec("tradeoff_frontier")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        // 3 norms with x_s + one shared core-only line (the synthetic core-only risk is the same for every norm)
        // + the Monte Carlo key of the with-x_s markers (the synthetic folder has no core-only Monte Carlo)
        assertEquals(
                5,
                reg.spec("claim4_spurious_helps")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        // 4 ε + the training-η marker
        assertEquals(
                5,
                reg.spec("shifted_risk_l2")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        assertEquals(
                3,
                reg.spec("theory_vs_simulation")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        assertEquals(
                3,
                reg.spec("convergence")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        assertEquals(
                3,
                reg.spec("linf_phase_diagram")
                        .orElseThrow()
                        .draw(folder)
                        .legendSeries()
                        .size());
        // CNN phase diagram: ℓ2 "more" everywhere, ℓ∞ "more" and "not more", and the r = 1 line
        assertEquals(
                java.util.List.of("ℓ2-AT: more reliance", "ℓ∞-AT: more reliance", "ℓ∞-AT: not more", "r = 1"),
                reg.spec("deep_phase").orElseThrow().draw(folder).legendSeries());
        // accuracy under the shift: the two main benchmarks × (standard, ℓ2, ℓ∞); the scale-ratio benchmark is left out
        assertEquals(
                6,
                reg.spec("deep_shift").orElseThrow().draw(folder).legendSeries().size());

        // the PNG itself shows one palette colour per norm in the claim-4 figure (independent of the chart object)
        Figure c4 = reg.spec("claim4_spurious_helps").orElseThrow().draw(folder);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(c4)));
        assertEquals(
                Set.of(
                        Palette.color(Palette.normIndex("l1")),
                        Palette.color(Palette.normIndex("l2")),
                        Palette.color(Palette.normIndex("linf"))),
                PngInspection.paletteColours(img, 50));
    }

    /**
     * Every figure that draws Monte Carlo markers says so in its legend: either the markers are legend
     * entries named "… Monte Carlo …" (agreement, convergence, the MEP frontier's random classifiers) or
     * a "Monte Carlo" entry (the classification figures' own) or a grey key "Monte Carlo mean ± 95% CI"
     * stands for markers hidden from the legend (reliance, claim 4); the key is a legend entry only (its
     * point is NaN, the axis ranges are those without it), and without Monte Carlo tables there is none.
     */
    @Test
    void everyFigureWithMonteCarloMarkersHasAMonteCarloLegendEntry() throws Exception {
        ResultsFolder folder = SyntheticResults.write(tmp);
        FigureRegistry reg = FigureRegistry.standard();
        Set<String> withMarkers = new java.util.TreeSet<>();
        for (FigureSpec spec : reg.specs()) {
            if (spec.unsupported(folder).isPresent()) {
                continue;
            }
            Figure f = spec.draw(folder);
            java.util.Collection<org.knowm.xchart.XYSeries> series =
                    f.chart().getSeriesMap().values();
            boolean hiddenMc = series.stream()
                    .anyMatch(s -> !s.isShowInLegend() && s.getName().contains("Monte Carlo"));
            boolean shownMc = series.stream()
                    .anyMatch(s -> s.isShowInLegend() && s.getName().contains("Monte Carlo"));
            if (hiddenMc || shownMc) {
                withMarkers.add(f.id());
                assertTrue(shownMc, f.id() + " draws Monte Carlo markers without a legend entry");
                assertTrue(f.legendSeries().stream().anyMatch(n -> n.contains("Monte Carlo")), f.id());
            }
        }
        assertEquals(
                Set.of(
                        "reliance_vs_eps",
                        "claim4_spurious_helps",
                        "theory_vs_simulation",
                        "convergence",
                        "mep_frontier",
                        "invariance_vs_eps",
                        "beta_vs_ce"),
                withMarkers);

        // the key does not move the axes: the same chart without it has the same data ranges
        Figure rel = reg.spec("reliance_vs_eps").orElseThrow().draw(folder);
        org.knowm.xchart.XYSeries key = rel.chart().getSeriesMap().get(Charts.MONTE_CARLO);
        assertTrue(key.isShowInLegend());
        assertTrue(Double.isNaN(key.getXData()[0]) && Double.isNaN(key.getYData()[0]));
        BufferedImage withKey = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(rel)));
        key.setShowInLegend(false);
        BufferedImage withoutKey = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(rel)));
        // only the legend box differs: the plot area's bottom half (ticks, lines) is pixel for pixel the same
        int h = withKey.getHeight();
        for (int y = h / 2; y < h; y++) {
            for (int x = 0; x < withKey.getWidth(); x++) {
                assertEquals(withKey.getRGB(x, y), withoutKey.getRGB(x, y), "pixel " + x + "," + y);
            }
        }

        // theory tables only: no Monte Carlo markers, no key
        Map<String, ResultTable> theoryOnly = SyntheticResults.all();
        theoryOnly.keySet().removeIf(name -> name.startsWith("sim_"));
        ResultsFolder theory = ResultsFolder.of(tmp.resolve("theory"), theoryOnly);
        for (String id : List.of("reliance_vs_eps", "claim4_spurious_helps")) {
            Figure f = reg.spec(id).orElseThrow().draw(theory);
            assertFalse(
                    f.legendSeries().stream().anyMatch(n -> n.contains("Monte Carlo")), id + ": " + f.legendSeries());
        }
    }

    @Test
    void dropsANormAndTheFigureLosesItsColour() throws Exception {
        Map<String, ResultTable> tables = SyntheticResults.all();
        tables.put(
                TableNames.THEORY_CLAIM4, tables.get(TableNames.THEORY_CLAIM4).where("norm", n -> !n.equals("l1")));
        ResultsFolder folder = ResultsFolder.of(tmp, tables);
        Figure f = FigureRegistry.standard()
                .spec("claim4_spurious_helps")
                .orElseThrow()
                .draw(folder);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(FigureWriter.png(f)));
        assertEquals(
                Set.of(Palette.color(Palette.normIndex("l2")), Palette.color(Palette.normIndex("linf"))),
                PngInspection.paletteColours(img, 50));
        assertEquals(3 + 1, f.legendSeries().size()); // ℓ2, ℓ∞ and the shared core-only line + the Monte Carlo key
    }

    @Test
    void coreOnlyCurvesThatDifferGetOneLinePerNorm() {
        ResultTable.Builder b = ResultTable.builder(
                ColumnNames.NORM, ColumnNames.EPS, ColumnNames.RISK_WITH_SPURIOUS, ColumnNames.RISK_CORE_ONLY);
        for (String norm : new String[] {"l1", "l2"}) {
            for (int i = 0; i <= 4; i++) {
                double e = i * 0.25;
                b.row(norm, e, 0.25 + 0.8 * e, 0.25 + (norm.equals("l1") ? 1.0 : 0.9) * e);
            }
        }
        Figure f = new Claim4Figure().draw(ResultsFolder.of(tmp, Map.of(TableNames.THEORY_CLAIM4, b.build())));
        assertEquals(
                java.util.List.of("ℓ1, with x_s", "ℓ1, core only", "ℓ2, with x_s", "ℓ2, core only"), f.legendSeries());
    }

    @Test
    void skipsFiguresWhoseTablesAreMissingAndSaysWhy() {
        // a folder with only the shifted-risk table, and only its l2 rows: sim_convergence.csv (and
        // every other table) missing. Not the full set minus one: that drew every other figure a
        // second time, which drawsEveryFigureAsPngSvgAndPdfWithTextAsText already covers
        Map<String, ResultTable> tables = new java.util.TreeMap<>();
        tables.put(TableNames.THEORY_SHIFT, SyntheticResults.shift().where("norm", "l2"));
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
        assertTrue(
                f.legendSeries().contains("ℓ2 Monte Carlo (15)"),
                f.legendSeries().toString());
    }

    @Test
    void sweepOutputNamesAreAliases() {
        Map<String, ResultTable> tables =
                Map.of("theory", SyntheticResults.theoryEps(), "simulate", SyntheticResults.agreement());
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(ResultsFolder.of(tmp, tables), tmp.resolve("f"));
        assertEquals(
                java.util.List.of("reliance_vs_eps", "theory_vs_simulation"),
                java.util.List.copyOf(o.drawn().keySet()));
        assertEquals("no theory_linf_phase.csv", o.skipped().get("linf_phase_diagram"));
    }

    @Test
    void aFigureThatFailsOnItsTableIsSkippedWithTheReasonAndTheOthersAreDrawn() {
        // a non-numeric ε in the claim-4 table, beside a good table of another figure
        Map<String, ResultTable> tables = new java.util.HashMap<>();
        tables.put(TableNames.THEORY_EPS, SyntheticResults.theoryEps());
        tables.put(
                TableNames.THEORY_CLAIM4,
                ResultTable.builder(TableNames.THEORY_CLAIM4_COLUMNS)
                        .row("l2", "half", 0.3, 0.4)
                        .build());
        FigureRegistry.Outcome o = FigureRegistry.standard().drawAll(ResultsFolder.of(tmp, tables), tmp.resolve("f"));
        assertEquals("could not draw: not a number: 'half'", o.skipped().get("claim4_spurious_helps"));
        assertEquals(
                java.util.List.of("reliance_vs_eps"),
                java.util.List.copyOf(o.drawn().keySet()));
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
    void redrawingFromTheSameTablesGivesTheSameBytes() throws Exception {
        // the first drawing is the shared one (drawAll from the tables as written, into files); the
        // second draws from the same tables read back from the folder
        ResultsFolder b = ResultsFolder.read(shared.resolve("in"));
        for (FigureSpec s : FigureRegistry.standard().specs()) {
            assertArrayEquals(
                    Files.readAllBytes(drawnDir.resolve(s.id() + ".png")), FigureWriter.png(s.draw(b)), s.id());
        }
        // the vector files too (the PDF's document id is a hash of its content, not random), shown on one figure
        FigureSpec frontier =
                FigureRegistry.standard().spec("tradeoff_frontier").orElseThrow();
        assertArrayEquals(
                Files.readAllBytes(drawnDir.resolve("tradeoff_frontier.svg")), FigureWriter.svg(frontier.draw(b)));
        assertArrayEquals(
                Files.readAllBytes(drawnDir.resolve("tradeoff_frontier.pdf")), FigureWriter.pdf(frontier.draw(b)));
    }
}
