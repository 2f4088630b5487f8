package tradeoffs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.ModelOptions;
import tradeoffs.cli.option.NormsOption;
import tradeoffs.cli.option.TableOutput;
import tradeoffs.cli.option.ThreadsOption;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.io.tables.TradeoffTable;
import tradeoffs.theory.norm.LpNorm;

/**
 * {@code tradeoffs theory}: the population adversarially trained linear regressor of docs/math.md §2–§5
 * over a grid of ε, for each attack norm, as CSV or JSON (columns: docs/theory.md).
 */
@Command(name = "theory", sortOptions = false, resourceBundle = "tradeoffs.cli.help.theory")
public final class TheoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    NormsOption norms = new NormsOption();

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.Streamed.class)
    Grid eps = Grid.parse("eps", "0:1:0.05");

    @Option(names = "--eta-test", paramLabel = "ETA")
    Double etaTest;

    @Mixin
    TableOutput output = new TableOutput();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() {
        Manifest m = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        int nThreads = threads.threads();
        List<LpNorm> attacks = norms.norms();
        Grid grid = eps.atLeast("eps", 0);
        TradeoffTable.write(model.model().tradeoffs(attacks, grid, etaTest), sink, nThreads, m);
        return 0;
    }
}
