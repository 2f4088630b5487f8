package tradeoffs.deep.eval;

import java.util.List;
import java.util.Map;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.model.Classifier;

/**
 * One more measurement {@link DeepSweep} takes of every model it trains or reloads, after the
 * background-reliance and robust-accuracy tables: e.g. accuracy at shifted test correlations
 * ({@link CorrelationShift#evaluation}) or robust accuracy on another test split. Its rows go into
 * their own table, each row led by the sweep's {@link DeepSweep#LEADING} columns.
 */
public interface ModelEvaluation {
    /** The name of the table the rows go to (a {@code tradeoffs.io.schema.TableNames} constant). */
    String table();

    /** The columns of the rows, after the leading ones. */
    List<String> columns();

    /** The rows for one trained model (without the leading columns) on the sweep's benchmark. */
    List<Map<String, Object>> evaluate(Classifier model, ShiftedBackgrounds bench, DeepSweep.Spec spec);

    /** How an evaluation computes the rows of one model (see {@link #evaluate}). */
    @FunctionalInterface
    interface Rows {
        List<Map<String, Object>> of(Classifier model, ShiftedBackgrounds bench, DeepSweep.Spec spec);
    }

    /** The evaluation whose rows, with {@code columns}, go into {@code table}. */
    static ModelEvaluation of(String table, List<String> columns, Rows rows) {
        List<String> cols = List.copyOf(columns);
        return new ModelEvaluation() {
            @Override
            public String table() {
                return table;
            }

            @Override
            public List<String> columns() {
                return cols;
            }

            @Override
            public List<Map<String, Object>> evaluate(Classifier model, ShiftedBackgrounds bench, DeepSweep.Spec spec) {
                return rows.of(model, bench, spec);
            }
        };
    }
}
