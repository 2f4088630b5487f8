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
import tradeoffs.cli.option.OutputFolder;
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
@Command(name = "reproduce", resourceBundle = "tradeoffs.cli.help.reproduce")
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "quick|full")
    String profile = "quick";

    @Mixin
    OutputFolder output = new OutputFolder();

    @Option(names = "--seed", paramLabel = "N")
    long seed = 1L;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Option(names = "--stages", split = ",", paramLabel = "NAME")
    List<String> stages;

    @Override
    public Integer call() throws Exception {
        Path out = output.dir();
        Manifest m = CommandManifest.of(spec);
        Profile p = Profile.parse(profile);
        int nThreads = threads.threads();
        List<ReproduceStage> run = Stages.named(stages);
        FolderLock lock = output.lock(spec);
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
