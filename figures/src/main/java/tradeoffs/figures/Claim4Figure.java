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
 * Claim 4 (docs/math.md §12.1, §5.3): the best adversarial risk min R_ε over (w_c, w_s) against the
 * best over (w_c, 0), per norm, as ε grows.
 */
public final class Claim4Figure implements FigureSpec {
    @Override
    public String id() {
        return "claim4_spurious_helps";
    }

    @Override
    public String caption() {
        return "Best achievable adversarial risk with the spurious feature (solid) and with core features only "
                + "(dashed; one black line when it is the same for every norm, as with one core feature), against ε; "
                + "markers are Monte Carlo held-out adversarial risks with 95% intervals (crosses: core only) "
                + "(docs/math.md §5.3). Solid never above dashed; the gap is what a preserved spurious correlation "
                + "buys in adversarial robustness (claim 4).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_CLAIM4, THEORY_CLAIM4_COLUMNS));
    }

    /** Draws the Monte Carlo markers of {@code table} if it has rows for {@code norm}; whether it drew any. */
    private static boolean mcPoints(
            XYChart chart,
            ResultsFolder folder,
            String table,
            String norm,
            double sigma,
            int color,
            int marker,
            String name) {
        ResultTable mc = folder.table(table)
                .filter(x -> x.columns().containsAll(List.of(NORM, EPS, QUANTITY, MEAN, CI_LOW, CI_HIGH)))
                .map(x -> x.where(QUANTITY, ADVERSARIAL_RISK).where(NORM, norm))
                .orElse(null);
        if (mc == null) {
            return false;
        }
        if (!Double.isNaN(sigma) && mc.hasColumn(SIGMA_SPURIOUS)) {
            mc = Columns.whereNear(mc, SIGMA_SPURIOUS, sigma);
        }
        if (mc.size() == 0) {
            return false;
        }
        double[][] p = Columns.sortedXY(mc, EPS, MEAN);
        double[] err = new double[p[0].length];
        for (int i = 0; i < err.length; i++) {
            int r = (int) p[2][i];
            err[i] = (mc.getDouble(r, CI_HIGH) - mc.getDouble(r, CI_LOW)) / 2;
        }
        Charts.points(chart, name, p[0], p[1], err, color, marker).setShowInLegend(false);
        return true;
    }

    /** Whether every norm has the same core-only risk at the same ε (to 1e-12 relative). */
    static boolean sameCoreOnly(ResultTable t, List<String> norms) {
        if (norms.size() < 2) {
            return false;
        }
        double[][] ref = Columns.sortedXY(t.where(NORM, norms.get(0)), EPS, RISK_CORE_ONLY);
        for (String n : norms.subList(1, norms.size())) {
            double[][] o = Columns.sortedXY(t.where(NORM, n), EPS, RISK_CORE_ONLY);
            if (o[0].length != ref[0].length) {
                return false;
            }
            for (int i = 0; i < o[0].length; i++) {
                if (o[0][i] != ref[0][i] || Math.abs(o[1][i] - ref[1][i]) > 1e-12 * Math.max(1, Math.abs(ref[1][i]))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(THEORY_CLAIM4);
        XYChart chart = Charts.xy("attack budget ε", "best adversarial risk min R_ε");
        // the curves run from lower left to upper right: the legend (up to six entries) goes where they are not
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        List<String> legend = new ArrayList<>();
        List<String> norms = t.distinct(NORM);
        // With one core feature ‖w_c‖_q is the same for every q, so the core-only curves coincide:
        // then one black dashed line stands for all of them instead of hiding each other.
        boolean shared = sameCoreOnly(t, norms);
        for (String norm : norms) {
            ResultTable rows = t.where(NORM, norm);
            int c = Palette.normIndex(norm);
            double[][] with = Columns.sortedXY(rows, EPS, RISK_WITH_SPURIOUS);
            String a = normLabel(norm) + ", with x_s";
            Charts.line(chart, a, with[0], with[1], c, 0);
            legend.add(a);
            if (!shared) {
                double[][] without = Columns.sortedXY(rows, EPS, RISK_CORE_ONLY);
                String b = normLabel(norm) + ", core only";
                Charts.line(chart, b, without[0], without[1], c, 1);
                legend.add(b);
            }
        }
        // Monte Carlo means (held-out adversarial risk) with 95% intervals, when the simulation ran
        double sigma = t.hasColumn(SIGMA_SPURIOUS) && t.size() > 0 ? t.getDouble(0, SIGMA_SPURIOUS) : Double.NaN;
        boolean withMc = false;
        boolean coreMc = false;
        for (String norm : norms) {
            int c = Palette.normIndex(norm);
            withMc |= mcPoints(
                    chart, folder, SIM_AGREEMENT, norm, sigma, c, c, normLabel(norm) + " with x_s (Monte Carlo)");
            coreMc |= mcPoints(
                    chart,
                    folder,
                    SIM_CORE_ONLY,
                    norm,
                    sigma,
                    shared ? 2 : c,
                    5,
                    normLabel(norm) + " core only (Monte Carlo)");
        }
        if (shared) {
            double[][] without = Columns.sortedXY(t.where(NORM, norms.get(0)), EPS, RISK_CORE_ONLY);
            String b = "core only (every norm)";
            Charts.line(chart, b, without[0], without[1], 2, 1);
            legend.add(b);
        }
        if (withMc) {
            legend.add(Charts.key(chart, Charts.MONTE_CARLO + ", with x_s", 0));
        }
        if (coreMc) {
            legend.add(Charts.key(chart, Charts.MONTE_CARLO + ", core only", 5));
        }
        return new Figure(id(), chart, legend, caption());
    }
}
