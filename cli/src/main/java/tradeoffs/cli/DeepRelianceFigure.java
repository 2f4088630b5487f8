package tradeoffs.cli;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.deep.eval.RelianceTrends;
import tradeoffs.figures.Charts;
import tradeoffs.figures.Figure;
import tradeoffs.figures.FigureSpec;
import tradeoffs.figures.Palette;
import tradeoffs.figures.ResultsFolder;

/**
 * BG-gap (THEORY.md §5) of the deep models against the training radius, one line per benchmark and
 * training norm: the mean over training seeds (replicates), with error bars of two standard errors
 * that add the spread over seeds to the binomial error of the test set, SE² = s_v²/S + mean
 * binomial variance ({@link RelianceTrends}). The
 * radius is shown relative to the largest one of its norm, so ℓ2 and ℓ∞ share an axis.
 *
 * <p>Registered as a {@code tradeoffs.figures.FigureSpec} service
 * (cli/src/main/resources/META-INF/services/tradeoffs.figures.FigureSpec).
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
        return List.of(new TableNeed(DeepEvidence.RELIANCE, List.of("benchmark", "classes", "fg_contrast",
                "bg_contrast", "train_norm", "train_eps", "metric", "set", "noise_sigma", "n", "value")));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(folder.require(DeepEvidence.RELIANCE));
        XYChart chart = Charts.xy("training ε / largest training ε of the norm", "BG-gap");
        // four series with long names: below the plot, so no line runs under the legend
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> legend = new ArrayList<>();
        List<String> benches = new ArrayList<>();
        for (RelianceTrends.Trend t : trends) {
            if (!t.metric().equals("bg_gap")) {
                continue;
            }
            if (!benches.contains(t.benchmark())) {
                benches.add(t.benchmark());
            }
            double max = t.eps()[t.eps().length - 1];
            double[] x = new double[t.eps().length];
            double[] err = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = max > 0 ? t.eps()[i] / max : 0;
                err[i] = 2 * t.se()[i];
            }
            String name = t.benchmark() + ", " + (t.trainNorm().equals("linf") ? "ℓ∞" : "ℓ" + t.trainNorm().substring(1))
                    + "-AT (ε_max " + t.eps()[t.eps().length - 1] + ")";
            int c = Palette.normIndex(t.trainNorm());
            Charts.lineWithMarkers(chart, name, x, t.values(), c, benches.indexOf(t.benchmark()), c);
            Charts.points(chart, name + " (±2 SE)", x, t.values(), err, c, c).setShowInLegend(false);
            legend.add(name);
        }
        return new Figure(id(), chart, legend, caption());
    }
}
