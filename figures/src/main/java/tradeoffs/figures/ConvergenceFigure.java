package tradeoffs.figures;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Convergence of the finite-sample weights ŵ to the population solution w*: the root-mean-square
 * error √(mean ‖ŵ − w*‖²) against n on log-log axes, one series per norm (and ε), each with the
 * least-squares line log error = a + k log n that the convergence study fitted and wrote into the
 * table (its {@code slope} column; the figure fits nothing): the line of slope k through the mean of
 * (log n, log error), where every least-squares line passes. k is in the legend (n^(−1/2) gives
 * k = −0.5).
 */
public final class ConvergenceFigure implements FigureSpec {
    @Override
    public String id() {
        return "convergence";
    }

    @Override
    public String caption() {
        return "Root-mean-square error of the finite-sample adversarially trained weights against the population "
                + "solution, as n grows (log–log). Dashed lines are least-squares fits; the legend gives each fitted slope "
                + "(−0.5 is the n^(−1/2) rate).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(SIM_CONVERGENCE, SIM_CONVERGENCE_COLUMNS));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(SIM_CONVERGENCE);
        XYChart chart = Charts.xy("sample size n", "RMSE of the weights ‖ŵ − w*‖");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.######");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> legend = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        double[] epsValues = t.hasColumn(EPS) ? Columns.distinctSorted(t, EPS) : new double[] {Double.NaN};
        for (String norm : t.distinct(NORM)) {
            for (int k = 0; k < epsValues.length; k++) {
                ResultTable rows = Double.isNaN(epsValues[k])
                        ? t.where(NORM, norm)
                        : Columns.whereNear(t.where(NORM, norm), EPS, epsValues[k]);
                double[][] xy = positive(Columns.sortedXY(rows, N, RMSE_W));
                if (xy[0].length == 0) {
                    continue;
                }
                for (double y : xy[1]) {
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
                int c = Palette.normIndex(norm);
                double slope = rows.getDouble(0, SLOPE); // the same on every row of one study
                String name = normLabel(norm) + " Monte Carlo"
                        + (epsValues.length > 1 ? ", ε=" + Columns.num(epsValues[k]) : "") + ": slope "
                        + (Double.isNaN(slope) ? "n/a" : Columns.num(slope));
                Charts.points(chart, name, xy[0], xy[1], null, c, k == 0 ? c : k + 3);
                legend.add(name);
                if (!Double.isNaN(slope)) {
                    double[] fx = {xy[0][0], xy[0][xy[0].length - 1]};
                    double[] fy = {fittedLine(xy, slope, fx[0]), fittedLine(xy, slope, fx[1])};
                    Charts.line(chart, name + " fit", fx, fy, c, 1).setShowInLegend(false);
                }
            }
        }
        if (yMin > 0 && yMax < Double.POSITIVE_INFINITY) {
            // whole decades, so a log axis spanning less than one still shows labelled ticks
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(yMin))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(yMax))));
        }
        return new Figure(id(), chart, legend, caption());
    }

    /**
     * The least-squares line of log y on log x with the given slope, at x: it passes through the
     * mean of the (log x, log y) points, so exp(mean log y + slope·(log x − mean log x)).
     */
    static double fittedLine(double[][] xy, double slope, double x) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < xy[0].length; i++) {
            mx += Math.log(xy[0][i]) / xy[0].length;
            my += Math.log(xy[1][i]) / xy[0].length;
        }
        return Math.exp(my + slope * (Math.log(x) - mx));
    }

    private static double[][] positive(double[][] xy) {
        int m = 0;
        for (int i = 0; i < xy[0].length; i++) {
            if (xy[0][i] > 0 && xy[1][i] > 0) {
                m++;
            }
        }
        double[][] out = new double[2][m];
        int k = 0;
        for (int i = 0; i < xy[0].length; i++) {
            if (xy[0][i] > 0 && xy[1][i] > 0) {
                out[0][k] = xy[0][i];
                out[1][k++] = xy[1][i];
            }
        }
        return out;
    }
}
