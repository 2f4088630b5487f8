package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Success rates of cross-entropy PGD and of BETA on linear multi-class models against the ℓ∞ radius, from
 * {@code class_beta} (docs/math.md §10.6): on the counterexample the closed forms as lines and the Monte
 * Carlo rates as markers; on random linear models the exact rate (from each draw's exact margins) and the
 * cross-entropy rate, both Monte Carlo.
 */
public final class BetaFigure implements FigureSpec {
    private static final double Z95 = 1.959963984540054;

    @Override
    public String id() {
        return "beta_vs_ce";
    }

    @Override
    public String caption() {
        return "Fraction of points an ℓ∞ attack misclassifies against its radius ε, on linear 10-class models. On the "
                + "counterexample BETA (blue circles) reaches the exact rate (blue line, closed form) while cross-entropy "
                + "PGD (orange squares; dashed line, closed form), pulled towards decoy classes it cannot reach, misses "
                + "most of the misclassifiable points. On random linear models (lines: Monte Carlo means) BETA again "
                + "equals the exact rate and cross-entropy PGD falls a little short. Markers are Monte Carlo rates with "
                + "95% intervals.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                CLASS_BETA,
                List.of(MODEL, EPS, EXACT_ERROR, BETA_SUCCESS, se(BETA_SUCCESS), CE_SUCCESS, se(CE_SUCCESS))));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(CLASS_BETA);
        XYChart chart = Charts.xy("ℓ∞ radius ε", "fraction misclassified");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // the curves fill the plot
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> legend = new ArrayList<>();
        // one legend entry for every marker, drawn first, under the first BETA marker
        double[][] first = Columns.sortedXY(t, EPS, BETA_SUCCESS);
        String mc = "Monte Carlo";
        XYSeries entry = Charts.points(chart, mc, new double[] {first[0][0]}, new double[] {first[1][0]}, null, 2, 0);
        entry.setMarkerColor(Palette.REFERENCE);
        legend.add(mc);
        ResultTable counter = t.where(MODEL, "counterexample");
        if (counter.size() > 0) {
            boolean closed = counter.hasColumn(theory(EXACT_ERROR)) && counter.hasColumn(theory(CE_SUCCESS));
            line(chart, legend, counter, closed ? theory(EXACT_ERROR) : EXACT_ERROR, "counterex.: exact = BETA", 0, 0);
            line(chart, legend, counter, closed ? theory(CE_SUCCESS) : CE_SUCCESS, "counterex.: cross-entropy", 1, 1);
            points(chart, counter, BETA_SUCCESS, 0, 0);
            points(chart, counter, CE_SUCCESS, 1, 1);
        }
        ResultTable random = t.where(MODEL, "random");
        if (random.size() > 0) {
            line(chart, legend, random, EXACT_ERROR, "random: exact = BETA", 2, 2);
            line(chart, legend, random, CE_SUCCESS, "random: cross-entropy", 3, 3);
            points(chart, random, BETA_SUCCESS, 2, 2);
            points(chart, random, CE_SUCCESS, 3, 3);
        }
        return new Figure(id(), chart, legend, caption());
    }

    private static void line(
            XYChart chart, List<String> legend, ResultTable rows, String col, String name, int color, int dash) {
        double[][] xy = Columns.sortedXY(rows, EPS, col);
        Charts.line(chart, name, xy[0], xy[1], color, dash);
        legend.add(name);
    }

    /** Monte Carlo rates with 95% intervals (±1.96 SE), not in the legend (one "Monte Carlo" entry stands for all). */
    private static void points(XYChart chart, ResultTable rows, String col, int color, int marker) {
        double[][] p = Columns.sortedXY(rows, EPS, col);
        double[] se = rows.doubles(se(col));
        double[] err = new double[p[0].length];
        for (int i = 0; i < err.length; i++) {
            err[i] = Z95 * se[(int) p[2][i]];
        }
        Charts.points(chart, rows.get(0, MODEL) + " " + col + " (Monte Carlo)", p[0], p[1], err, color, marker)
                .setShowInLegend(false);
    }
}
