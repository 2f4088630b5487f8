package tradeoffs.cli;

import java.util.ArrayList;
import java.util.List;

/** The subcommands of {@code tradeoffs}; each is a picocli command class in this package. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        List<Object> subs = new ArrayList<>();
        // Registered as they are built: theory, simulate, sweep, figures, reproduce, deep.
        return subs;
    }
}
