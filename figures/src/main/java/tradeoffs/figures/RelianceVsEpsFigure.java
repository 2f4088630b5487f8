package tradeoffs.figures;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Spurious reliance σ_s‖w_s‖/(σ_c‖w_c‖ + σ_s‖w_s‖) (docs/math.md §5.1) against ε, one theory line
 * per norm (and per σ_s when the table has several), with the Monte Carlo means and their 95%
 * confidence intervals as markers when {@code sim_agreement.csv} is present.
 */
public final class RelianceVsEpsFigure implements FigureSpec {
    @Override
    public String id() {
        return "reliance_vs_eps";
    }

    @Override
    public String caption() {
        return "Spurious reliance against the attack budget ε for ℓ1, ℓ2 and ℓ∞ adversarial training: lines are "
                + "the population theory (docs/math.md §4 and §5.1), markers with bars are Monte Carlo means with 95% "
                + "confidence intervals. A rising line means adversarial training leans more on the spurious "
                + "feature; ℓ∞ stays at exactly 0 while σ_s|η| ≤ σ_c.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_EPS, List.of(NORM, EPS, RELIANCE)));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable theory = folder.require(THEORY_EPS);
        ResultTable sim = folder.table(SIM_AGREEMENT)
                .filter(t -> t.columns().containsAll(SIM_AGREEMENT_COLUMNS))
                .map(t -> t.where(QUANTITY, RELIANCE))
                .orElse(null);
        XYChart chart = Charts.xy("attack budget ε", "spurious reliance ρ_s");
        List<String> legend = new ArrayList<>();
        boolean monteCarlo = false;
        double[] sigmas = theory.hasColumn(SIGMA_SPURIOUS)
                ? Columns.distinctSorted(theory, SIGMA_SPURIOUS)
                : new double[] {Double.NaN};
        for (String norm : theory.distinct(NORM)) {
            int c = Palette.normIndex(norm);
            ResultTable byNorm = theory.where(NORM, norm);
            for (int k = 0; k < sigmas.length; k++) {
                double sigma = sigmas[k];
                ResultTable rows = Double.isNaN(sigma) ? byNorm : Columns.whereNear(byNorm, SIGMA_SPURIOUS, sigma);
                if (rows.size() == 0) {
                    continue;
                }
                String name = normLabel(norm) + (sigmas.length > 1 ? ", σ_s=" + Columns.num(sigma) : "");
                double[][] xy = Columns.sortedXY(rows, EPS, RELIANCE);
                Charts.line(chart, name, xy[0], xy[1], c, k);
                legend.add(name);
                if (sim != null) {
                    ResultTable mc = sim.where(NORM, norm);
                    if (!Double.isNaN(sigma) && mc.hasColumn(SIGMA_SPURIOUS)) {
                        mc = Columns.whereNear(mc, SIGMA_SPURIOUS, sigma);
                    }
                    if (mc.size() > 0) {
                        double[][] p = Columns.sortedXY(mc, EPS, MEAN);
                        double[] lo = mc.doubles(CI_LOW);
                        double[] hi = mc.doubles(CI_HIGH);
                        double[] err = new double[p[0].length];
                        for (int i = 0; i < err.length; i++) {
                            int r = (int) p[2][i];
                            err[i] = (hi[r] - lo[r]) / 2;
                        }
                        Charts.points(chart, name + " (Monte Carlo)", p[0], p[1], err, c, c)
                                .setShowInLegend(false);
                        monteCarlo = true;
                    }
                }
            }
        }
        if (monteCarlo) {
            legend.add(Charts.key(chart, Charts.MONTE_CARLO, 0));
        }
        chart.getStyler().setYAxisMin(0.0);
        return new Figure(id(), chart, legend, caption());
    }
}
