package tradeoffs.cli;

import java.util.List;
import tradeoffs.cli.classification.ClassificationCommand;
import tradeoffs.cli.deep.DeepCommand;

/** The subcommands of {@code tradeoffs}, in the order {@code --help} lists them. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new TheoryCommand(),
                new SimulateCommand(),
                new SweepCommand(),
                new FiguresCommand(),
                new ReproduceCommand(),
                new DeepCommand(),
                new ClassificationCommand(),
                new CompletionCommand());
    }
}
