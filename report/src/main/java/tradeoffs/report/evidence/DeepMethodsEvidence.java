package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.StatUtils;
import tradeoffs.figures.DeepMethodsFigure;
import tradeoffs.figures.Palette;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;

/**
 * The methods setting of the deep stage: CNNs trained with standard training, PGD (Madry et al.
 * 2018), MAX/AVG (Tramèr &amp; Boneh 2019), BETA-AT (Robey et al. 2024) and TRADES (Zhang et al. 2019)
 * on the same benchmark, side by side. No claim verdict: a section with robust accuracy against ε
 * per method and norm, union robust accuracy, and the robust-overfitting check (best epoch against
 * the last one on held-out images).
 *
 * <p>Derived tables: {@code deep_methods_by_eps} (robust accuracy per method, norm and ε: mean over
 * training seeds, SE² = seed variance / S + mean binomial variance p(1 − p)/(n·S), the seed part 0
 * with one seed) and {@code deep_methods_overfitting} (per model: best epoch, best and last robust
 * accuracy, their difference, and two binomial SEs of the last value, √(p(1 − p)/n)).
 */
public final class DeepMethodsEvidence implements ReportContributor {

    @Override
    public Level level() {
        return Level.DEEP_CNN;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        return List.of();
    }

    @Override
    public Map<String, ResultTable> derivedTables(ResultsFolder folder) {
        Map<String, ResultTable> out = new LinkedHashMap<>();
        folder.table(TableNames.DEEP_METHODS_ROBUST)
                .filter(t -> t.size() > 0)
                .ifPresent(t -> out.put(TableNames.DEEP_METHODS_BY_EPS, byEps(t)));
        folder.table(TableNames.DEEP_METHODS_EPOCHS)
                .filter(t -> t.size() > 0)
                .ifPresent(t -> out.put(TableNames.DEEP_METHODS_OVERFITTING, overfitting(t)));
        return out;
    }

    /** Robust accuracy per (method, training norm, norm, ε): mean over seeds and its SE. */
    static ResultTable byEps(ResultTable robust) {
        ResultTable.Builder b = ResultTable.builder(
                TRAIN_METHOD, TRAIN_NORM, TRAIN_EPS, NORM, EPS, REPLICATES, N, ROBUST_ACCURACY, se(ROBUST_ACCURACY));
        for (String method : robust.distinct(TRAIN_METHOD)) {
            ResultTable m = robust.where(TRAIN_METHOD, method);
            for (String trainNorm : m.distinct(TRAIN_NORM)) {
                ResultTable mt = m.where(TRAIN_NORM, trainNorm);
                for (String norm : mt.distinct(NORM)) {
                    ResultTable mn = mt.where(NORM, norm);
                    for (String eps : mn.distinct(EPS)) {
                        ResultTable rows = mn.where(EPS, eps);
                        double[] p = rows.doubles(ROBUST_ACCURACY);
                        double n = rows.getDouble(0, N);
                        double mean = StatUtils.mean(p);
                        double binomial = 0;
                        for (double x : p) {
                            binomial += x * (1 - x) / n / p.length;
                        }
                        double seed = p.length > 1 ? StatUtils.variance(p) / p.length : 0;
                        b.row(
                                method,
                                trainNorm,
                                rows.getDouble(0, TRAIN_EPS),
                                norm,
                                Double.parseDouble(eps),
                                p.length,
                                (int) n,
                                mean,
                                Math.sqrt(seed + binomial / p.length));
                    }
                }
            }
        }
        return b.build();
    }

