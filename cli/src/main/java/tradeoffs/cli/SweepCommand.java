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
import tradeoffs.io.Manifest;
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
        sortOptions = false,
        subcommands = {SweepMergeCommand.class},
        resourceBundle = "tradeoffs.cli.help.sweep")
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE")
    Path config;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--shard", paramLabel = "I/N")
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
        Sweep.run(cfg, config, runners, out, threads.threads(), s, progress.output(spec), m);
        return 0;
    }
}
