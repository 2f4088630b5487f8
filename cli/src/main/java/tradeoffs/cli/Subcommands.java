package tradeoffs.cli;

import java.util.ArrayList;
import java.util.List;

/** The subcommands of {@code tradeoffs}; each is a picocli command class in this package. */
final class Subcommands {
    private Subcommands() {
    }

    // While the modules are being built in parallel, a subcommand class that is not there yet is
    // skipped; the integrator replaces this with direct references once all have landed.
    private static final String[] NAMES = {
        "tradeoffs.cli.TheoryCommand",
        "tradeoffs.cli.SimulateCommand",
        "tradeoffs.cli.SweepCommand",
        "tradeoffs.cli.FiguresCommand",
        "tradeoffs.cli.ReproduceCommand",
        "tradeoffs.cli.DeepCommand",
        "tradeoffs.cli.ClassificationCommand",
    };

    static List<Object> all() {
        List<Object> subs = new ArrayList<>();
        for (String name : NAMES) {
            try {
                subs.add(Class.forName(name).getDeclaredConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                // not built yet
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + name, e);
            }
        }
        return subs;
    }
}
