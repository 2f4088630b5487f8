package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/**
 * Accuracy of the CNNs under a shifted background correlation (claim 3 on CNNs), from
 * {@code deep_shift_by_rho}: accuracy (mean over training seeds, ±2 SE) against the share of test
 * images whose background is their class's ({@code agreement}: ρ′ for the identity pairing, the
 * lowest points are the reversed pairing), one line per benchmark and training regime (standard,
 * each norm's largest ε). When the table has a {@code role} column, only the main benchmarks are
 * drawn.
 */
public final class DeepShiftFigure implements FigureSpec {
    @Override
    public String id() {
        return "deep_shift";
    }

    @Override
    public String caption() {
        return "Accuracy of standard and adversarially trained CNNs (largest ε) on test splits whose backgrounds "
                + "follow another correlation, against the share of test images whose background type is their "
                + "class's (ρ′ for the training pairing; the reversed pairing, background of class y + 1 with "
                + "probability ρ, is the leftmost point); mean over training seeds, bars ±2 SE. Solid: background "
                + "contrast below the foreground's, dashed: above. A steeper line loses more under the shift.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                TableNames.DEEP_SHIFT_BY_RHO, List.of(BENCHMARK, TRAIN_NORM, AGREEMENT, ACCURACY, se(ACCURACY))));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(TableNames.DEEP_SHIFT_BY_RHO);
        if (t.hasColumn(ROLE) && !t.where(ROLE, "main").rows().isEmpty()) {
            t = t.where(ROLE, "main");
        }
        XYChart chart = Charts.xy("share of test images with their class's background", "accuracy");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> legend = new ArrayList<>();
        List<String> benches = t.distinct(BENCHMARK);
        for (String bench : benches) {
            for (String norm : t.where(BENCHMARK, bench).distinct(TRAIN_NORM)) {
                ResultTable rows = t.where(BENCHMARK, bench).where(TRAIN_NORM, norm);
                double[] x = rows.doubles(AGREEMENT);
                double[] y = rows.doubles(ACCURACY);
                double[] se = rows.doubles(se(ACCURACY));
                int[] order = Charts.ascending(x);
                double[] xs = Charts.permuted(x, order), ys = Charts.permuted(y, order);
                double[] es = Charts.permuted(se, order);
                for (int i = 0; i < es.length; i++) {
                    es[i] *= 2;
                }
                String name = bench + ", " + (norm.equals("standard") ? "standard" : Palette.normLabel(norm) + "-AT");
                int c = norm.equals("standard") ? 2 : Palette.normIndex(norm);
                Charts.lineWithMarkers(chart, name, xs, ys, c, benches.indexOf(bench), c);
                Charts.points(chart, name + " (±2 SE)", xs, ys, es, c, c).setShowInLegend(false);
                legend.add(name);
            }
        }
        return new Figure(id(), chart, legend, caption());
    }
}
