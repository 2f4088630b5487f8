package tradeoffs.io.tables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import tradeoffs.io.CsvWriter;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The streamed rows of the {@code theory} table: one {@link TradeoffPoint} at a time onto a
 * {@link CsvWriter}, with the cells of {@link TradeoffTable#table} (the norm, then each quantity
 * column as a number from {@link TradeoffCells}, then the parameters, rendered once).
 */
public final class TradeoffRows {
    private final List<String> header;
    private final List<ToDoubleFunction<TradeoffPoint>> numbers = new ArrayList<>();
    private final String parameters;

    /** Rows with the columns of {@link TradeoffTable#columns}{@code (shifted, claim4)} then {@code parameters}. */
    public TradeoffRows(boolean shifted, boolean claim4, Map<String, Object> parameters) {
        List<String> quantities = TradeoffTable.columns(shifted, claim4);
        for (String c : quantities.subList(1, quantities.size())) { // every column after norm is a number
            numbers.add(TradeoffCells.number(c));
        }
        header = new ArrayList<>(quantities);
        header.addAll(parameters.keySet());
        this.parameters = parameters.isEmpty() ? null : CsvWriter.render(new ArrayList<>(parameters.values()));
    }

    /** The header row's cells. */
    public List<String> header() {
        return List.copyOf(header);
    }

    /** Writes {@code p}'s row. */
    public void write(CsvWriter w, TradeoffPoint p) throws IOException {
        w.text(p.attack().name());
        for (ToDoubleFunction<TradeoffPoint> f : numbers) {
            w.number(f.applyAsDouble(p));
        }
        if (parameters != null) {
            w.rendered(parameters);
        }
        w.endRow();
    }
}
