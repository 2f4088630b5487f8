package tradeoffs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.OutputFolder;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.sweep.Sweep;
import tradeoffs.sweep.kind.SweepKinds;

/** {@code tradeoffs sweep merge}: joins shard folders of one sweep into complete tables. */
@Command(name = "merge", sortOptions = false, resourceBundle = "tradeoffs.cli.help.sweep-merge")
public final class SweepMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputFolder output = new OutputFolder();

    @Parameters(
            paramLabel = "SHARD_DIR",
            arity = "0..*",
            description = "shard folders (default: --out itself, when the shards shared it)")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        Path out = output.dir();
        Manifest m = CommandManifest.of(spec);
        java.io.PrintWriter err = spec.commandLine().getErr();
        Sweep.merge(inputs, SweepKinds.all(), out, Progress.lines(err), m);
        err.flush();
        return 0;
    }
}
