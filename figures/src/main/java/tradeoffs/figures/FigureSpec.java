package tradeoffs.figures;

import java.util.List;
import java.util.Optional;
import tradeoffs.io.ResultsFolder;

/**
 * One kind of figure: the tables (and columns) it needs and how it draws them. Implementations
 * only read tables; they never recompute the science. Add one to the list of
 * {@link FigureRegistry#standard} to have {@code tradeoffs figures} and {@code reproduce} draw it.
 */
public interface FigureSpec {
    /** File name stem, e.g. {@code reliance_vs_eps}. */
    String id();

    /** One sentence: what the figure shows and how to read it. */
    String caption();

    /** The tables this figure reads, each with the columns it needs. */
    List<TableNeed> needs();

    /** Draws the figure from the folder; called only when {@link #unsupported} is empty. */
    Figure draw(ResultsFolder folder);

    /** Why this folder cannot feed the figure, or empty if it can. */
    default Optional<String> unsupported(ResultsFolder folder) {
        for (TableNeed need : needs()) {
            Optional<String> m = folder.missing(need.table(), need.columns());
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** A table and the columns a figure reads from it. */
    record TableNeed(String table, List<String> columns) {
        public TableNeed {
            columns = List.copyOf(columns);
        }
    }
}
