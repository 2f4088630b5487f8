package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Report;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;
import tradeoffs.report.render.ReportRenderer;

class ReportRendererTest {
    @TempDir
    Path tmp;

    private Report report(ResultsFolder folder, List<ReportContributor> extra) {
        FigureRegistry.Outcome figs = FigureRegistry.standard().drawAll(folder, tmp.resolve("figures"));
        List<ReportContributor> cs = new java.util.ArrayList<>(List.of(new TheoryEvidence(), new SimulationEvidence()));
        cs.addAll(extra);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("profile", "quick");
        return Report.build("tradeoffs <report>", info, folder, cs, figs);
    }

    @Test
    void markdownHasTheLedgerWithComputedVerdictsAndLinksTheFigures() {
        ResultsFolder folder = TheoryEvidenceTest.folder(
                TheoryEvidenceTest.eps(false),
                TheoryEvidenceTest.phase(0),
                TheoryEvidenceTest.frontier(1),
                TheoryEvidenceTest.claim4(0));
        // one report (its figures drawn once) rendered as Markdown and for the console
        Report r = report(folder, List.of());
        String md = ReportRenderer.markdown(r);
        assertTrue(
                md.contains("| Claim 1: Adversarial training with ℓ1 and ℓ2 perturbations increases the model's "
                        + "reliance on spurious features. | holds | not tested | not tested |"),
                md);
        assertTrue(md.contains("![reliance_vs_eps](figures/reliance_vs_eps.png)"));
        assertTrue(md.contains("**4 hold, 0 fail, 32 not tested.**"), md);
        // the deep level has two ledger columns: linear models (DJL) and CNNs
        assertTrue(
                md.contains("| claim | theory | simulation | deep: linear (DJL) | deep: CNN |\n|---|---|---|---|---|"),
                md);
        assertTrue(ReportRenderer.console(r)
                .startsWith("claim        theory       simulation   deep: linear (DJL)   deep: CNN\n"
                        + "Claim 1      holds        not tested   not tested           not tested\n"));
        assertTrue(md.contains("[paper] Moayeri, Banihashem, Feizi 2022"));
        assertTrue(md.contains("Provenance: [derived] docs/math.md §4.2 and §4.6"), md);
        // the figures this folder cannot feed are listed with the reason
        assertTrue(md.contains("- convergence: no sim_convergence.csv"), md);

        ResultsFolder flipped = TheoryEvidenceTest.folder(
                TheoryEvidenceTest.eps(true),
                TheoryEvidenceTest.phase(0),
                TheoryEvidenceTest.frontier(1),
                TheoryEvidenceTest.claim4(0));
        String flippedMd = ReportRenderer.markdown(report(flipped, List.of()));
        assertTrue(flippedMd.contains(
                "increases the model's reliance on spurious features. | fails | not tested | not tested |"));
        assertTrue(flippedMd.contains("**3 hold, 1 fails (Claim 1 / theory), 32 not tested.**"), flippedMd);
    }

    @Test
    void htmlIsSelfContainedAndEscaped() throws Exception {
        ResultsFolder folder = TheoryEvidenceTest.folder(
                TheoryEvidenceTest.eps(false),
                TheoryEvidenceTest.phase(0),
                TheoryEvidenceTest.frontier(1),
                TheoryEvidenceTest.claim4(0));
        String html = ReportRenderer.html(report(folder, List.of()), tmp.resolve("figures"));
        assertTrue(html.contains("<title>tradeoffs &lt;report&gt;</title>"));
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"), "PNG inlined");
        assertFalse(html.contains("src=\"figures/"), "no external image");
        assertFalse(html.contains("<script"));
        byte[] png = Files.readAllBytes(tmp.resolve("figures/reliance_vs_eps.png"));
        String b64 = java.util.Base64.getEncoder().encodeToString(png);
        // inlined once (under claim 1), linked from claim 2 which cites the same figure
        assertEquals(html.indexOf(b64), html.lastIndexOf(b64));
        assertTrue(html.contains(
                "Figure <a href=\"#fig-reliance_vs_eps\"><code>reliance_vs_eps</code></a>: shown above."));
    }

    @Test
    void aPluggedInContributorAddsItsRowsAndSection() {
        ReportContributor deep = new ReportContributor() {
            @Override
            public Level level() {
                return Level.DEEP_CNN;
            }

            @Override
            public List<ClaimEvidence> evidence(ResultsFolder folder) {
                double gap = folder.require("deep_bg").getDouble(0, "bg_gap");
                return List.of(new ClaimEvidence(
                        Claim.DEEP_BACKGROUNDS,
                        Level.DEEP_CNN,
                        Verdict.of(gap > 0),
                        "BG-gap difference " + gap,
                        "ρ=0.9",
                        "[paper]",
                        List.of()));
            }

            @Override
            public List<ReportSection> sections(ResultsFolder folder) {
                return List.of(new ReportSection(
                        "Deep models",
                        List.of(
                                new ReportBlock.Paragraph("CNNs, *small*."),
                                new ReportBlock.Table("per model", folder.require("deep_bg"), 10))));
            }
        };
        ResultTable bg =
                ResultTable.builder("model", "bg_gap").row("linf", 0.12).build();
        Report r = report(ResultsFolder.of(tmp, Map.of("deep_bg", bg)), List.of(deep));
        assertEquals(Verdict.HOLDS, r.verdict(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
        String md = ReportRenderer.markdown(r);
        assertTrue(md.contains("## Deep models"));
        assertTrue(md.contains("| model | bg_gap |\n|---|---|\n| linf | 0.12 |"), md);
        String html = ReportRenderer.html(r, tmp.resolve("figures"));
        assertTrue(html.contains("<p>CNNs, <i>small</i>.</p>"), html);

        ResultTable neg =
                ResultTable.builder("model", "bg_gap").row("linf", -0.05).build();
        assertEquals(
                Verdict.FAILS,
                report(ResultsFolder.of(tmp, Map.of("deep_bg", neg)), List.of(deep))
                        .verdict(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
    }

    @Test
    void aLevelWithDisagreeingRowsShowsHowManyHold() {
        ReportContributor two = new ReportContributor() {
            @Override
            public Level level() {
                return Level.DEEP_CNN;
            }

            @Override
            public List<ClaimEvidence> evidence(ResultsFolder folder) {
                return List.of(
                        new ClaimEvidence(
                                Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, Verdict.HOLDS, "bg<fg", "", "", List.of()),
                        new ClaimEvidence(
                                Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, Verdict.FAILS, "bg>fg", "", "", List.of()));
            }
        };
        Report r = report(ResultsFolder.of(tmp, Map.of()), List.of(two));
        assertEquals(Verdict.FAILS, r.verdict(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
        assertEquals("fails (1 of 2 hold)", r.cell(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
        assertEquals("not tested", r.cell(Claim.LINF_SCALE_CONDITION, Level.DEEP_CNN));
        assertTrue(ReportRenderer.markdown(r).contains("| fails (1 of 2 hold) |"));
        assertTrue(ReportRenderer.html(r, tmp.resolve("figures")).contains(">fails (1 of 2 hold)</td>"));
    }
}
