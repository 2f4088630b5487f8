package tradeoffs.cli.classification;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.TableOutput;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.io.tables.MultiPerturbationTable;

/**
 * {@code tradeoffs classification multi-perturbation}: the ℓ∞-vs-ℓ1 tradeoff table of docs/math.md §10.2
 * (classes in {@code tradeoffs.theory.classification}).
 */
@Command(
        name = "multi-perturbation",
        sortOptions = false,
        resourceBundle = "tradeoffs.cli.help.classification-multi-perturbation")
public final class ClassificationMultiPerturbationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--p0", paramLabel = "GRID", converter = GridConverter.class)
    Grid p0 = Grid.parse("p0", "0.95");

    @Option(names = "--dim", paramLabel = "GRID", converter = GridConverter.class)
    Grid dim = Grid.parse("dim", "100");

    @Option(names = "--alpha", paramLabel = "GRID", converter = GridConverter.class)
    Grid alpha = Grid.parse("alpha", "2");

    @Option(names = "--eps-linf", paramLabel = "GRID", converter = GridConverter.class)
    Grid epsLinf;

    @Option(names = "--eps-l1", paramLabel = "GRID", converter = GridConverter.class)
    Grid epsL1 = Grid.parse("eps_l1", "2");

    @Option(names = "--points", paramLabel = "N")
    int points = 11;

    @Option(names = "--no-optimal")
    boolean noOptimal;

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        MultiPerturbationTable.write(p0, dim, alpha, epsLinf, epsL1, points, !noOptimal, sink, manifest);
        return 0;
    }
}
