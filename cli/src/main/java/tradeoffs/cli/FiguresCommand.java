package tradeoffs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.figures.FigureRegistry;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultsFolder;
import tradeoffs.reproduce.Redraw;
import tradeoffs.reproduce.stage.Stages;

/**
 * {@code tradeoffs figures --in DIR --out DIR}: draws every figure the result tables in DIR
 * support (PNG and SVG), and says which it skipped and why. With {@code --report} it also writes
 * report.md and report.html next to the tables, exactly as {@code reproduce} does.
 */
@Command(name = "figures", resourceBundle = "tradeoffs.cli.help.figures")
public final class FiguresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR")
    Path in;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Option(names = "--report")
    boolean report;

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        ResultsFolder folder = Redraw.read(in, out, report);
        FolderLock lock = Redraw.lock(in, out, report, spec.commandLine().getErr());
        try (lock) {
            folder.notes().forEach(spec.commandLine().getErr()::println);
            FigureRegistry.Outcome o = Redraw.draw(
                    folder, Stages.contributors(), out, report, manifest, "tradeoffs figures --in " + in + " --report");
            PrintWriter w = spec.commandLine().getOut();
            Redraw.summary(o, in, out, report).forEach(w::println);
            w.flush();
        }
        return 0;
    }
}
