package tradeoffs.cli.deep;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.OutputFolder;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Preview;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Manifest;

/** {@code tradeoffs deep preview}: PNG grids of every variant of the shifted-backgrounds benchmark. */
@Command(name = "preview", resourceBundle = "tradeoffs.cli.help.deep-preview")
public final class DeepPreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BenchmarkOptions benchmark = new BenchmarkOptions();

    @Mixin
    OutputFolder output = new OutputFolder();

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "4")
    int perClass;

    @Option(names = "--zoom", paramLabel = "F", defaultValue = "4")
    int zoom;

    @Override
    public Integer call() {
        Path out = output.dir();
        Manifest manifest = CommandManifest.of(spec);
        BenchmarkParams params = benchmark.toParams();
        Preview.requireSize(params, perClass, zoom);
        FolderLock lock = output.lock(spec);
        try (lock) {
            for (Path f : Preview.writeInto(params, seed, out, perClass, zoom, manifest)) {
                spec.commandLine().getOut().println(f);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
