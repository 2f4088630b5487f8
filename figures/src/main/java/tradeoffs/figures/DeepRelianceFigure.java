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
 * BG-gap (docs/math.md §11.2) of the deep models against the training radius, one line per benchmark and
 * training norm, from {@code deep_reliance_by_eps}: the mean over training seeds (replicates) with
 * error bars of two standard errors that add the spread over seeds to the binomial error of the
 * test set (the report's deep evidence computes both from {@code deep_reliance.csv}). The radius is
 * shown relative to the largest one of its norm, so ℓ2 and ℓ∞ share an axis.
 */
public final class DeepRelianceFigure implements FigureSpec {
    @Override
    public String id() {
        return "deep_bg_gap";
    }

    @Override
    public String caption() {
        return "BG-gap = acc(mixed_same) − acc(mixed_rand) of CNNs trained with standard (ε = 0), ℓ2- and "
                + "ℓ∞-adversarial training, against the training ε relative to the largest ε of its norm; solid: "
                + "background contrast below the foreground's, dashed: above; points: mean over training seeds; bars: "
                + "±2 standard errors (spread over seeds plus binomial test error). A rising line means more reliance "
                + "on the background.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                TableNames.DEEP_RELIANCE_BY_EPS, List.of(BENCHMARK, TRAIN_NORM, METRIC, TRAIN_EPS, VALUE, se(VALUE))));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(TableNames.DEEP_RELIANCE_BY_EPS).where(METRIC, "bg_gap");
        XYChart chart = Charts.xy("training ε / largest training ε of the norm", "BG-gap");
        // four series with long names: below the plot, so no line runs under the legend
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> legend = new ArrayList<>();
        List<String> benches = t.distinct(BENCHMARK);
        for (String bench : benches) {
            for (String norm : t.where(BENCHMARK, bench).distinct(TRAIN_NORM)) {
                ResultTable rows = t.where(BENCHMARK, bench).where(TRAIN_NORM, norm);
                double[] eps = rows.doubles(TRAIN_EPS);
                double[] values = rows.doubles(VALUE);
                double[] se = rows.doubles(se(VALUE));
                double max = eps[eps.length - 1];
                double[] x = new double[eps.length];
                double[] err = new double[eps.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = max > 0 ? eps[i] / max : 0;
                    err[i] = 2 * se[i];
                }
                String name = bench + ", " + Palette.normLabel(norm) + "-AT (ε_max " + max + ")";
                int c = Palette.normIndex(norm);
                Charts.lineWithMarkers(chart, name, x, values, c, benches.indexOf(bench), c);
                Charts.points(chart, name + " (±2 SE)", x, values, err, c, c).setShowInLegend(false);
                legend.add(name);
            }
        }
        return new Figure(id(), chart, legend, caption());
    }
}
