package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tradeoffs.figures.Columns;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Verdict;

/**
 * Claims C1 (the MEP bound) and C2 (where the optimal classifiers meet it), from {@code class_frontier}
 * (exact accuracies of the tradeoff path and the optima, docs/math.md §10.2–§10.4) and {@code class_mep}
 * (Monte Carlo with per-sample worst-case attacks beside the exact values). Rules in
 * docs/math.md §12.6.
 */
final class MepEvidence {
    /** Slack of "≥ 1" for exact error sums: the closed forms are accurate to about 1e-13. */
    static final double EXACT_SLACK = 1e-12;
    /** "On the bound": |error sum − 1| within this (the constant classifier gives exactly 1). */
    static final double ON_BOUND = 1e-9;

    static final List<String> FIGURES = List.of("mep_frontier");
    private static final String PREMISE = "ε∞ ≥ 2η and ε₁ ≥ 2";

    private MepEvidence() {}

    // ------------------------------------------------------------------ C1

    static Optional<ClaimEvidence> boundTheory(ResultsFolder folder) {
        List<String> labels = new ArrayList<>();
        List<Double> sums = new ArrayList<>();
        ResultTable params = null;
        if (folder.missing(CLASS_MEP, List.of(MEP_APPLIES, CLASSIFIER, theory(ERROR_SUM)))
                .isEmpty()) {
            ResultTable t = folder.require(CLASS_MEP).where(MEP_APPLIES, "true");
            collect(t, theory(ERROR_SUM), labels, sums);
            params = t;
        }
        if (folder.missing(CLASS_FRONTIER, List.of(MEP_APPLIES, CLASSIFIER, ERROR_SUM))
                .isEmpty()) {
            ResultTable t = folder.require(CLASS_FRONTIER).where(MEP_APPLIES, "true");
            collect(t, ERROR_SUM, labels, sums);
            params = t; // every d and radius tried, the Monte Carlo's among them
        }
        if (sums.isEmpty()) {
            return Optional.empty();
        }
        int min = 0;
        int below = 0;
        for (int i = 0; i < sums.size(); i++) {
            min = sums.get(i) < sums.get(min) ? i : min;
            below += sums.get(i) < 1 - EXACT_SLACK ? 1 : 0;
        }
        String text = "Exact error sums (ℓ∞ robust error + ℓ1 robust error, §10.2) of " + sums.size()
                + " classifiers under the premise " + PREMISE + " (" + counts(labels) + "): the smallest is "
                + Fmt.g(sums.get(min)) + " (" + labels.get(min) + ")"
                + (below == 0 ? ", none below 1" : "; " + below + " below 1");
        return Optional.of(new ClaimEvidence(
                Claim.MEP_BOUND,
                Level.THEORY,
                Verdict.of(below == 0),
                text,
                parameters(params),
                "[derived] docs/math.md §10.2 (exact accuracy of linear classifiers), §10.3 (bound)",
                FIGURES));
    }

