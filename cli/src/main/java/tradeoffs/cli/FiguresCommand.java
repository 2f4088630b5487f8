package tradeoffs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.OutputFolder;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultsFolder;
import tradeoffs.reproduce.ReproduceRun;
import tradeoffs.reproduce.stage.Stages;

/**
 * {@code tradeoffs figures --in DIR --out DIR}: draws every figure the result tables in DIR
 * support (PNG and SVG), and says which it skipped and why. With {@code --report} it also writes
 * report.md and report.html next to the tables, exactly as {@code reproduce} does.
 */
@Command(
        name = "figures",
        mixinStandardHelpOptions = true,
        description = "Draw every figure the result tables in a folder support (PNG and SVG).",
        footer = {
            "",
            "Example:",
            "  tradeoffs figures --in results --out results/figures",
            "  tradeoffs figures --in results --report   # also rewrite report.md, report.html"
        })
public final class FiguresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "results folder with CSV tables")
    Path in;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the figures (default: DIR/figures)")
    Path out;

    @Option(names = "--report", description = "also write report.md and report.html into the --in folder")
    boolean report;

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        if (!Files.isDirectory(in)) {
            throw new IllegalArgumentException("--in must be an existing folder (got " + in + ")");
        }
        if (report
                && out != null
                && !out.toAbsolutePath()
                        .normalize()
                        .equals(in.resolve("figures").toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--out cannot be combined with --report (the report's figures go to "
                    + in.resolve("figures") + ")");
        }
        ResultsFolder folder = ResultsFolder.read(in);
        if (folder.names().isEmpty()) {
            throw new IllegalArgumentException("--in must hold result tables (*.csv); none in " + in);
        }
        // --report writes into --in (report.md, report.html, figures/); otherwise only the figures folder is written
        FolderLock lock = report
                ? OutputFolder.lock(spec, "in", in)
                : OutputFolder.lock(spec, "out", out == null ? in.resolve("figures") : out);
        try (lock) {
            return draw(folder, manifest);
        }
    }

    private int draw(ResultsFolder folder, Manifest manifest) {
        PrintWriter w = spec.commandLine().getOut();
        folder.notes().forEach(spec.commandLine().getErr()::println);
        FigureRegistry.Outcome o;
        if (report) {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("command", "tradeoffs figures --in " + in + " --report");
            info.put("version", Manifest.version());
            o = ReproduceRun.drawAndReport(in, info, Stages.contributors(), manifest)
                    .figures();
        } else {
            o = ReproduceRun.drawFigures(
                    ReproduceRun.withDerivedTables(folder, Stages.contributors()),
                    out == null ? in.resolve("figures") : out,
                    manifest);
        }
        Path dir = out == null ? in.resolve("figures") : out;
        w.println("drew " + o.drawn().size() + " figure(s) into " + dir
                + (o.drawn().isEmpty() ? "" : ": " + String.join(", ", o.drawn().keySet())));
        o.skipped().forEach((id, why) -> w.println("skipped " + id + ": " + why));
        if (report) {
            w.println("wrote " + in.resolve("report.md") + " and " + in.resolve("report.html"));
        }
        w.flush();
        return 0;
    }
}
