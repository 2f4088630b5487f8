package tradeoffs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ThreadsOption;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Manifest;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceRun;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.reproduce.stage.Stages;

/**
 * {@code tradeoffs reproduce}: the main job. Runs every stage (theory, simulation, and the deep
 * part when it is installed), writes the result tables, draws the figures into {@code OUT/figures}
 * and writes {@code report.md} and a self-contained {@code report.html} with a verdict per claim
 * and level, plus {@code manifest.json}.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description =
                "Reproduce the claims of docs/math.md §12.1 and the classification claims of §12.6: theory, simulation and deep validation, figures, report.",
        footer = {
            "",
            "Examples:",
            "  tradeoffs reproduce --out results           # quick profile, every stage",
            "  tradeoffs reproduce --profile full --out results-full --seed 7",
            "  tradeoffs reproduce --out results --stages theory,simulation",
            "",
            "Writes the tables (CSV), figures/ (PNG, SVG), report.md, report.html and manifest.json."
        })
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "quick|full", description = "run size (default: ${DEFAULT-VALUE})")
    String profile = "quick";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "results folder (created if missing)")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "seed of every random stream (default: ${DEFAULT-VALUE})")
    long seed = 1L;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Option(
            names = "--stages",
            split = ",",
            paramLabel = "NAME",
            description =
                    "stages to run, comma-separated (default: all: theory, simulation, classification, bridge, deep)")
    List<String> stages;

    @Override
    public Integer call() throws Exception {
        Manifest m = CommandManifest.of(spec);
        Profile p = Profile.parse(profile);
        int nThreads = threads.threads();
        List<ReproduceStage> run = Stages.named(stages);
        FolderLock lock = FolderLock.output("out", out, spec.commandLine().getErr());
        try (lock) {
            Files.createDirectories(out);
            ReproduceContext ctx = new ReproduceContext(p, out, seed, nThreads, m, System.err, progress.output(spec));
            PrintWriter w = spec.commandLine().getOut();
            w.print(ReproduceRun.run(ctx, run, Stages.all()).console(out));
            w.flush();
            return 0;
        }
    }
}
