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
 * The tradeoff frontier (docs/math.md §2.2 and §5.2): adversarial risk R_ε against the risk in a
 * domain whose spurious correlation is η′, traced as ε grows, one curve per norm and η′.
 */
public final class TradeoffFrontierFigure implements FigureSpec {
    @Override
    public String id() {
        return "tradeoff_frontier";
    }

    @Override
    public String caption() {
        return "Tradeoff frontier: each curve follows one norm's adversarially trained model as ε grows from 0 "
                + "(circle: standard training); x is its risk when the spurious correlation shifts to η′, y its "
                + "adversarial risk R_ε at the same ε. Curves that move right as they rise trade shift robustness "
                + "for adversarial robustness. Markers: Monte Carlo means of finite-sample training at the "
                + "simulation's η′. A model that does not use x_s (ℓ∞ below its scale condition) has the same "
                + "curve for every η′.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_FRONTIER, THEORY_FRONTIER_COLUMNS));
    }

    /**
     * Monte Carlo means of (shifted risk, adversarial risk) of finite-sample training, for the
     * simulation's η′ when it is one of the curves' and its σ_s matches theirs; markers in the norm's
     * colour, not in the legend.
     */
    private static void monteCarlo(XYChart chart, ResultsFolder folder, ResultTable theory, double[] etas) {
        ResultTable sim = folder.table(SIM_AGREEMENT)
                .filter(x -> x.columns().containsAll(List.of(NORM, EPS, QUANTITY, MEAN, ETA_TEST))).orElse(null);
        if (sim == null || sim.size() == 0 || sim.get(0, ETA_TEST).isEmpty()) {
            return;
        }
        double etaTest = sim.getDouble(0, ETA_TEST);
        if (java.util.Arrays.stream(etas).noneMatch(e -> Math.abs(e - etaTest) < 1e-9)) {
            return;
        }
        if (theory.hasColumn(SIGMA_SPURIOUS) && sim.hasColumn(SIGMA_SPURIOUS)) {
            sim = Columns.whereNear(sim, SIGMA_SPURIOUS, theory.getDouble(0, SIGMA_SPURIOUS));
        }
        for (String norm : sim.distinct(NORM)) {
            double[][] shifted = Columns.sortedXY(sim.where(NORM, norm).where(QUANTITY, SHIFTED_RISK), EPS, MEAN);
            double[][] adv = Columns.sortedXY(sim.where(NORM, norm).where(QUANTITY, ADVERSARIAL_RISK), EPS, MEAN);
            if (shifted[0].length == 0 || !java.util.Arrays.equals(shifted[0], adv[0])) {
                continue;
            }
            int c = Palette.normIndex(norm);
            Charts.points(chart, normLabel(norm) + " Monte Carlo, η′=" + Columns.num(etaTest), shifted[1], adv[1], null,
                    c, c).setShowInLegend(false);
        }
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(THEORY_FRONTIER);
        XYChart chart = Charts.xy("shifted-domain risk MSE_η′", "adversarial risk R_ε");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> legend = new ArrayList<>();
        double[] etas = Columns.distinctSorted(t, ETA_TEST);
        List<Double> sx = new ArrayList<>(), sy = new ArrayList<>();
        for (int k = 0; k < etas.length; k++) {
            ResultTable atEta = Columns.whereNear(t, ETA_TEST, etas[k]);
            for (String norm : atEta.distinct(NORM)) {
                ResultTable rows = atEta.where(NORM, norm);
                double[][] e = Columns.sortedXY(rows, EPS, EPS);
                double[] x = new double[e[0].length];
                double[] y = new double[e[0].length];
                for (int i = 0; i < x.length; i++) {
                    int r = (int) e[2][i];
                    x[i] = rows.getDouble(r, SHIFTED_RISK);
                    y[i] = rows.getDouble(r, ADVERSARIAL_RISK);
                }
                String name = normLabel(norm) + ", η′=" + Columns.num(etas[k]);
                Charts.line(chart, name, x, y, Palette.normIndex(norm), k);
                legend.add(name);
                if (x.length > 0 && e[0][0] == 0.0) {
                    sx.add(x[0]);
                    sy.add(y[0]);
                }
            }
        }
        monteCarlo(chart, folder, t, etas);
        if (!sx.isEmpty()) {
            Charts.points(chart, "ε = 0", sx.stream().mapToDouble(Double::doubleValue).toArray(),
                    sy.stream().mapToDouble(Double::doubleValue).toArray(), null, 2, 0);
            legend.add("ε = 0");
        }
        return new Figure(id(), chart, legend, caption());
    }
}
