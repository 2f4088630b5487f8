package tradeoffs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.sweep.Sweep;
import tradeoffs.sweep.kind.SweepKinds;

/** {@code tradeoffs sweep merge}: joins shard folders of one sweep into complete tables. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Join the folders of a sharded sweep into one results folder.",
            "Checks that every shard ran the same config and that no point is missing,",
            "copies the point files and writes one table per kind, byte-identical to an",
            "unsharded run."
        },
        footer = {
            "",
            "Example:",
            "  tradeoffs sweep merge --out results/ results/shard-0 results/shard-1 \\",
            "      results/shard-2"
        })
public final class SweepMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the merged results folder")
    Path out;

    @Parameters(
            paramLabel = "SHARD_DIR",
            arity = "0..*",
            description = "shard folders (default: --out itself, when the shards shared it)")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        Manifest m = CommandManifest.of(spec);
        List<Path> in = inputs.isEmpty() ? List.of(out) : inputs;
        java.io.PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        Sweep.Summary summary = Sweep.merge(in, SweepKinds.all(), out, Progress.lines(err));
        summary.record(m.parameter("inputs", in.stream().map(Path::toString).toList())
                        .timing("merge_seconds", (System.nanoTime() - t0) / 1e9))
                .writeTo(out);
        err.flush();
        return 0;
    }
}
