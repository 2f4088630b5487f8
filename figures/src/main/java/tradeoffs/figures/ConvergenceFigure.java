package tradeoffs.figures;

import static tradeoffs.figures.ResultSchema.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;

/**
 * Convergence of the finite-sample estimates to the population theory: error against n on
 * log-log axes, one series per (norm, quantity), each with its least-squares line
 * log error = a + k log n and the fitted slope k in the legend (n^(−1/2) gives k = −0.5).
 */
public final class ConvergenceFigure implements FigureSpec {
    @Override
    public String id() {
        return "convergence";
    }

    @Override
    public String caption() {
        return "Error of the finite-sample adversarially trained estimates against the population theory, as n "
                + "grows (log–log). Dashed lines are least-squares fits; the legend gives each fitted slope "
                + "(−0.5 is the n^(−1/2) rate).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(SIM_CONVERGENCE, SIM_CONVERGENCE_COLUMNS));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(SIM_CONVERGENCE);
        XYChart chart = Charts.xy("sample size n", "error |estimate − theory|");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.######");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> legend = new ArrayList<>();
        List<String> quantities = t.distinct(QUANTITY);
        for (String norm : t.distinct(NORM)) {
            for (int qi = 0; qi < quantities.size(); qi++) {
                ResultTable rows = t.where(NORM, norm).where(QUANTITY, quantities.get(qi));
                double[][] xy = positive(Columns.sortedXY(rows, N, ERROR));
                if (xy[0].length == 0) {
                    continue;
                }
                int c = Palette.normIndex(norm);
                LogLogFit fit = LogLogFit.of(xy[0], xy[1]);
                String name = normLabel(norm) + (quantities.size() > 1 ? " " + quantities.get(qi) : "")
                        + ": slope " + (Double.isNaN(fit.slope()) ? "n/a" : Columns.num(fit.slope()));
                Charts.points(chart, name, xy[0], xy[1], null, c, qi == 0 ? c : qi + 3);
                legend.add(name);
                if (!Double.isNaN(fit.slope())) {
                    double[] fx = {xy[0][0], xy[0][xy[0].length - 1]};
                    double[] fy = {fit.at(fx[0]), fit.at(fx[1])};
                    Charts.line(chart, name + " fit", fx, fy, c, 1).setShowInLegend(false);
                }
            }
        }
        return new Figure(id(), chart, legend, caption());
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
