package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Sensitivity error (1 − robust accuracy) and invariance error against ε for the classifiers
 * sign(a·x_s + (1 − a)·x_r) of the invariance toy (docs/math.md §10.5), from {@code class_invariance}:
 * exact values as lines (solid: invariance, dashed: sensitivity), Monte Carlo means as markers with 95%
 * intervals. At most three classifiers are drawn: a = 0, 1 and the one nearest ½.
 */
public final class InvarianceFigure implements FigureSpec {
    private static final double Z95 = 1.959963984540054;

    @Override
    public String id() {
        return "invariance_vs_eps";
    }

    @Override
    public String caption() {
        return "Sensitivity error (dashed, 1 − robust accuracy) and invariance error (solid) against the ℓ∞ radius ε "
                + "for classifiers that weight the semantic feature by a: lines are exact, markers Monte Carlo with 95% "
                + "intervals (a = 0 and a = ½ have nearly the same invariance error here: their solid lines coincide). The classifiers that lean on the non-semantic feature keep their sensitivity error low "
                + "and become more and more invariant as ε grows; the semantic classifier (a = 1) has no invariance "
                + "error and pays in sensitivity instead.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                CLASS_INVARIANCE, List.of(MIX, EPS, theory(SENSITIVITY_ERROR), theory(INVARIANCE_ERROR))));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(CLASS_INVARIANCE);
        XYChart chart = Charts.xy("ℓ∞ radius ε", "error rate");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0); // the legend sits above the data
        List<String> legend = new ArrayList<>();
        boolean mc = t.columns()
                .containsAll(List.of(SENSITIVITY_ERROR, se(SENSITIVITY_ERROR), INVARIANCE_ERROR, se(INVARIANCE_ERROR)));
        double[] mixes = shown(Columns.distinctSorted(t, MIX));
        if (mc) {
            // one legend entry for every marker: drawn first, under the first marker; the markers take their
            // classifier's colour
            ResultTable first = Columns.whereNear(t, MIX, mixes[0]);
            double[][] p = Columns.sortedXY(first, EPS, INVARIANCE_ERROR);
            String name = "Monte Carlo (95% intervals)";
            Charts.points(chart, name, new double[] {p[0][0]}, new double[] {p[1][0]}, null, 2, 0)
                    .setMarkerColor(Palette.REFERENCE);
            legend.add(name);
        }
        for (int k = 0; k < mixes.length; k++) {
            ResultTable rows = Columns.whereNear(t, MIX, mixes[k]);
            String who = "a = " + Columns.num(mixes[k])
                    + (mixes[k] == 0.0 ? " (non-semantic)" : mixes[k] == 1.0 ? " (semantic)" : "");
            int color = k;
            String[][] quantities = {{INVARIANCE_ERROR, "invariance"}, {SENSITIVITY_ERROR, "sensitivity"}};
            for (int q = 0; q < quantities.length; q++) {
                String name = who + ": " + quantities[q][1];
                double[][] xy = Columns.sortedXY(rows, EPS, theory(quantities[q][0]));
                Charts.line(chart, name, xy[0], xy[1], color, q);
                legend.add(name);
                if (mc) {
                    double[][] p = Columns.sortedXY(rows, EPS, quantities[q][0]);
                    double[] se = rows.doubles(se(quantities[q][0]));
                    double[] err = new double[p[0].length];
                    for (int i = 0; i < err.length; i++) {
                        err[i] = Z95 * se[(int) p[2][i]];
                    }
                    Charts.points(chart, name + " (Monte Carlo)", p[0], p[1], err, color, k)
                            .setShowInLegend(false);
                }
            }
        }
        return new Figure(id(), chart, legend, caption());
    }

    /** All mixes when there are at most three, else 0, the one nearest ½ and 1 (the smallest, middle, largest). */
    static double[] shown(double[] mixes) {
        if (mixes.length <= 3) {
            return mixes;
        }
        double mid = mixes[0];
        for (double a : mixes) {
            mid = Math.abs(a - 0.5) < Math.abs(mid - 0.5) ? a : mid;
        }
        return new double[] {mixes[0], mid, mixes[mixes.length - 1]};
    }
}
