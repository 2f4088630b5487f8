package tradeoffs.figures;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * The tradeoff at a fixed test budget (docs/math.md §5.4 [derived]): every model, whatever ε it was
 * trained at, is judged at the same ε_test. x: its risk in the shifted domain η′ (§5.2); y: its
 * adversarial risk R_{ε_test} (§2.2); one curve per norm, traced as the training ε grows from 0 (the
 * standard model, shared by every norm). Up to ε_train = ε_test the curve runs down and to the
 * right (adversarial robustness bought with shift robustness, solid); past it both risks grow
 * (dotted, up to 1.3·ε_test). Markers at ε_train = ε_test/5, 2ε_test/5, …, ε_test on every curve,
 * labelled with their ε along the lowest curve.
 * Reads {@code theory_fixed_budget.csv} only.
 */
public final class TradeoffFrontierFigure implements FigureSpec {
    /** The test budget drawn when the table has it, else the table's middle one. */
    static final double DEFAULT_BUDGET = 0.5;
    /** Markers at ε_train = k·ε_test/MARKS, k = 1 … MARKS. */
    static final int MARKS = 5;

    @Override
    public String id() {
        return "tradeoff_frontier";
    }

    @Override
    public String caption() {
        return "The tradeoff at a fixed test budget: every model is judged at the same ε_test, whatever ε it was "
                + "trained at. Each curve follows one norm's adversarially trained model as its training ε grows from 0 "
                + "(the standard model, shared by all norms); x is its risk when the spurious correlation shifts to "
                + "η′, y its adversarial risk at ε_test. Up to ε_train = ε_test (solid) the curve runs down and to the "
                + "right: adversarial robustness is bought with robustness to the shift. Past it (dotted) both risks "
                + "grow. Markers at the same training ε on every curve (ε_test/5 apart), labelled along the lowest "
                + "curve (docs/math.md §5.4).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(THEORY_FIXED_BUDGET, THEORY_FIXED_BUDGET_COLUMNS));
    }