    /** Per model: the best epoch (first on ties), best and last robust accuracy, their gap, 2 SE of the last. */
    static ResultTable overfitting(ResultTable epochs) {
        ResultTable.Builder b = ResultTable.builder(
                TRAIN_METHOD,
                TRAIN_NORM,
                TRAIN_EPS,
                REPLICATE,
                NORM,
                EPS,
                N,
                EPOCHS,
                BEST_EPOCH,
                BEST_ROBUST_ACCURACY,
                LAST_ROBUST_ACCURACY,
                BEST_MINUS_LAST,
                TWO_SE);
        boolean reps = epochs.hasColumn(REPLICATE);
        for (String method : epochs.distinct(TRAIN_METHOD)) {
            ResultTable m = epochs.where(TRAIN_METHOD, method);
            for (String trainNorm : m.distinct(TRAIN_NORM)) {
                ResultTable mt = m.where(TRAIN_NORM, trainNorm);
                for (String rep : reps ? mt.distinct(REPLICATE) : List.of("0")) {
                    ResultTable rows = reps ? mt.where(REPLICATE, rep) : mt;
                    double[] robust = rows.doubles(ROBUST_ACCURACY);
                    int best = 0;
                    for (int i = 1; i < robust.length; i++) {
                        if (robust[i] > robust[best]) {
                            best = i;
                        }
                    }
                    double last = robust[robust.length - 1];
                    double n = rows.getDouble(0, N);
                    b.row(
                            method,
                            trainNorm,
                            rows.getDouble(0, TRAIN_EPS),
                            rep,
                            rows.get(0, NORM),
                            rows.getDouble(0, EPS),
                            (int) n,
                            robust.length,
                            (int) rows.getDouble(best, EPOCH),
                            robust[best],
                            last,
                            robust[best] - last,
                            2 * Math.sqrt(last * (1 - last) / n));
                }
            }
        }
        return b.build();
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        Optional<ResultTable> robust = folder.table(TableNames.DEEP_METHODS_ROBUST);
        if (robust.isEmpty() || robust.get().size() == 0) {
            return List.of();
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph(settings(folder)));
        ResultTable byEps = byEps(robust.get());
        blocks.add(new ReportBlock.Paragraph(largestEpsInWords(byEps, folder.table(TableNames.DEEP_METHODS_UNION))));
        for (String norm : byEps.distinct(NORM)) {
            blocks.add(new ReportBlock.FigureRef("deep_methods_" + norm, ""));
        }
        blocks.add(new ReportBlock.Table(
                "Robust accuracy against ε per training method and attack norm (mean over training seeds; "
                        + "deep_methods_by_eps.csv, from deep_methods_robust.csv)",
                byEps,
                80));
        folder.table(TableNames.DEEP_METHODS_UNION)
                .filter(t -> t.size() > 0)
                .ifPresent(t -> blocks.add(new ReportBlock.Table(
                        "Union robust accuracy: images classified correctly under every attack of every norm at "
                                + "its largest radius (deep_methods_union.csv)",
                        select(
                                t,
                                List.of(
                                        TRAIN_METHOD,
                                        TRAIN_NORM,
                                        REPLICATE,
                                        EPS_BY_NORM,
                                        N,
                                        CLEAN_ACCURACY,
                                        UNION_ROBUST_ACCURACY)),
                        40)));
        folder.table(TableNames.DEEP_METHODS_EPOCHS).filter(t -> t.size() > 0).ifPresent(t -> {
            ResultTable o = overfitting(t);
            blocks.add(new ReportBlock.Paragraph(overfittingInWords(o)));
            blocks.add(new ReportBlock.Table(
                    "Robust overfitting check: robust accuracy on held-out images after every epoch, best epoch "
                            + "against the last (deep_methods_overfitting.csv, from deep_methods_epochs.csv)",
                    o,
                    40));
        });
        return List.of(new ReportSection("Deep: training methods side by side", blocks));
    }

