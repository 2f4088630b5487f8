package tradeoffs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.ProgressOption;
import tradeoffs.cli.option.ThreadsOption;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.sweep.PointRunners;
import tradeoffs.sweep.Shard;
import tradeoffs.sweep.Sweep;
import tradeoffs.sweep.SweepConfig;
import tradeoffs.sweep.kind.SweepKinds;

/**
 * {@code tradeoffs sweep}: runs a grid from a JSON or YAML config into a results folder
 * (docs/sweep.md); {@code sweep merge} joins shard folders.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = {SweepMergeCommand.class},
        description = {
            "Run a grid of theory / simulate / deep points from a JSON or YAML config",
            "(docs/sweep.md). One result file per finished point (atomic), so a rerun",
            "skips what is done and a killed run leaves no broken rows. --shard I/N runs",
            "one deterministic slice (cluster job arrays); 'sweep merge' joins the shard",
            "folders into tables identical to an unsharded run."
        },
        footer = {
            "",
            "Examples:",
            "  tradeoffs sweep --config grid.yaml --out results/ --threads 2",
            "  tradeoffs sweep --config grid.yaml --out results/shard-0 --shard 0/3",
            "  tradeoffs sweep merge --out results/ results/shard-*",
            "",
            "Config (YAML):",
            "  seed: 7",
            "  kinds: [theory, simulate]",
            "  norms: [l1, l2, linf]",
            "  eps: \"0:1:0.25\"",
            "  eta_test: -0.5",
            "  model: {sigma_core: 1, sigma_spurious: [0.5, 2], eta: 0.5, noise: 0.5}",
            "  simulate: {n: [1000, 10000], n_test: 10000, reps: 50}",
            "  # a list in a kind section (simulate: n, n_test, reps; deep: any knob,",
            "  # e.g. deep: {rho: [0.5, 0.9]}) is a grid axis of that kind's points"
        })
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the sweep config (.json, .yaml or .yml)")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "results folder (created; reruns skip finished points)")
    Path out;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "run only shard I of N (0 <= I < N): points with index mod N = I")
    String shard;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() {
        if (config == null) {
            throw new IllegalArgumentException("--config is required (or use 'tradeoffs sweep merge')");
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        Manifest m = CommandManifest.of(spec);
        Shard s = shard == null ? Shard.ALL : Shard.parse(shard);
        PointRunners runners = SweepKinds.all();
        SweepConfig cfg = SweepConfig.read(config, runners.asMap());
        Progress.Output shown = progress.output(spec);
        long t0 = System.nanoTime();
        int nThreads = threads.threads();
        Sweep.Summary summary = Sweep.run(cfg, runners, out, nThreads, s, shown.lines(), shown.listener("points"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary.record(m.parameter("config", config.toString())
                .parameter("shard", s.toString())
                .parameter("threads", nThreads)
                .seed(cfg.seed())
                .timing("run_seconds", seconds));
        if (cfg.kinds().contains("deep")) {
            DeepRuntime.record(m);
        }
        m.writeTo(out);
        return 0;
    }
}
