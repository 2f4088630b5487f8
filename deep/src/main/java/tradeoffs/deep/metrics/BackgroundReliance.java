package tradeoffs.deep.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.data.EvaluationData;
import tradeoffs.io.Grid;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Every clean (non-adversarial) metric of a model on the shifted-backgrounds benchmark
 * (Xiao et al. 2020; Moayeri et al. 2022; Sagawa et al. 2020): accuracy per variant, BG-gap, RFS at several noise levels on the original test
 * images, and average / worst-group accuracy on the broken-correlation split. On real data some
 * parts may be missing: {@code gap} and {@code groups} are then null and {@code rfs} empty.
 */
public record BackgroundReliance(
        List<Accuracy> variants, BackgroundGap gap, List<RelativeForegroundSensitivity> rfs, GroupAccuracy groups) {

    /** Default RFS noise levels σ. */
    public static final double[] DEFAULT_SIGMAS = {0.1, 0.25, 0.5};

    /** Columns of {@link #table}, after the caller's leading columns. */
    public static final List<String> COLUMNS =
            List.of(ColumnNames.METRIC, ColumnNames.SET, ColumnNames.NOISE_SIGMA, ColumnNames.N, ColumnNames.VALUE);

    /**
     * Checks RFS noise levels: each must be &gt; 0.
     *
     * @throws ParameterException ({@code rfs_sigma}) naming the first that is not
     */
    public static void requireSigmas(double[] sigmas) {
        for (double s : sigmas) {
            if (!(s > 0)) {
                throw new ParameterException("rfs_sigma", "values must be > 0", Grid.number(s));
            }
        }
    }

    public BackgroundReliance {
        variants = List.copyOf(variants);
        rfs = List.copyOf(rfs);
    }

    /**
     * Scores {@code predictor} on {@code n} test images of every variant and on the balanced group
     * split of {@code bench} ({@link ShiftedBackgrounds#groupSplitSize} images: every class ×
     * background group at least {@link ShiftedBackgrounds#MIN_PER_GROUP} times); RFS noise at each of
     * {@code sigmas}, seeded by {@code seed}.
     */
    public static BackgroundReliance evaluate(
            Predictor predictor, ShiftedBackgrounds bench, int n, double[] sigmas, long seed) {
        return evaluate(predictor, EvaluationData.generated(bench, n), sigmas, seed);
    }

    /**
     * Scores {@code predictor} on whatever {@code data} holds (the generated benchmark, ImageNet-9
     * folders, a Waterbirds test split): accuracy on every variant; BG-gap when mixed_same and
     * mixed_rand are there; RFS on the masked original images when there are any; group accuracy
     * when there is a group split.
     */
    public static BackgroundReliance evaluate(Predictor predictor, EvaluationData data, double[] sigmas, long seed) {
        return evaluate(predictor, data.variants(), data.masked(), data.groups(), sigmas, seed);
    }

    /**
     * Scores {@code predictor} on the given sets: accuracy on every variant; BG-gap when mixed_same
     * and mixed_rand are there; RFS on {@code masked} (or on the original variant when it has masks
     * and {@code masked} is null); group accuracy when {@code groups} is not null.
     */
    public static BackgroundReliance evaluate(
            Predictor predictor,
            Map<Variant, ImageSet> sets,
            ImageSet masked,
            ImageSet groups,
            double[] sigmas,
            long seed) {
        List<Accuracy> acc = new ArrayList<>();
        for (Map.Entry<Variant, ImageSet> e : sets.entrySet()) {
            acc.add(rename(Accuracy.of(predictor, e.getValue()), e.getKey().id()));
        }
        BackgroundGap gap = sets.containsKey(Variant.MIXED_SAME) && sets.containsKey(Variant.MIXED_RAND)
                ? new BackgroundGap(find(acc, "mixed_same"), find(acc, "mixed_rand"))
                : null;
        ImageSet original = sets.get(Variant.ORIGINAL);
        ImageSet rfsSet =
                masked != null ? masked : original != null && original.foregroundMask() != null ? original : null;
        List<RelativeForegroundSensitivity> r = rfsSet == null
                ? List.of()
                : List.of(RelativeForegroundSensitivity.evaluate(predictor, rfsSet, sigmas, seed));
        GroupAccuracy g = groups == null ? null : GroupAccuracy.evaluate(predictor, groups);
        return new BackgroundReliance(acc, gap, r, g);
    }

    /** Accuracy of the variant with ImageNet-9 id {@code id}. */
    public Accuracy variant(String id) {
        return find(variants, id);
    }

    /**
     * One row per number, long format: {@code metric} ∈ {accuracy, bg_gap, acc_fg_noise,
     * acc_bg_noise, rfs, avg_group_accuracy, worst_group_accuracy, group_accuracy}; {@code set} the
     * variant or split ({@code y<class>_bg<background>} for a group's row); {@code noise_sigma} for
     * the RFS rows; {@code n} the images behind the number (for the average and worst group: the whole
     * group split; for a group: its count, so the table shows every group's size).
     */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Accuracy a : variants) {
            out.add(row("accuracy", a.set(), Double.NaN, a.n(), a.value()));
        }
        if (gap != null) {
            out.add(row(
                    "bg_gap",
                    "mixed_same-mixed_rand",
                    Double.NaN,
                    gap.mixedSame().n(),
                    gap.value()));
        }
        for (RelativeForegroundSensitivity r : rfs) {
            out.add(row(
                    "acc_fg_noise",
                    "original",
                    r.sigma(),
                    r.fgNoise().n(),
                    r.fgNoise().value()));
            out.add(row(
                    "acc_bg_noise",
                    "original",
                    r.sigma(),
                    r.bgNoise().n(),
                    r.bgNoise().value()));
            out.add(row("rfs", "original", r.sigma(), r.fgNoise().n(), r.value()));
        }
        if (groups != null) {
            int ng = groups.groups().stream().mapToInt(GroupAccuracy.Group::n).sum();
            out.add(row("avg_group_accuracy", "groups", Double.NaN, ng, groups.average()));
            out.add(row("worst_group_accuracy", "groups", Double.NaN, ng, groups.worst()));
            for (GroupAccuracy.Group g : groups.groups()) {
                out.add(row("group_accuracy", g.id(), Double.NaN, g.n(), g.accuracy()));
            }
        }
        return out;
    }

    /** {@link #rows()} as a table, each row prefixed by the {@code leading} columns (e.g. model, eps). */
    public ResultTable table(Map<String, ?> leading) {
        List<String> cols = new ArrayList<>(leading.keySet());
        cols.addAll(COLUMNS);
        ResultTable.Builder b = ResultTable.builder(cols);
        for (Map<String, Object> r : rows()) {
            Map<String, Object> full = new LinkedHashMap<>(leading);
            full.putAll(r);
            b.row(full);
        }
        return b.build();
    }

    private static Map<String, Object> row(String metric, String set, double sigma, int n, double value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("set", set);
        m.put("noise_sigma", sigma);
        m.put("n", n);
        m.put("value", value);
        return m;
    }

    private static Accuracy rename(Accuracy a, String set) {
        return new Accuracy(set, a.n(), a.correct());
    }

    private static Accuracy find(List<Accuracy> list, String id) {
        for (Accuracy a : list) {
            if (a.set().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no accuracy for variant '" + id + "'");
    }
}