    private static String settings(ResultsFolder folder) {
        Optional<ResultTable> st = folder.table(TableNames.DEEP_SETTINGS)
                .map(t -> t.hasColumn(ROLE) ? t.where(ROLE, "methods") : t.where(BENCHMARK, "-"));
        if (st.isEmpty() || st.get().size() == 0) {
            return "CNNs trained with each method on the same benchmark, training images and epochs.";
        }
        ResultTable t = st.get();
        return String.format(
                Locale.ROOT,
                "CNNs trained side by side on the bg<fg benchmark (rows labelled `%s`; %s×%s images, K = %s, ρ = %s, κ_fg = %s, κ_bg = %s), %s training "
                        + "images, %s epochs, %s PGD steps in training (PGD, MAX/AVG, BETA-AT against every wrong "
                        + "class, TRADES' KL ascent), %s training seed(s) per method: %s. Evaluation on %s test "
                        + "images: %s; measured: %s.",
                t.get(0, BENCHMARK),
                t.get(0, IMAGE_SIZE),
                t.get(0, IMAGE_SIZE),
                t.get(0, CLASSES),
                t.get(0, RHO),
                t.get(0, FG_CONTRAST),
                t.get(0, BG_CONTRAST),
                t.get(0, TRAIN_IMAGES),
                t.get(0, EPOCHS),
                t.get(0, ATTACK_STEPS),
                t.get(0, REPLICATES),
                t.get(0, TRAIN_REGIMES),
                t.get(0, TEST_IMAGES),
                "PGD-CE and BETA must both fail, " + t.get(0, EVAL_ATTACK_STEPS) + " steps, ε grid "
                        + t.get(0, EVAL_EPS),
                t.get(0, MEASURES));
    }

    /** One sentence per norm at its largest ε: each method's robust accuracy, and the union. */
    private static String largestEpsInWords(ResultTable byEps, Optional<ResultTable> union) {
        StringBuilder sb = new StringBuilder();
        for (String norm : byEps.distinct(NORM)) {
            ResultTable rows = byEps.where(NORM, norm);
            double max = StatUtils.max(rows.doubles(EPS));
            ResultTable at = rows.where(EPS, e -> Double.parseDouble(e) == max);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < at.size(); i++) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%s %.3f",
                        label(at.get(i, TRAIN_METHOD), at.get(i, TRAIN_NORM)),
                        at.getDouble(i, ROBUST_ACCURACY)));
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "Robust accuracy at %s ε = %s: %s. ",
                    Palette.normLabel(norm),
                    Fmt.g(max),
                    String.join(", ", parts)));
        }
        union.filter(t -> t.size() > 0).ifPresent(t -> {
            List<String> parts = new ArrayList<>();
            for (String method : t.distinct(TRAIN_METHOD)) {
                for (String tn : t.where(TRAIN_METHOD, method).distinct(TRAIN_NORM)) {
                    double[] v =
                            t.where(TRAIN_METHOD, method).where(TRAIN_NORM, tn).doubles(UNION_ROBUST_ACCURACY);
                    parts.add(String.format(Locale.ROOT, "%s %.3f", label(method, tn), StatUtils.mean(v)));
                }
            }
            sb.append(String.format(
                    Locale.ROOT, "Union robust accuracy (%s): %s.", t.get(0, EPS_BY_NORM), String.join(", ", parts)));
        });
        return sb.toString().trim();
    }

    private static String overfittingInWords(ResultTable o) {
        List<String> over = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
            String name = label(o.get(i, TRAIN_METHOD), o.get(i, TRAIN_NORM));
            double gap = o.getDouble(i, BEST_MINUS_LAST);
            String s = String.format(
                    Locale.ROOT,
                    "%s (best %.3f at epoch %s of %s, last %.3f)",
                    name,
                    o.getDouble(i, BEST_ROBUST_ACCURACY),
                    o.get(i, BEST_EPOCH),
                    o.get(i, EPOCHS),
                    o.getDouble(i, LAST_ROBUST_ACCURACY));
            (gap > o.getDouble(i, TWO_SE) ? over : fine).add(s);
        }
        return String.format(
                Locale.ROOT,
                "Robust overfitting (the last epoch's held-out robust accuracy more than two binomial standard "
                        + "errors below the best epoch's): %s. Within two SEs of the best, or at it: %s.",
                over.isEmpty() ? "none" : String.join("; ", over),
                fine.isEmpty() ? "none" : String.join("; ", fine));
    }

    /** The columns of {@code t} that it has, in the order given. */
    private static ResultTable select(ResultTable t, List<String> wanted) {
        List<String> cols = wanted.stream().filter(t::hasColumn).toList();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            List<String> r = new ArrayList<>();
            for (String c : cols) {
                r.add(t.get(i, c));
            }
            rows.add(r);
        }
        return new ResultTable(cols, rows);
    }

    private static String label(String method, String trainNorm) {
        return DeepMethodsFigure.label(method, trainNorm);
    }
}
