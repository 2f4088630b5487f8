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
@Command(
        name = "theory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Closed-form adversarial training of linear regression on Gaussian data",
            "(docs/math.md sections 2-5): weights, spurious reliance, standard, adversarial and",
            "shifted-domain risk over a grid of eps. All quantities are [derived] for this",
            "project (see docs/theory.md)."
        },
        footer = {
            "",
            "Examples:",
            "  tradeoffs theory --eps 0:1:0.05 --norm l1,l2,linf --eta-test 0",
            "  tradeoffs theory --sigma-spurious 2 --norm linf --eps 0.1,0.5 \\",
            "      --format json --out linf.json",
            "",
            "CSV columns: norm, eps, w_core, w_spurious, spurious_reliance,",
            "  standard_risk, adversarial_risk, [shifted_risk], risk_with_spurious,",
            "  risk_core_only, spurious_benefit, kkt_residual, suboptimality_bound,",
            "  then the model parameters. w_core and w_spurious are the weights with",
            "  one feature each, else the blocks' l2 norms."
        })
public final class TheoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    NormsOption norms = new NormsOption();

    @Option(
            names = "--eps",
            paramLabel = "GRID",
            converter = GridConverter.Streamed.class,
            description = "attack radius eps >= 0 of the lp ball around x, in the units of the features x: one value, "
                    + "a fraction such as 1/4, a comma list or start:stop:step (default: ${DEFAULT-VALUE})")
    Grid eps = Grid.parse("eps", "0:1:0.05");

    @Option(
            names = "--eta-test",
            paramLabel = "ETA",
            description = "spurious correlation eta' of a shifted test domain, in (-1, 1)")
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
