package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Verdict;

/**
 * Claim C4 (BETA finds the misclassifying perturbation that cross-entropy misses) from {@code class_beta}:
 * per ε, the exact error rate of linear multi-class models (docs/math.md §10.6), BETA's and cross-entropy
 * PGD's success rates, on the counterexample of docs/math.md §10.9 (with closed forms) and on
 * random linear models (exact margins per draw only). Rules in docs/math.md §12.6.
 */
final class BetaEvidence {
    static final List<String> FIGURES = List.of("beta_vs_ce");
    static final String COUNTEREXAMPLE = "counterexample";
    /** BETA's final margin may differ from the exact maximum by rounding only. */
    static final double MARGIN_TOLERANCE = 1e-9;

    private static final double STRICT = 1e-9;
    private static final double SLACK = 1e-12;

    private BetaEvidence() {}

    static Optional<ClaimEvidence> exact(ResultsFolder folder) {
        if (folder.missing(CLASS_BETA, List.of(MODEL, EPS, theory(EXACT_ERROR), theory(CE_SUCCESS)))
                .isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(CLASS_BETA).where(MODEL, COUNTEREXAMPLE);
        double[] eps = t.doubles(EPS);
        double[] exact = t.doubles(theory(EXACT_ERROR));
        double[] ce = t.doubles(theory(CE_SUCCESS));
        int best = -1;
        int ceAbove = 0;
        for (int i = 0; i < eps.length; i++) {
            if (!Double.isFinite(exact[i]) || !Double.isFinite(ce[i])) {
                continue;
            }
            ceAbove += ce[i] > exact[i] + SLACK ? 1 : 0;
            if (best < 0 || exact[i] - ce[i] > exact[best] - ce[best]) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.BETA_FINDS_WHAT_CE_MISSES,
                    Level.THEORY,
                    "class_beta.csv has no counterexample rows with closed forms"));
        }
        double gap = exact[best] - ce[best];
        boolean ok = gap > STRICT && ceAbove == 0;
        String text = "On the counterexample, a misclassifying δ exists (exact margins, which BETA attains on linear "
                + "models) with probability " + Fmt.g(exact[best]) + " at ε=" + Fmt.g(eps[best])
                + ", while the cross-entropy maximiser misclassifies with probability " + Fmt.g(ce[best])
                + ": it misses " + Fmt.g(gap) + " of the points (the largest gap over " + eps.length + " radii)"
                + (ceAbove > 0 ? "; cross-entropy above the exact rate at " + ceAbove + " radii" : "");
        return Optional.of(new ClaimEvidence(
                Claim.BETA_FINDS_WHAT_CE_MISSES,
                Level.THEORY,
                Verdict.of(ok),
                text,
                parameters(t),
                "[derived] docs/math.md §10.6 (exact margins), §10.9 (the counterexample's " + "closed forms)",
                FIGURES));
    }

    static Optional<ClaimEvidence> monteCarlo(ResultsFolder folder) {
        if (folder.missing(
                        CLASS_BETA,
                        List.of(
                                MODEL,
                                EPS,
                                EXACT_ERROR,
                                BETA_SUCCESS,
                                CE_SUCCESS,
                                CE_MISSED,
                                se(CE_MISSED),
                                z(EXACT_ERROR),
                                z(CE_SUCCESS),
                                BETA_MARGIN_GAP,
                                EXCEEDS_EXACT))
                .isPresent()) {
            return Optional.empty();
        }
        ResultTable all = folder.require(CLASS_BETA);
        ResultTable t = all.where(MODEL, COUNTEREXAMPLE);
        if (t.size() == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.BETA_FINDS_WHAT_CE_MISSES, Level.SIMULATION, "class_beta.csv has no counterexample rows"));
        }
        // soundness on every row: BETA equals the exact rate, no attack beats the exact margins
        double maxGap = 0;
        int betaDiffers = 0;
        int exceeds = 0;
        double[] gaps = all.doubles(BETA_MARGIN_GAP);
        double[] beta = all.doubles(BETA_SUCCESS);
        double[] exactAll = all.doubles(EXACT_ERROR);
        double[] exc = all.doubles(EXCEEDS_EXACT);
        for (int i = 0; i < all.size(); i++) {
            maxGap = Math.max(maxGap, gaps[i]);
            betaDiffers += beta[i] != exactAll[i] ? 1 : 0;
            exceeds += (int) exc[i];
        }
        boolean sound = maxGap <= MARGIN_TOLERANCE && betaDiffers == 0 && exceeds == 0;
        // cross-entropy misses, significantly, somewhere on the counterexample
        double zCrit = Bonferroni.oneSided(t.size());
        double[] eps = t.doubles(EPS);
        double[] missed = t.doubles(CE_MISSED);
        double[] missedSe = t.doubles(se(CE_MISSED));
        int significant = 0;
        int top = 0;
        for (int i = 0; i < eps.length; i++) {
            significant += missed[i] - zCrit * missedSe[i] > 0 ? 1 : 0;
            top = missed[i] > missed[top] ? i : top;
        }
        List<Double> z = new ArrayList<>();
        for (String q : List.of(EXACT_ERROR, CE_SUCCESS)) {
            for (double v : t.doubles(z(q))) {
                z.add(v);
            }
        }
        Bonferroni.Agreement agree = Bonferroni.Agreement.of(
                z.stream().mapToDouble(Double::doubleValue).toArray());
        boolean ok = sound && significant > 0 && agree.agrees();
        StringBuilder text = new StringBuilder("ℓ∞ PGD from δ = 0 (" + Fmt.g(t.getDouble(0, ATTACK_STEPS)) + " steps, "
                + Fmt.g(t.getDouble(0, SAMPLES)) + " points per radius) on the counterexample: BETA misclassifies "
                + Fmt.g(t.getDouble(top, BETA_SUCCESS)) + " of the points at ε=" + Fmt.g(eps[top])
                + ", cross-entropy " + Fmt.g(t.getDouble(top, CE_SUCCESS))
                + "; cross-entropy misses a misclassifying δ on "
                + Fmt.g(missed[top]) + " ± " + Fmt.g(missedSe[top]) + " of the points; significantly above 0 at "
                + significant + " of " + eps.length + " radii (one-sided, " + Fmt.g(zCrit) + " SE, Bonferroni)");
        ResultTable random = all.where(MODEL, "random");
        if (random.size() > 0) {
            double[] rm = random.doubles(CE_MISSED);
            int r = 0;
            for (int i = 0; i < rm.length; i++) {
                r = rm[i] > rm[r] ? i : r;
            }
            text.append(". On random linear models cross-entropy misses at most ")
                    .append(Fmt.g(rm[r]))
                    .append(" (ε=")
                    .append(Fmt.g(random.getDouble(r, EPS)))
                    .append(")");
        }
        text.append(". BETA's success equals the exact rate on ")
                .append(all.size() - betaDiffers)
                .append(" of ")
                .append(all.size())
                .append(" rows, its margin is within ")
                .append(Fmt.g(maxGap))
                .append(" of the exact maximum, and ")
                .append(exceeds)
                .append(" attack successes contradict the exact margins")
                .append(". Agreement with the closed forms: ")
                .append(agree.describe())
                .append('.');
        return Optional.of(new ClaimEvidence(
                Claim.BETA_FINDS_WHAT_CE_MISSES,
                Level.SIMULATION,
                Verdict.of(ok),
                text.toString(),
                parameters(t),
                "[paper] BETA, Robey et al. 2024; [derived] exact margins docs/math.md " + "§10.6; z-scores §7.2",
                FIGURES));
    }

    /** e.g. "K = 10, n = 4, β₁ = 1, β_d = 2, σ = 1, ε ∈ [0, 2] (9 values)". */
    static String parameters(ResultTable t) {
        if (t.size() == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String[][] names = {{CLASSES, "K"}, {DIM, "n"}, {TARGET_OFFSET, "β₁"}, {DECOY_OFFSET, "β_d"}, {SPREAD, "σ"}};
        for (String[] n : names) {
            if (t.hasColumn(n[0]) && !t.get(0, n[0]).isEmpty()) {
                parts.add(n[1] + " = " + Fmt.g(t.getDouble(0, n[0])));
            }
        }
        double[] e = tradeoffs.figures.Columns.distinctSorted(t, EPS);
        parts.add("ε ∈ [" + Fmt.g(e[0]) + ", " + Fmt.g(e[e.length - 1]) + "] (" + e.length + " values)");
        return String.join(", ", parts);
    }
}
