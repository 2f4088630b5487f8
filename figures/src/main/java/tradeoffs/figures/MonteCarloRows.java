package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.List;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Every Monte Carlo row of a folder that carries a z-score against theory: the main grid
 * ({@code sim_agreement.csv}) and the core-only runs ({@code sim_core_only.csv}), reduced to the
 * columns the agreement summaries need, with the table each row came from. The core-only runs'
 * spurious quantities are left out: without a spurious feature they are 0 by construction.
 */
public final class MonteCarloRows {
    /** The table a row came from. */
    public static final String SOURCE = "source";
    static final List<String> COLUMNS = List.of(SOURCE, NORM, QUANTITY, THEORY, MEAN, Z);

    private MonteCarloRows() {
    }

    /** The rows with z-scores; empty (no rows) when the folder has no Monte Carlo table. */
    public static ResultTable withZ(ResultsFolder folder) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        for (String name : List.of(SIM_AGREEMENT, SIM_CORE_ONLY)) {
            folder.table(name).filter(t -> t.columns().containsAll(COLUMNS.subList(1, COLUMNS.size()))).ifPresent(t -> {
                for (int i = 0; i < t.size(); i++) {
                    String q = t.get(i, QUANTITY);
                    if (name.equals(SIM_CORE_ONLY) && (q.equals(RELIANCE) || q.equals(W_SPURIOUS))) {
                        continue; // no spurious feature: 0 by construction, nothing to compare
                    }
                    b.row(name, t.get(i, NORM), t.get(i, QUANTITY), t.get(i, THEORY), t.get(i, MEAN), t.get(i, Z));
                }
            });
        }
        return b.build();
    }
}