    static Optional<ClaimEvidence> boundSimulation(ResultsFolder folder) {
        if (folder.missing(CLASS_MEP, mcColumns()).isPresent()) {
            return Optional.empty();
        }
        ResultTable all = folder.require(CLASS_MEP);
        ResultTable t = all.where(MEP_APPLIES, "true");
        if (t.size() == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.MEP_BOUND, Level.SIMULATION, "class_mep.csv has no classifier under the premise " + PREMISE));
        }
        double[] sum = t.doubles(ERROR_SUM);
        double[] se = t.doubles(se(ERROR_SUM));
        double zCrit = Bonferroni.oneSided(t.size());
        int below = 0;
        int min = 0;
        for (int i = 0; i < sum.length; i++) {
            min = sum[i] < sum[min] ? i : min;
            below += sum[i] + zCrit * se[i] < 1 - EXACT_SLACK ? 1 : 0;
        }
        Bonferroni.Agreement agree = agreement(all);
        boolean ok = below == 0 && agree.agrees();
        String text = "Monte Carlo with the worst-case perturbation applied to every sample (" + samples(t)
                + " samples per classifier, " + t.size() + " classifiers under the premise: "
                + counts(t.strings(CLASSIFIER))
                + "): smallest error sum " + Fmt.g(sum[min]) + " ± " + Fmt.g(se[min]) + " (" + t.get(min, CLASSIFIER)
                + "); " + (below == 0 ? "none" : below + "") + " below 1 by more than " + Fmt.g(zCrit)
                + " standard errors (one-sided, Bonferroni over " + t.size() + "). Agreement with the exact values: "
                + agree.describe() + ".";
        return Optional.of(new ClaimEvidence(
                Claim.MEP_BOUND,
                Level.SIMULATION,
                Verdict.of(ok),
                text,
                parameters(t),
                "[derived] per-sample worst case δ* = −y·ε·u*(w), docs/math.md §10.2; z-scores §7.2",
                FIGURES));
    }

    // ------------------------------------------------------------------ C2

    static Optional<ClaimEvidence> optimaTheory(ResultsFolder folder) {
        if (folder.missing(CLASS_FRONTIER, CLASS_FRONTIER_COLUMNS).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(CLASS_FRONTIER);
        Map<String, ResultTable> blocks = blocks(t);
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        // (a) on the bound under the premise
        int onBound = 0;
        int premiseBlocks = 0;
        for (ResultTable b : blocks.values()) {
            if (!b.get(0, MEP_APPLIES).equals("true")) {
                continue;
            }
            premiseBlocks++;
            for (String opt : List.of("opt_union", "opt_avg")) {
                ResultTable r = b.where(CLASSIFIER, opt);
                boolean here = r.size() == 1
                        && Math.abs(r.getDouble(0, ERROR_SUM) - 1) <= ON_BOUND
                        && r.getDouble(0, UNION_ACCURACY) <= 0.5 + ON_BOUND;
                onBound += here ? 1 : 0;
                ok &= here;
            }
        }
        if (premiseBlocks == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.MEP_OPTIMA, Level.THEORY, "class_frontier.csv has no block under the premise " + PREMISE));
        }
        parts.add("under the premise the union- and average-optimal classifiers have error sum 1 and union accuracy ≤ ½"
                + " in " + onBound + " of " + 2 * premiseBlocks + " cases");
        // (b) approached as d grows
        Map<String, TreeMap<Double, ResultTable>> byDim = new LinkedHashMap<>();
        for (ResultTable b : blocks.values()) {
            if (b.get(0, MEP_APPLIES).equals("true")) {
                byDim.computeIfAbsent("p0=" + b.get(0, P0) + ",alpha=" + b.get(0, ALPHA), k -> new TreeMap<>())
                        .put(b.getDouble(0, DIM), b);
            }
        }
        int dimSeries = 0;
        for (TreeMap<Double, ResultTable> series : byDim.values()) {
            if (series.size() < 2) {
                continue;
            }
            dimSeries++;
            List<String> weak = new ArrayList<>();
            List<String> l1 = new ArrayList<>();
            double lastWeak = Double.POSITIVE_INFINITY;
            double lastL1 = Double.POSITIVE_INFINITY;
            boolean shrinking = true;
            for (Map.Entry<Double, ResultTable> e : series.entrySet()) {
                double gw = weakEnd(e.getValue()) - 1;
                ResultTable o = e.getValue().where(CLASSIFIER, "opt_l1");
                double gl = o.size() == 1 ? o.getDouble(0, ERROR_SUM) - 1 : Double.NaN;
                shrinking &= gw < lastWeak && gl < lastL1 && gw >= -EXACT_SLACK && gl >= -EXACT_SLACK;
                lastWeak = gw;
                lastL1 = gl;
                weak.add("d=" + Fmt.g(e.getKey()) + ": " + Fmt.g(gw));
                l1.add(Fmt.g(gl));
            }
            ok &= shrinking;
            parts.add("error sum − 1 of the weak-feature end of the path " + String.join(", ", weak)
                    + ", of the ℓ1-optimal classifier " + String.join(", ", l1)
                    + (shrinking ? " (shrinking with d)" : " (not shrinking with d)"));
        }
        // (c) the premise matters
        List<String> outside = new ArrayList<>();
        int outsideBlocks = 0;
        for (ResultTable b : blocks.values()) {
            if (b.get(0, MEP_APPLIES).equals("true")) {
                continue;
            }
            ResultTable r = b.where(CLASSIFIER, "opt_union");
            if (r.size() != 1) {
                continue;
            }
            outsideBlocks++;
            double s = r.getDouble(0, ERROR_SUM);
            ok &= s < 1 - ON_BOUND;
            outside.add("at ε∞=" + Fmt.g(b.getDouble(0, EPS_LINF)) + ", ε₁=" + Fmt.g(b.getDouble(0, EPS_L1)) + " (d="
                    + Fmt.g(b.getDouble(0, DIM)) + ") the union optimum has error sum " + Fmt.g(s)
                    + " and union accuracy "
                    + Fmt.g(r.getDouble(0, UNION_ACCURACY)));
        }
        if (dimSeries == 0 || outsideBlocks == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.MEP_OPTIMA,
                    Level.THEORY,
                    "class_frontier.csv needs " + "premise blocks at two or more d and a block outside the premise"));
        }
        parts.add("outside the premise " + String.join("; ", outside));
        return Optional.of(new ClaimEvidence(
                Claim.MEP_OPTIMA,
                Level.THEORY,
                Verdict.of(ok),
                capitalised(String.join("; ", parts)) + ".",
                parameters(t),
                "[derived] docs/math.md §10.3 (tightness), §10.4 (optimal linear "
                        + "classifiers: grid + Nelder–Mead, a careful numerical optimum)",
                FIGURES));
    }

    static Optional<ClaimEvidence> optimaSimulation(ResultsFolder folder) {
        if (folder.missing(CLASS_MEP, mcColumns()).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(CLASS_MEP);
        ResultTable onBound =
                t.where(MEP_APPLIES, "true").where(CLASSIFIER, c -> c.equals("opt_union") || c.equals("opt_avg"));
        ResultTable outside = t.where(MEP_APPLIES, "false").where(CLASSIFIER, "opt_union");
        if (onBound.size() == 0 || outside.size() == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.MEP_OPTIMA,
                    Level.SIMULATION,
                    "class_mep.csv needs the "
                            + "union and average optima under the premise and the union optimum outside it"));
        }
        int m = onBound.size() + outside.size();
        double z2 = Bonferroni.twoSided(m);
        double z1 = Bonferroni.oneSided(m);
        boolean ok = true;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < onBound.size(); i++) {
            double s = onBound.getDouble(i, ERROR_SUM);
            double se = onBound.getDouble(i, se(ERROR_SUM));
            boolean consistent = Math.abs(s - 1) <= z2 * se + ON_BOUND;
            ok &= consistent;
            parts.add(onBound.get(i, CLASSIFIER) + " under the premise: error sum " + Fmt.g(s) + " ± " + Fmt.g(se)
                    + (consistent ? " (consistent with 1)" : " (not consistent with 1)"));
        }
        for (int i = 0; i < outside.size(); i++) {
            double s = outside.getDouble(i, ERROR_SUM);
            double se = outside.getDouble(i, se(ERROR_SUM));
            boolean beats = s + z1 * se < 1;
            ok &= beats;
            parts.add("opt_union at ε∞=" + Fmt.g(outside.getDouble(i, EPS_LINF)) + ", ε₁="
                    + Fmt.g(outside.getDouble(i, EPS_L1)) + ": " + Fmt.g(s) + " ± " + Fmt.g(se)
                    + (beats ? " (below 1)" : " (not significantly below 1)"));
        }
        return Optional.of(new ClaimEvidence(
                Claim.MEP_OPTIMA,
                Level.SIMULATION,
                Verdict.of(ok),
                "Monte Carlo of the "
                        + "optimal classifiers with per-sample worst-case attacks: " + String.join("; ", parts)
                        + " (Bonferroni "
                        + "over " + m + " tests: two-sided " + Fmt.g(z2) + ", one-sided " + Fmt.g(z1)
                        + " standard errors).",
                parameters(t),
                "[derived] docs/math.md §10.3–§10.4; z-scores §7.2",
                FIGURES));
    }

    // ------------------------------------------------------------------ helpers

    static List<String> mcColumns() {
        return List.of(
                MEP_APPLIES, CLASSIFIER, ERROR_SUM, se(ERROR_SUM), z(LINF_ACCURACY), z(L1_ACCURACY), z(ERROR_SUM));
    }

    /** Every z of the ℓ∞, ℓ1 and error-sum estimates, against the Bonferroni bound for their number. */
    static Bonferroni.Agreement agreement(ResultTable t) {
        List<Double> z = new ArrayList<>();
        for (String q : List.of(LINF_ACCURACY, L1_ACCURACY, ERROR_SUM)) {
            for (double v : t.doubles(z(q))) {
                z.add(v);
            }
        }
        return Bonferroni.Agreement.of(
                z.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The error sum at the largest θ on the path (the weak-feature classifier). */
    private static double weakEnd(ResultTable block) {
        double[][] xy = Columns.sortedXY(block.where(CLASSIFIER, "path"), THETA, ERROR_SUM);
        return xy[0].length == 0 ? Double.NaN : xy[1][xy[1].length - 1];
    }

    /** The table split by (p0, dim, alpha, eps_linf, eps_l1), in order of appearance. */
    private static Map<String, ResultTable> blocks(ResultTable t) {
        Map<String, ResultTable> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            keys.add(t.get(i, P0) + "|" + t.get(i, DIM) + "|" + t.get(i, ALPHA) + "|" + t.get(i, EPS_LINF) + "|"
                    + t.get(i, EPS_L1));
        }
        for (String k : new java.util.LinkedHashSet<>(keys)) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                if (keys.get(i).equals(k)) {
                    rows.add(t.rows().get(i));
                }
            }
            out.put(k, new ResultTable(t.columns(), rows));
        }
        return out;
    }

    private static void collect(ResultTable t, String col, List<String> labels, List<Double> sums) {
        double[] v = t.doubles(col);
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                labels.add(t.get(i, CLASSIFIER));
                sums.add(v[i]);
            }
        }
    }

    /** "40 random, 5 path, 4 optimal". */
    static String counts(List<String> labels) {
        Map<String, Integer> c = new LinkedHashMap<>();
        for (String l : labels) {
            c.merge(l.startsWith("opt_") ? "optimal" : l, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        c.forEach((k, v) -> parts.add(v + " " + k));
        return String.join(", ", parts);
    }

    private static String samples(ResultTable t) {
        return t.hasColumn(SAMPLES) ? Fmt.g(t.getDouble(0, SAMPLES)) : "?";
    }

    /** e.g. "p₀ = 0.95, α = 2, d ∈ {100, 1000, 10000}, ε∞ ∈ {0.1, 0.4}, ε₁ ∈ {1, 2}". */
    static String parameters(ResultTable t) {
        if (t == null || t.size() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String[][] names = {{P0, "p₀"}, {ALPHA, "α"}, {DIM, "d"}, {EPS_LINF, "ε∞"}, {EPS_L1, "ε₁"}};
        for (String[] n : names) {
            if (t.hasColumn(n[0])) {
                double[] v = Columns.distinctSorted(t, n[0]);
                List<String> s = new ArrayList<>();
                for (double d : v) {
                    s.add(Fmt.g(d));
                }
                parts.add(v.length == 1 ? n[1] + " = " + s.get(0) : n[1] + " ∈ {" + String.join(", ", s) + "}");
            }
        }
        return String.join(", ", parts);
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