    /** The budget to draw: {@link #DEFAULT_BUDGET} when present, else the middle of the table's. */
    static double budget(ResultTable t) {
        double[] budgets = Columns.distinctSorted(t, EPS_TEST);
        for (double b : budgets) {
            if (Math.abs(b - DEFAULT_BUDGET) < 1e-9) {
                return b;
            }
        }
        return budgets[budgets.length / 2];
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable all = folder.require(THEORY_FIXED_BUDGET);
        double budget = budget(all);
        ResultTable t = Columns.whereNear(all, EPS_TEST, budget);
        double etaTest = Columns.distinctSorted(t, ETA_TEST)[0];
        t = Columns.whereNear(t, ETA_TEST, etaTest);
        XYChart chart = Charts.xy(
                "shifted-domain risk MSE at η′ = " + Columns.num(etaTest),
                "adversarial risk at ε_test = " + Columns.num(budget));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> legend = new ArrayList<>();
        double start = Double.NaN, startY = Double.NaN;
        double lowest = Double.POSITIVE_INFINITY;
        List<double[]> lowestMarks = List.of();
        List<double[]> lowestSolid = List.of();
        java.util.Map<String, List<double[]>> markerSeries = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> markerColour = new java.util.HashMap<>();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (String norm : t.distinct(NORM)) {
            ResultTable rows = t.where(NORM, norm);
            double[][] e = Columns.sortedXY(rows, EPS, EPS);
            List<double[]> solid = new ArrayList<>();
            List<double[]> beyond = new ArrayList<>();
            List<double[]> marks = new ArrayList<>();
            for (int i = 0; i < e[0].length; i++) {
                int r = (int) e[2][i];
                double eps = e[0][i];
                double[] xy = {rows.getDouble(r, SHIFTED_RISK), rows.getDouble(r, ADVERSARIAL_RISK), eps};
                if (eps <= budget + 1e-9) {
                    solid.add(xy);
                    double steps = eps / (budget / MARKS);
                    if (eps > 0 && Math.abs(steps - Math.rint(steps)) < 1e-6) {
                        marks.add(xy);
                    }
                    if (eps == 0.0) {
                        start = xy[0];
                        startY = xy[1];
                    }
                }
                if (eps >= budget - 1e-9 && eps <= 1.3 * budget + 1e-9) {
                    beyond.add(xy);
                }
            }
            if (solid.isEmpty()) {
                continue;
            }
            for (List<double[]> part : List.of(solid, beyond)) {
                for (double[] p : part) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    minY = Math.min(minY, p[1]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
            int c = Palette.normIndex(norm);
            String name = normLabel(norm) + " training";
            Charts.line(chart, name, column(solid, 0), column(solid, 1), c, 0);
            legend.add(name);
            if (beyond.size() > 1) {
                Charts.line(chart, name + ", ε_train > ε_test", column(beyond, 0), column(beyond, 1), c, 2)
                        .setShowInLegend(false);
            }
            markerSeries.put(name, marks);
            markerColour.put(name, c);
            double end = solid.get(solid.size() - 1)[1];
            if (end < lowest) {
                lowest = end;
                lowestMarks = marks;
                lowestSolid = solid;
            }
        }
        // markers after every line, the labelled (lowest) curve's last so that none hides them
        final List<double[]> labelled = lowestMarks;
        markerSeries.entrySet().stream()
                .sorted(java.util.Comparator.comparing(en -> en.getValue() == labelled))
                .filter(en -> !en.getValue().isEmpty())
                .forEach(en -> Charts.points(
                                chart,
                                en.getKey() + " markers",
                                column(en.getValue(), 0),
                                column(en.getValue(), 1),
                                null,
                                markerColour.get(en.getKey()),
                                markerColour.get(en.getKey()))
                        .setShowInLegend(false));
        // the lowest curve's markers carry the labels, on its lower-left side (empty: no model does better
        // on both risks), offset along the curve's normal in axis-fraction units; the axes leave room for them
        double w = maxX - minX;
        double h = maxY - minY;
        chart.getStyler().setXAxisMin(minX - 0.12 * w);
        chart.getStyler().setYAxisMin(minY - 0.1 * h);
        for (double[] p : lowestMarks) {
            double[] n = lowerLeftNormal(lowestSolid, p, w, h);
            chart.addAnnotation(new AnnotationText(
                    "ε=" + Columns.num(p[2]), p[0] + 0.075 * n[0] * w, p[1] + 0.075 * n[1] * h, false));
        }
        if (!Double.isNaN(start)) {
            Charts.points(
                    chart, "standard model (ε_train = 0)", new double[] {start}, new double[] {startY}, null, 2, 0);
            legend.add("standard model (ε_train = 0)");
        }
        return new Figure(id(), chart, legend, caption());
    }

    /**
     * The unit normal of the curve at point p (tangent from its neighbours, in units of the axes'
     * ranges w and h), turned towards lower x and lower y.
     */
    static double[] lowerLeftNormal(List<double[]> curve, double[] p, double w, double h) {
        int i = curve.indexOf(p);
        double[] a = curve.get(Math.max(0, i - 1));
        double[] b = curve.get(Math.min(curve.size() - 1, i + 1));
        double tx = (b[0] - a[0]) / w;
        double ty = (b[1] - a[1]) / h;
        double len = Math.hypot(tx, ty);
        if (len == 0) {
            return new double[] {-Math.sqrt(0.5), -Math.sqrt(0.5)};
        }
        double nx = -ty / len;
        double ny = tx / len;
        return nx + ny <= 0 ? new double[] {nx, ny} : new double[] {-nx, -ny};
    }

    private static double[] column(List<double[]> points, int k) {
        return points.stream().mapToDouble(p -> p[k]).toArray();
    }
}
