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
import tradeoffs.io.tables.InvarianceTable;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * {@code tradeoffs classification invariance}: sensitivity-robustness vs invariance error on the toy
 * of docs/math.md §10.5 (classes in {@code tradeoffs.theory.classification}).
 */
@Command(name = "invariance", sortOptions = false, resourceBundle = "tradeoffs.cli.help.classification-invariance")
public final class ClassificationInvarianceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mu-s", paramLabel = "MU")
    double muS = 1.0;

    @Option(names = "--sigma-s", paramLabel = "SIGMA")
    double sigmaS = 1.0;

    @Option(names = "--mu-r", paramLabel = "MU")
    double muR = 2.0;

    @Option(names = "--sigma-r", paramLabel = "SIGMA")
    double sigmaR = 0.5;

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class)
    Grid eps = Grid.parse("eps", "0:1.5:0.25");

    @Option(names = "--mix", paramLabel = "GRID", converter = GridConverter.class)
    Grid mix = Grid.parse("mix", "0,0.5,1");

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        Manifest manifest = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        InvarianceTable.write(new InvarianceToy(muS, sigmaS, muR, sigmaR), eps, mix, sink, manifest);
        return 0;
    }
}
