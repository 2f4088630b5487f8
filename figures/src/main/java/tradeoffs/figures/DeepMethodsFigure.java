package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/**
 * Robust accuracy against the attack radius ε in one norm, one line per training method of the
 * deep stage's methods setting (standard, PGD, MAX, AVG, BETA-AT, TRADES), from
 * {@code deep_methods_by_eps}: the mean over training seeds with bars of two standard errors (the
 * report's deep evidence derives both from {@code deep_methods_robust.csv}). One figure per norm.
 *
 * @param norm the attack norm shown: l1, l2 or linf
 */
public record DeepMethodsFigure(String norm) implements FigureSpec {

    @Override
    public String id() {
        return "deep_methods_" + norm;
    }

    @Override
    public String caption() {
        return "Robust accuracy of CNNs trained with each method (standard, PGD, MAX/AVG, BETA-AT, TRADES) against "
                + "the " + Palette.normLabel(norm) + " attack radius ε (PGD-CE and BETA must both fail); points: "
                + "mean over training seeds, bars: ±2 standard errors (seed spread plus binomial test error).";
    }

    @Override
    public List<TableNeed> needs() {
        return List.of(new TableNeed(
                TableNames.DEEP_METHODS_BY_EPS,
                List.of(TRAIN_METHOD, TRAIN_NORM, NORM, EPS, ROBUST_ACCURACY, se(ROBUST_ACCURACY))));
    }

    @Override
    public Optional<String> unsupported(ResultsFolder folder) {
        Optional<String> m = FigureSpec.super.unsupported(folder);
        if (m.isPresent()) {
            return m;
        }
        return folder.require(TableNames.DEEP_METHODS_BY_EPS).where(NORM, norm).size() == 0
                ? Optional.of(TableNames.DEEP_METHODS_BY_EPS + " has no " + norm + " rows")
                : Optional.empty();
    }

    @Override
    public Figure draw(ResultsFolder folder) {
        ResultTable t = folder.require(TableNames.DEEP_METHODS_BY_EPS).where(NORM, norm);
        XYChart chart = Charts.xy(Palette.normLabel(norm) + " attack radius ε", "robust accuracy");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> legend = new ArrayList<>();
        int k = 0;
        for (String method : t.distinct(TRAIN_METHOD)) {
            for (String trainNorm : t.where(TRAIN_METHOD, method).distinct(TRAIN_NORM)) {
                ResultTable rows = t.where(TRAIN_METHOD, method).where(TRAIN_NORM, trainNorm);
                double[] eps = rows.doubles(EPS);
                double[] acc = rows.doubles(ROBUST_ACCURACY);
                double[] err = rows.doubles(se(ROBUST_ACCURACY));
                for (int i = 0; i < err.length; i++) {
                    err[i] *= 2;
                }
                String name = label(method, trainNorm);
                int c = k % Palette.COLORS.size();
                Charts.lineWithMarkers(chart, name, eps, acc, c, k / Palette.COLORS.size(), c);
                Charts.points(chart, name + " (±2 SE)", eps, acc, err, c, c).setShowInLegend(false);
                legend.add(name);
                k++;
            }
        }
        return new Figure(id(), chart, legend, caption());
    }

    /** How a training method is named in legends and the report: "standard", "PGD ℓ∞", "MAX ℓ∞+ℓ2", "BETA-AT ℓ∞", "TRADES ℓ∞". */
    public static String label(String method, String trainNorm) {
        if (method.equals("standard")) {
            return "standard";
        }
        List<String> norms = new ArrayList<>();
        for (String n : trainNorm.split("\\+")) {
            norms.add(Palette.normLabel(n));
        }
        String m = method.equals("beta") ? "BETA-AT" : method.toUpperCase(Locale.ROOT);
        return m + " " + String.join("+", norms);
    }
}
