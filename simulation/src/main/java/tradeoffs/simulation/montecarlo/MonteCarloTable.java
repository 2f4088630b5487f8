package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Monte Carlo results as a {@link ResultTable}, one row per (point, quantity). Columns: the
 * scenario's labels (e.g. model, sigma_core, sigma_spurious, eta, noise, dim_core, dim_spurious,
 * eta_test), then {@link #COLUMNS}: norm, eps, n, n_test, reps, quantity, theory, mean, se,
 * ci_low, ci_high, z, max_rel_gap, uncertified (fits left out of the mean), non_smooth (why the
 * population value sits at a non-smooth point, {@link NonSmooth}; empty when smooth).
 */
public final class MonteCarloTable {
    /** The columns after the scenario labels. */
    public static final List<String> COLUMNS = Stream.of(
                    List.of(
                            ColumnNames.NORM,
                            ColumnNames.EPS,
                            ColumnNames.N,
                            ColumnNames.N_TEST,
                            ColumnNames.REPS,
                            ColumnNames.QUANTITY),
                    ColumnNames.ESTIMATE,
                    List.of(ColumnNames.MAX_REL_GAP, ColumnNames.UNCERTIFIED, ColumnNames.NON_SMOOTH))
            .flatMap(List::stream)
            .toList();

    private MonteCarloTable() {}

    /** The table of {@code results}; every result's scenario must carry the same label columns. */
    public static ResultTable of(List<MonteCarloResult> results) {
        if (results.isEmpty()) {
            return ResultTable.builder(COLUMNS).build();
        }
        List<String> labels =
                new ArrayList<>(results.get(0).spec().scenario().labels().keySet());
        List<String> columns = new ArrayList<>(labels);
        columns.addAll(COLUMNS);
        ResultTable.Builder b = ResultTable.builder(columns);
        for (MonteCarloResult r : results) {
            if (!r.spec().scenario().labels().keySet().equals(new java.util.LinkedHashSet<>(labels))) {
                throw new ParameterException(
                        "results",
                        "must share one scenario's label columns " + labels,
                        r.spec().scenario().labels().keySet());
            }
            for (Estimate e : r.estimates()) {
                if (Double.isNaN(e.theory()) && e.count() == 0) {
                    continue;
                }
                List<Object> row = new ArrayList<>();
                for (String l : labels) {
                    row.add(r.spec().scenario().labels().get(l));
                }
                MonteCarloSpec s = r.spec();
                row.add(s.attack().name());
                row.add(s.eps());
                row.add(s.n());
                row.add(s.nTest());
                row.add(s.reps());
                row.add(e.quantity());
                row.add(e.theory());
                row.add(e.mean());
                row.add(e.se());
                row.add(e.ciLow());
                row.add(e.ciHigh());
                row.add(e.z());
                row.add(r.maxRelativeGap());
                row.add(r.uncertified());
                row.add(e.nonSmooth());
                b.row(row.toArray());
            }
        }
        return b.build();
    }
}
