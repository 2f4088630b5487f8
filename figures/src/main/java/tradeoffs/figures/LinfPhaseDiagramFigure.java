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
 * The ℓ∞ phase diagram (docs/math.md §4.3–§4.4): each grid point (σ_s|η|/σ_c, ε) is marked by whether the
 * adversarially trained spurious weight is exactly zero, with the scale-condition boundary
 * σ_s|η| = σ_c drawn as a vertical line at ratio 1. Points where the whole model is 0 (large ε)
 * form a third class when the table has {@code w_core}.
 */
public final class LinfPhaseDiagramFigure implements FigureSpec {
    @Override
    public String id() {
        return "linf_phase_diagram";
    }

    @Override
    public String caption() {
        return "ℓ∞ adversarial training: where the spurious weight w_s is exactly 0 (light circles) or non-zero "
                + "(dark squares) over the scale ratio σ_s|η|/σ_c and ε; crosses mark ε so large that the whole model is 0 "
                + "(w_c = w_s = 0, reliance undefined). The dashed line is the scale condition "
                + "σ_s|η| = σ_c (docs/math.md §4.3, [derived]): left of it w_s = 0 for every ε.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_PHASE, List.of(SCALE_RATIO, EPS, W_SPURIOUS)));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(THEORY_PHASE);
        double[] r = t.doubles(SCALE_RATIO);
        double[] e = t.doubles(EPS);
        double[] ws = t.doubles(W_SPURIOUS);
        double[] wc = t.hasColumn(W_CORE) ? t.doubles(W_CORE) : null;
        List<Double> zx = new ArrayList<>(), zy = new ArrayList<>(), nx = new ArrayList<>(), ny = new ArrayList<>();
        List<Double> cx = new ArrayList<>(), cy = new ArrayList<>();
        double eMin = Double.POSITIVE_INFINITY, eMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r.length; i++) {
            if (!Double.isFinite(r[i]) || !Double.isFinite(e[i]) || Double.isNaN(ws[i])) {
                continue;
            }
            eMin = Math.min(eMin, e[i]);
            eMax = Math.max(eMax, e[i]);
            if (ws[i] == 0.0 && wc != null && wc[i] == 0.0) {
                cx.add(r[i]);
                cy.add(e[i]);
            } else if (ws[i] == 0.0) {
                zx.add(r[i]);
                zy.add(e[i]);
            } else {
                nx.add(r[i]);
                ny.add(e[i]);
            }
        }
        XYChart chart = Charts.xy("scale ratio σ_s|η| / σ_c", "attack budget ε");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        List<String> legend = new ArrayList<>();
        if (!zx.isEmpty()) {
            Charts.points(chart, "w_s = 0", arr(zx), arr(zy), null, 5, 0);
            legend.add("w_s = 0");
        }
        if (!nx.isEmpty()) {
            Charts.points(chart, "w_s ≠ 0", arr(nx), arr(ny), null, 2, 1);
            legend.add("w_s ≠ 0");
        }
        if (!cx.isEmpty()) {
            Charts.points(chart, "w = 0", arr(cx), arr(cy), null, 3, 5);
            legend.add("w = 0");
        }
        // from ε = 0 (the condition holds for every ε); this also keeps the y ticks at round numbers
        Charts.reference(chart, "σ_s|η| = σ_c", new double[] {1, 1}, new double[] {0, eMax * 1.03}, true);
        legend.add("σ_s|η| = σ_c");
        return new Figure(id(), chart, legend, caption());
    }

    private static double[] arr(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
