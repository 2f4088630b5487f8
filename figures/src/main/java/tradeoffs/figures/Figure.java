package tradeoffs.figures;

import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * A drawn figure: its id (the file name stem), the chart, the names of the series shown in the
 * legend (what the table provided, so tests can compare with the table), and how to read it.
 */
public record Figure(String id, XYChart chart, List<String> legendSeries, String caption) {
    public Figure {
        legendSeries = List.copyOf(legendSeries);
    }
}
