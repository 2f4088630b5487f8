package tradeoffs.figures;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Theory against simulation: the z-scores z = (Monte Carlo mean − theory)/se of every grid point
 * and quantity, sorted and plotted against standard normal quantiles Φ⁻¹((i − ½)/m) (a normal
 * Q–Q plot), one series per norm. If theory and simulation agree the points lie on the diagonal
 * and inside ±2 about 95% of the time.
 */
public final class AgreementFigure implements FigureSpec {
    @Override
    public String id() {
        return "theory_vs_simulation";
    }

    @Override
    public String caption() {
        return "Theory against Monte Carlo: sorted z-scores (mean − theory)/se of every grid point and quantity "
                + "(core-only runs included) "
                + "against standard normal quantiles. Agreement puts the points on the diagonal; dashed lines "
                + "mark |z| = 2. Left out: rows at non-smooth points (a weight 0 at a kink of the penalty, a "
                + "non-negative quantity at 0, a block norm; docs/math.md §7.4), where the finite-sample bias is "
                + "O(n^(−1/2)) and z is not N(0, 1); the report judges them by convergence in n.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(SIM_AGREEMENT, List.of(NORM, QUANTITY, THEORY, MEAN, Z)));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = MonteCarloRows.withZ(folder);
        XYChart chart = Charts.xy("standard normal quantile", "sorted z-score z");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        List<String> legend = new ArrayList<>();
        double lo = -2.5, hi = 2.5;
        for (String norm : t.distinct(NORM)) {
            ResultTable rows = t.where(NORM, norm);
            double[] all = rows.doubles(Z);
            double[] z = java.util.stream.IntStream.range(0, all.length)
                    .filter(i -> Double.isFinite(all[i]) && !MonteCarloRows.isNonSmooth(rows, i))
                    .mapToDouble(i -> all[i])
                    .sorted()
                    .toArray();
            if (z.length == 0) {
                continue;
            }
            double[] q = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                q[i] = normal.inverseCumulativeProbability((i + 0.5) / z.length);
            }
            lo = Math.min(lo, Math.min(q[0], z[0]));
            hi = Math.max(hi, Math.max(q[q.length - 1], z[z.length - 1]));
            int c = Palette.normIndex(norm);
            String name = normLabel(norm) + " Monte Carlo (" + z.length + ")";
            Charts.points(chart, name, q, z, null, c, c);
            legend.add(name);
        }
        Charts.reference(chart, "z = quantile", new double[] {lo, hi}, new double[] {lo, hi}, false);
        Charts.reference(chart, "z = 2", new double[] {lo, hi}, new double[] {2, 2}, false);
        Charts.reference(chart, "z = −2", new double[] {lo, hi}, new double[] {-2, -2}, false);
        return new Figure(id(), chart, legend, caption());
    }
}
