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
 * The ℓ∞-vs-ℓ1 robust accuracy frontier on the Tramèr–Boneh distribution (docs/math.md §10.2–§10.4): for
 * each block of {@code class_frontier} (d and radii) the path of classifiers from the robust feature
 * (θ = 0) to the weak features (θ = π/2), the optimal classifiers of one block as markers, and the MEP
 * bound A∞ + A₁ = 1 (error sum 1, §10.3), which no classifier crosses under the premise. With
 * {@code class_mep}, the Monte Carlo accuracies of the random classifiers tried are drawn too.
 */
public final class MepFrontierFigure implements FigureSpec {
    private static final double Z95 = 1.959963984540054;
    /** Palette colours of the paths: not black, which the optima use. */
    private static final int[] PATH_COLORS = {0, 1, 6, 3, 5};

    @Override
    public String id() {
        return "mep_frontier";
    }

    @Override
    public String caption() {
        return "ℓ∞ against ℓ1 robust accuracy of linear classifiers on the Tramèr–Boneh distribution (p₀ = 0.95, "
                + "α = 2): solid lines run along the path from the robust feature (right) to the weak features (top) "
                + "at ε∞ = 2η, ε₁ = 2 for each d; black markers are the optimal classifiers for ℓ∞, ℓ1 and the union "
                + "(the average's coincides) at the Monte Carlo's d; grey markers are random classifiers (Monte Carlo, "
                + "bars 95% intervals of the ℓ1 accuracy). Under the premise ε∞ ≥ 2η, ε₁ ≥ 2 nothing lies above the "
                + "dashed MEP bound A∞ + A₁ = 1 and the union optimum sits on it; with weaker attacks (dash-dotted, "
                + "ε∞ = η/2, ε₁ = 1) the path crosses it.";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                CLASS_FRONTIER,
                List.of(P0, DIM, ALPHA, EPS_LINF, EPS_L1, MEP_APPLIES, CLASSIFIER, THETA, LINF_ACCURACY, L1_ACCURACY)));
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(CLASS_FRONTIER);
        XYChart chart = Charts.xy("ℓ∞ robust accuracy", "ℓ1 robust accuracy");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // a square plot, nothing hidden
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        List<String> legend = new ArrayList<>();
        String bound = "MEP bound";
        Charts.reference(chart, bound, new double[] {0, 1}, new double[] {1, 0}, true);
        legend.add(bound);
        // random classifiers first, so the lines and the optima are drawn over them
        folder.table(CLASS_MEP)
                .filter(m -> m.columns()
                        .containsAll(List.of(MEP_APPLIES, CLASSIFIER, LINF_ACCURACY, L1_ACCURACY, se(L1_ACCURACY))))
                .ifPresent(m -> {
                    ResultTable r = m.where(MEP_APPLIES, "true").where(CLASSIFIER, "random");
                    if (r.size() > 0) {
                        double[] err = r.doubles(se(L1_ACCURACY));
                        for (int i = 0; i < err.length; i++) {
                            err[i] *= Z95;
                        }
                        String name = "random, Monte Carlo";
                        Charts.points(chart, name, r.doubles(LINF_ACCURACY), r.doubles(L1_ACCURACY), err, 2, 0)
                                .setMarkerColor(Palette.REFERENCE)
                                .setLineColor(Palette.REFERENCE);
                        legend.add(name);
                    }
                });
        ResultTable premise = t.where(MEP_APPLIES, "true");
        double[] dims = Columns.distinctSorted(premise, DIM);
        for (int k = 0; k < dims.length; k++) {
            ResultTable path = Columns.whereNear(premise, DIM, dims[k]).where(CLASSIFIER, "path");
            double[][] xy = byTheta(path);
            if (xy[0].length == 0) {
                continue;
            }
            String name = "d = " + count(dims[k]);
            Charts.line(chart, name, xy[0], xy[1], PATH_COLORS[k % PATH_COLORS.length], 0);
            legend.add(name);
        }
        ResultTable outside = t.where(MEP_APPLIES, "false");
        if (outside.size() > 0) {
            ResultTable path = outside.where(CLASSIFIER, "path");
            double[][] xy = byTheta(Columns.whereNear(path, DIM, path.getDouble(0, DIM)));
            if (xy[0].length > 0) {
                String name = "d = " + count(path.getDouble(0, DIM)) + ", weaker";
                Charts.line(chart, name, xy[0], xy[1], 4, 3);
                legend.add(name);
            }
        }
        drawOptima(chart, premise, folder, legend);
        return new Figure(id(), chart, legend, caption());
    }

    /** The optima of the premise block at the Monte Carlo's d (else the smallest d), one marker each. */
    private static void drawOptima(XYChart chart, ResultTable premise, ResultsFolder folder, List<String> legend) {
        if (premise.size() == 0) {
            return;
        }
        double d = Columns.distinctSorted(premise, DIM)[0];
        ResultTable mc = folder.table(CLASS_MEP).orElse(null);
        if (mc != null
                && mc.hasColumn(DIM)
                && mc.size() > 0
                && Columns.whereNear(premise, DIM, mc.getDouble(0, DIM)).size() > 0) {
            d = mc.getDouble(0, DIM);
        }
        ResultTable block = Columns.whereNear(premise, DIM, d);
        String[][] optima = {{"opt_linf", "ℓ∞-opt."}, {"opt_l1", "ℓ1-opt."}, {"opt_union", "union-opt."}};
        int[] markers = {2, 3, 1};
        for (int k = 0; k < optima.length; k++) {
            ResultTable r = block.where(CLASSIFIER, optima[k][0]);
            if (r.size() == 0) {
                continue;
            }
            String name = optima[k][1];
            Charts.points(
                    chart,
                    name,
                    new double[] {r.getDouble(0, LINF_ACCURACY)},
                    new double[] {r.getDouble(0, L1_ACCURACY)},
                    null,
                    2,
                    markers[k]);
            legend.add(name);
        }
    }

    /** A dimension as an integer (100, 10000), not 1.00e+04. */
    private static String count(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Columns.num(d);
    }

    /** (ℓ∞ accuracy, ℓ1 accuracy) of path rows in order of θ. */
    private static double[][] byTheta(ResultTable path) {
        double[][] order = Columns.sortedXY(path, THETA, LINF_ACCURACY);
        double[] l1 = path.doubles(L1_ACCURACY);
        double[][] out = new double[2][order[0].length];
        for (int i = 0; i < order[0].length; i++) {
            out[0][i] = order[1][i];
            out[1][i] = l1[(int) order[2][i]];
        }
        return out;
    }
}
