package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tradeoffs.figures.Columns;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Verdict;

/**
 * Claim C3 (excessive invariance) from {@code class_invariance}: the invariance toy of docs/math.md §10.5,
 * exact values (the {@code _theory} columns) and Monte Carlo with explicit per-sample attacks. Rules in
 * docs/math.md §12.6.
 */
final class InvarianceEvidence {
    static final List<String> FIGURES = List.of("invariance_vs_eps");
    private static final double MONOTONE_SLACK = 1e-12;
    private static final double STRICT = 1e-9;

    private InvarianceEvidence() {}

    static Optional<ClaimEvidence> exact(ResultsFolder folder) {
        if (folder.missing(CLASS_INVARIANCE, List.of(MIX, EPS, theory(ROBUST_ACCURACY), theory(INVARIANCE_ERROR)))
                .isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(CLASS_INVARIANCE);
        double[] mixes = Columns.distinctSorted(t, MIX);
        if (!hasSemanticAndAnother(mixes)) {
            return Optional.of(needsSemantic(Level.THEORY));
        }
        ResultTable semantic = Columns.whereNear(t, MIX, 1.0);
        double[][] sem = Columns.sortedXY(semantic, EPS, theory(INVARIANCE_ERROR));
        double[][] semRobust = Columns.sortedXY(semantic, EPS, theory(ROBUST_ACCURACY));
        double epsMax = sem[0][sem[0].length - 1];
        boolean ok = true;
        List<String> parts = new ArrayList<>();
        for (double a : mixes) {
            if (a == 1.0) {
                continue;
            }
            ResultTable rows = Columns.whereNear(t, MIX, a);
            double[][] ie = Columns.sortedXY(rows, EPS, theory(INVARIANCE_ERROR));
            double[][] ra = Columns.sortedXY(rows, EPS, theory(ROBUST_ACCURACY));
            TheoryEvidence.Monotone m = TheoryEvidence.Monotone.of(ie[1]);
            double robustEnd = ra[1][ra[1].length - 1];
            boolean rises = m.nonDecreasing() && m.rise() > STRICT;
            boolean moreRobust = robustEnd > semRobust[1][semRobust[1].length - 1];
            ok &= rises && moreRobust;
            parts.add("a = " + Fmt.g(a) + ": invariance error " + Fmt.g(ie[1][0]) + " at ε=" + Fmt.g(ie[0][0]) + " → "
                    + Fmt.g(ie[1][ie[1].length - 1]) + " at ε=" + Fmt.g(ie[0][ie[0].length - 1])
                    + (m.nonDecreasing() ? ", non-decreasing" : ", falls at " + m.falls() + " steps")
                    + ", robust accuracy " + Fmt.g(robustEnd) + " at the largest ε");
        }
        double maxSem = 0;
        for (double v : sem[1]) {
            maxSem = Math.max(maxSem, Math.abs(v));
        }
        ok &= maxSem == 0.0;
        parts.add("semantic (a = 1): invariance error " + (maxSem == 0.0 ? "exactly 0" : "up to " + Fmt.g(maxSem))
                + ", robust accuracy " + Fmt.g(semRobust[1][0]) + " → " + Fmt.g(semRobust[1][semRobust[1].length - 1])
                + " at ε=" + Fmt.g(epsMax));
        return Optional.of(new ClaimEvidence(
                Claim.EXCESSIVE_INVARIANCE,
                Level.THEORY,
                Verdict.of(ok),
                "Classifiers f_a = sign(a·x_s + (1 − a)·x_r) that use the non-semantic feature: "
                        + String.join("; ", parts) + ".",
                parameters(t),
                "[derived] docs/math.md §10.5 (closed forms and a Gauss–Legendre integral)",
                FIGURES));
    }

    static Optional<ClaimEvidence> monteCarlo(ResultsFolder folder) {
        if (folder.missing(
                        CLASS_INVARIANCE,
                        List.of(
                                MIX,
                                EPS,
                                INVARIANCE_ERROR,
                                se(INVARIANCE_ERROR),
                                z(ROBUST_ACCURACY),
                                z(INVARIANCE_ERROR)))
                .isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(CLASS_INVARIANCE);
        double[] mixes = Columns.distinctSorted(t, MIX);
        if (!hasSemanticAndAnother(mixes)) {
            return Optional.of(needsSemantic(Level.SIMULATION));
        }
        boolean ok = true;
        List<String> parts = new ArrayList<>();
        for (double a : mixes) {
            ResultTable rows = Columns.whereNear(t, MIX, a);
            if (a == 1.0) {
                double max = 0;
                for (double v : rows.doubles(INVARIANCE_ERROR)) {
                    max = Math.max(max, v);
                }
                ok &= max == 0.0;
                parts.add("semantic: "
                        + (max == 0.0
                                ? "no invariance example in any sample"
                                : "invariance error up to " + Fmt.g(max)));
                continue;
            }
            TrendFit f =
                    TrendFit.of(rows.doubles(EPS), rows.doubles(INVARIANCE_ERROR), rows.doubles(se(INVARIANCE_ERROR)));
            ok &= f.increasing();
            parts.add("a = " + Fmt.g(a) + ": slope in ε " + f.describe()
                    + (f.increasing() ? " (rising)" : " (not rising)"));
        }
        List<Double> z = new ArrayList<>();
        for (String q : List.of(ROBUST_ACCURACY, INVARIANCE_ERROR)) {
            for (double v : t.doubles(z(q))) {
                z.add(v);
            }
        }
        Bonferroni.Agreement agree = Bonferroni.Agreement.of(
                z.stream().mapToDouble(Double::doubleValue).toArray());
        ok &= agree.agrees();
        return Optional.of(new ClaimEvidence(
                Claim.EXCESSIVE_INVARIANCE,
                Level.SIMULATION,
                Verdict.of(ok),
                "Monte Carlo with an explicit invariance attack per sample (" + Fmt.g(t.getDouble(0, SAMPLES))
                        + " samples per point), least-squares slope of the invariance error in ε with its 95% interval: "
                        + String.join("; ", parts) + ". Agreement with the exact values: " + agree.describe() + ".",
                parameters(t),
                "[derived] docs/math.md §10.5 (attack: x_s just across 0, x_r by ε towards the "
                        + "prediction); trend rule §12.3",
                FIGURES));
    }

    private static boolean hasSemanticAndAnother(double[] mixes) {
        return mixes.length >= 2 && mixes[mixes.length - 1] == 1.0;
    }

    private static ClaimEvidence needsSemantic(Level level) {
        return ClaimEvidence.notTested(
                Claim.EXCESSIVE_INVARIANCE,
                level,
                "class_invariance.csv needs the semantic classifier (mix 1) and at least one other");
    }

    /** e.g. "μ_s = 1, σ_s = 1, μ_r = 2, σ_r = 0.5, a ∈ {0, 0.5, 1}, ε ∈ [0, 1.5] (7 values)". */
    static String parameters(ResultTable t) {
        List<String> parts = new ArrayList<>();
        String[][] names = {{MU_S, "μ_s"}, {SIGMA_S, "σ_s"}, {MU_R, "μ_r"}, {SIGMA_R, "σ_r"}};
        for (String[] n : names) {
            if (t.hasColumn(n[0])) {
                parts.add(n[1] + " = " + Fmt.g(t.getDouble(0, n[0])));
            }
        }
        List<String> a = new ArrayList<>();
        for (double v : Columns.distinctSorted(t, MIX)) {
            a.add(Fmt.g(v));
        }
        parts.add("a ∈ {" + String.join(", ", a) + "}");
        double[] e = Columns.distinctSorted(t, EPS);
        parts.add("ε ∈ [" + Fmt.g(e[0]) + ", " + Fmt.g(e[e.length - 1]) + "] (" + e.length + " values)");
        return String.join(", ", parts);
    }
}
