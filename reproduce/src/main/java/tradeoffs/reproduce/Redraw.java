package tradeoffs.reproduce;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.ReportContributor;
import tradeoffs.theory.ParameterException;

/**
 * The figures, and when asked the report, of a results folder already written, from its tables
 * alone (what {@code tradeoffs figures} does): the tables the contributors derive are added in
 * memory, so folders of older versions draw too. Parameters: {@code in} (the folder),
 * {@code out} (where the figures go; {@code in/figures} by default, and always with the report).
 */
public final class Redraw {
    private Redraw() {}

    /**
     * The folder {@code in}, checked: an existing folder holding {@code *.csv} tables; with
     * {@code report}, {@code out} must be null or {@code in/figures} (the report's figures live
     * there). Problems are {@link ParameterException}s about {@code in} or {@code out}.
     */
    public static ResultsFolder read(Path in, Path out, boolean report) {
        if (!Files.isDirectory(in)) {
            throw new ParameterException("in", "must be an existing folder", in);
        }
        Path figures = in.resolve("figures");
        if (report && out != null && !same(out, figures)) {
            throw new ParameterException(
                    "out", "must be left out with the report (the report's figures go to " + figures + ")", out);
        }
        ResultsFolder folder = ResultsFolder.read(in);
        if (folder.names().isEmpty()) {
            throw new ParameterException("in", "must hold result tables (*.csv)", in + ", which holds none");
        }
        return folder;
    }

    /** Where the figures go: {@code out}, or {@code in/figures} when it is null. */
    public static Path figuresDir(Path in, Path out) {
        return out == null ? in.resolve("figures") : out;
    }

    /**
     * Locks the folder a redraw writes for this run ({@link FolderLock#output}): {@code in} with the
     * report (report.md, report.html and figures/ go there), else only the figures folder.
     */
    public static FolderLock lock(Path in, Path out, boolean report, PrintWriter err) {
        return report ? FolderLock.output("in", in, err) : FolderLock.output("out", figuresDir(in, out), err);
    }

    /** What a redraw prints: the figures drawn and where, each skipped figure with its reason, and the report's files. */
    public static List<String> summary(FigureRegistry.Outcome o, Path in, Path out, boolean report) {
        List<String> lines = new ArrayList<>();
        lines.add("drew " + o.drawn().size() + " figure(s) into " + figuresDir(in, out)
                + (o.drawn().isEmpty() ? "" : ": " + String.join(", ", o.drawn().keySet())));
        o.skipped().forEach((id, why) -> lines.add("skipped " + id + ": " + why));
        if (report) {
            lines.add("wrote " + in.resolve("report.md") + " and " + in.resolve("report.html"));
        }
        return lines;
    }

    /**
     * Draws the figures of {@code folder}, with the tables {@code contributors} derive, into
     * {@link #figuresDir} (with {@code manifest} written there); with {@code report} also writes
     * report.md and report.html into the folder, exactly as {@code reproduce} does, its run
     * information naming {@code command}.
     */
    public static FigureRegistry.Outcome draw(
            ResultsFolder folder,
            List<ReportContributor> contributors,
            Path out,
            boolean report,
            Manifest manifest,
            String command) {
        Path in = folder.dir();
        if (report) {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("command", command);
            info.put("version", Manifest.version());
            return ReproduceRun.drawAndReport(in, info, contributors, manifest).figures();
        }
        return ReproduceRun.drawFigures(
                ReproduceRun.withDerivedTables(folder, contributors), figuresDir(in, out), manifest);
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
