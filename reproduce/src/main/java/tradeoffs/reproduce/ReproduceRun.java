package tradeoffs.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Report;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.render.ReportRenderer;

/**
 * The {@code reproduce} pipeline: run the stages (each writes its tables), then draw every figure
 * the folder supports into {@code figures/} and write {@code report.md}, {@code report.html} and
 * {@code manifest.json}. The figures and the report read only the folder's tables, so
 * {@link #drawAndReport} gives the same output when called on the folder later.
 */
public final class ReproduceRun {
    private ReproduceRun() {}

    /** What a run produced. */
    public record Outcome(Report report, FigureRegistry.Outcome figures, Path reportMd, Path reportHtml) {
        /** What a run prints: the ledger ({@link ReportRenderer#console}), then where the figures and the report of {@code dir} are. */
        public String console(Path dir) {
            return ReportRenderer.console(report)
                    + String.format(
                            "figures: %d in %s%nreport:  %s (and report.md)%n",
                            figures.drawn().size(), dir.resolve("figures"), reportHtml);
        }
    }

    /**
     * Runs {@code stages} in order, then draws and reports with the contributors of {@code allStages};
     * the manifest gets the seed, the profile, the folder, the threads and the stages asked for first.
     */
    public static Outcome run(ReproduceContext ctx, List<ReproduceStage> stages, List<ReproduceStage> allStages)
            throws Exception {
        Manifest m = ctx.manifest();
        m.seed(ctx.seed())
                .parameter("profile", ctx.profile().label())
                .parameter("out", ctx.outDir().toString())
                .parameter("threads", ctx.threads())
                .parameter("stages", stages.stream().map(ReproduceStage::name).toList());
        List<String> ran = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (ReproduceStage s : stages) {
            ctx.progress().line("reproduce: " + s.name() + " (" + ctx.profile().label() + ")");
            long t0 = System.nanoTime();
            s.run(ctx);
            double sec = (System.nanoTime() - t0) / 1e9;
            m.timing(s.name() + "_seconds", sec);
            ctx.progress().line(String.format(java.util.Locale.ROOT, "reproduce: %s done in %.1f s", s.name(), sec));
            ran.add(s.name());
            times.add(String.format(java.util.Locale.ROOT, "%s %.1f s", s.name(), sec));
        }
        m.put("stages", ran);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("command", "tradeoffs reproduce --profile " + ctx.profile().label() + " --seed " + ctx.seed());
        info.put("stages run", String.join(", ", ran));
        info.put("seed", Long.toString(ctx.seed()));
        info.put("threads", Integer.toString(ctx.threads()));
        info.put("stage times", String.join(", ", times));
        info.put("version", Manifest.version());
        ctx.progress().line("reproduce: drawing the figures and writing the report");
        long t0 = System.nanoTime();
        List<ReportContributor> contributors =
                allStages.stream().map(ReproduceStage::contributor).toList();
        writeDerivedTables(ResultsFolder.read(ctx.outDir()), contributors);
        Outcome o = drawAndReport(
                ctx.outDir(), info, contributors, m.part("figures").put("made_by", "reproduce"));
        m.timing("figures_and_report_seconds", (System.nanoTime() - t0) / 1e9);
        DeepRuntime.record(m);
        m.put("figures", new ArrayList<>(o.figures().drawn().keySet()));
        m.put("figures_skipped", o.figures().skipped());
        m.put("verdicts", verdicts(o.report()));
        m.writeTo(ctx.outDir());
        return o;
    }

    /**
     * Draws every supported figure of {@code dir} into {@code dir/figures} (with its own
     * manifest) and writes the report; reads nothing but the folder's tables (and what the
     * contributors derive from them). Notes on reading the folder (old column names) go into the
     * report's run information.
     */
    public static Outcome drawAndReport(Path dir, Map<String, String> info, List<ReportContributor> contributors) {
        return drawAndReport(dir, info, contributors, new Manifest("figures"));
    }

    /** As {@link #drawAndReport(Path, Map, List)}, with {@code figuresManifest} for {@code figures/manifest.json}. */
    public static Outcome drawAndReport(
            Path dir, Map<String, String> info, List<ReportContributor> contributors, Manifest figuresManifest) {
        ResultsFolder folder = withDerivedTables(ResultsFolder.read(dir), contributors);
        Path figDir = dir.resolve("figures");
        FigureRegistry.Outcome figs = drawFigures(folder, figDir, figuresManifest);
        Map<String, String> runInfo = new LinkedHashMap<>(info);
        if (!folder.notes().isEmpty()) {
            runInfo.put("notes", String.join("; ", folder.notes()));
        }
        Report report = Report.build(
                "tradeoffs: reproduction of the claims of docs/math.md §12.1", runInfo, folder, contributors, figs);
        Path md = dir.resolve("report.md");
        Path html = dir.resolve("report.html");
        AtomicFiles.writeString(md, ReportRenderer.markdown(report));
        AtomicFiles.writeString(html, ReportRenderer.html(report, figDir));
        return new Outcome(report, figs, md, html);
    }

    /**
     * Draws every figure the folder supports ({@link FigureRegistry#standard}) into {@code figDir},
     * with a {@code manifest.json} there listing what was drawn and what was skipped and why.
     */
    public static FigureRegistry.Outcome drawFigures(ResultsFolder folder, Path figDir) {
        return drawFigures(folder, figDir, new Manifest("figures"));
    }

    /**
     * As {@link #drawFigures(ResultsFolder, Path)}, writing {@code manifest} (the command's, with its
     * command line and start) with the figures' entries and the drawing time added.
     */
    public static FigureRegistry.Outcome drawFigures(ResultsFolder folder, Path figDir, Manifest manifest) {
        long t0 = System.nanoTime();
        FigureRegistry.Outcome figs = FigureRegistry.standard().drawAll(folder, figDir);
        manifest.parameter("in", folder.dir().toString())
                .parameter("out", figDir.toString())
                .timing("figures_seconds", (System.nanoTime() - t0) / 1e9)
                .put("figures", new ArrayList<>(figs.drawn().keySet()))
                .put("figures_skipped", figs.skipped())
                .writeTo(figDir);
        return figs;
    }

    /**
     * The folder with the tables the contributors derive from it ({@link ReportContributor#derivedTables})
     * added in memory where the folder does not hold them yet (an older folder), so its figures can
     * be drawn.
     */
    public static ResultsFolder withDerivedTables(ResultsFolder folder, List<ReportContributor> contributors) {
        Map<String, ResultTable> extra = new LinkedHashMap<>();
        for (ReportContributor c : contributors) {
            c.derivedTables(folder).forEach((name, t) -> {
                if (folder.table(name).isEmpty()) {
                    extra.put(name, t);
                }
            });
        }
        return extra.isEmpty() ? folder : folder.with(extra);
    }

    /** Writes the tables the contributors derive from the folder beside the tables they come from. */
    static void writeDerivedTables(ResultsFolder folder, List<ReportContributor> contributors) {
        for (ReportContributor c : contributors) {
            c.derivedTables(folder).forEach((name, t) -> t.writeCsv(folder.dir().resolve(TableNames.file(name))));
        }
    }

    /** "Claim 1 / theory" → "holds", for the manifest. */
    static Map<String, String> verdicts(Report r) {
        Map<String, String> v = new LinkedHashMap<>();
        for (tradeoffs.report.Claim c : tradeoffs.report.Claim.values()) {
            for (tradeoffs.report.Level l : tradeoffs.report.Level.values()) {
                v.put(c.title() + " / " + l.label(), r.verdict(c, l).label());
            }
        }
        return v;
    }
}
