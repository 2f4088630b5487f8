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
 * The CNN phase diagram (claim 2 on CNNs), from {@code deep_phase}: the change of BG-gap from the
 * standard CNN to the adversarially trained one (largest ε, mean over training seeds, ±2 standard
 * errors) against the benchmark's scale ratio r = κ_bg|η_ρ|/κ_fg, the analogue of σ_s|η|/σ_c; one
 * colour per norm, circles where the benchmark and norm show more background reliance overall (at
 * least two of four metrics, none against), squares where not. The dashed vertical line is r = 1:
 * the theory's ℓ∞ phase diagram has the spurious weight at exactly 0 left of it.
 */
public final class DeepPhaseFigure implements FigureSpec {
    private static final String MORE = "more";

    @Override
    public String id() {
        return "deep_phase";
    }

    @Override
    public String caption() {
        return "CNN analogue of the ℓ∞ phase diagram: change in BG-gap from standard to adversarial training (largest "
                + "ε; mean over training seeds, bars ±2 SE with the seed spread) against the scale ratio r = "
                + "κ_bg|η_ρ|/κ_fg, the analogue of σ_s|η|/σ_c; circles: more background reliance overall (two of "
                + "four metrics beyond 2 SE, none against), squares: not. The theory predicts ℓ∞ circles only right of "
                + "the dashed line r = 1 and ℓ2 circles everywhere.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                TableNames.DEEP_PHASE, List.of(SCALE_RATIO, TRAIN_NORM, METRIC, RELIANCE_CHANGE, TWO_SE, OVERALL)));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(TableNames.DEEP_PHASE).where(METRIC, "bg_gap");
        XYChart chart = Charts.xy("scale ratio r = κ_bg|η_ρ| / κ_fg", "BG-gap: AT − standard");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> legend = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, rMax = 1;
        for (String norm : t.distinct(TRAIN_NORM)) {
            ResultTable n = t.where(TRAIN_NORM, norm);
            double[] r = n.doubles(SCALE_RATIO);
            double[] y = n.doubles(RELIANCE_CHANGE);
            double[] e = n.doubles(TWO_SE);
            for (int i = 0; i < r.length; i++) {
                lo = Math.min(lo, y[i] - e[i]);
                hi = Math.max(hi, y[i] + e[i]);
                rMax = Math.max(rMax, r[i]);
            }
            int[] order = Charts.ascending(r);
            double[] xs = Charts.permuted(r, order);
            double[] ys = Charts.permuted(y, order);
            int c = Palette.normIndex(norm);
            Charts.line(chart, Palette.normLabel(norm) + " (line)", xs, ys, c, 0)
                    .setShowInLegend(false);
            for (boolean more : new boolean[] {true, false}) {
                List<Double> px = new ArrayList<>(), py = new ArrayList<>(), pe = new ArrayList<>();
                for (int i = 0; i < r.length; i++) {
                    if (n.get(i, OVERALL).equals(MORE) == more) {
                        px.add(r[i]);
                        py.add(y[i]);
                        pe.add(e[i]);
                    }
                }
                if (!px.isEmpty()) {
                    String name = Palette.normLabel(norm) + "-AT: " + (more ? "more reliance" : "not more");
                    Charts.points(chart, name, arr(px), arr(py), arr(pe), c, more ? 0 : 1);
                    legend.add(name);
                }
            }
        }
        lo = Math.min(lo, 0);
        hi = Math.max(hi, 0);
        Charts.reference(chart, "r = 1", new double[] {1, 1}, new double[] {lo, hi}, true);
        legend.add("r = 1");
        Charts.reference(chart, "no change", new double[] {0, rMax * 1.05}, new double[] {0, 0}, false);
        return new Figure(id(), chart, legend, caption());
    }

    private static double[] arr(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
