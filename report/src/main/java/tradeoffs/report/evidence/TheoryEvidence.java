package tradeoffs.report.evidence;

import static tradeoffs.figures.Palette.normLabel;
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
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * Theory-level evidence for claims 1–4, computed from the population tables (docs/math.md §4–§5):
 * <ul>
 * <li>claim 1: spurious reliance is non-decreasing in ε for ℓ1 and ℓ2 (every step ≥ −1e-12) and
 * strictly higher at the largest ε than at the smallest, for every σ_s in the table;</li>
 * <li>claim 2: in the ℓ∞ phase table, w_s == 0 exactly at every point with σ_s|η|/σ_c ≤ 1 and
 * w_s ≠ 0 at every point with ratio &gt; 1 (ε &gt; 0);</li>
 * <li>claim 3 ("can reduce"): for ℓ1 and ℓ2 and every η′ &lt; η, the shift penalty MSE_η′ − MSE_η
 * is 0 for the standard model (ε = 0), never negative, and positive for some ε (it falls back to
 * 0 once ε is so large that w = 0);</li>
 * <li>claim 4 ("can improve"): the gap min R_ε(core only) − min R_ε(with x_s) is ≥ −1e-12
 * everywhere and &gt; 1e-9 somewhere, for at least one norm.</li>
 * </ul>
 */
public final class TheoryEvidence implements ReportContributor {
    /** Slack for "non-decreasing": differences of closed forms computed to about 1e-13. */
    static final double MONOTONE_SLACK = 1e-12;
    /** A gap or rise below this is "no change". */
    static final double STRICT = 1e-9;

    @Override
    public Level level() {
        return Level.THEORY;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        List<ClaimEvidence> out = new ArrayList<>();
        claim1(folder).ifPresent(out::add);
        claim2(folder).ifPresent(out::add);
        claim3(folder).ifPresent(out::add);
        FixedBudgetTradeoff.of(folder).ifPresent(f -> out.add(f.evidence()));
        claim4(folder).ifPresent(out::add);
        return out;
    }

    Optional<ClaimEvidence> claim1(ResultsFolder folder) {
        if (folder.missing(THEORY_EPS, List.of(NORM, EPS, RELIANCE)).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(THEORY_EPS);
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        int tested = 0;
        for (String norm : List.of("l1", "l2")) {
            for (ResultTable rows : bySigma(t.where(NORM, norm))) {
                double[][] xy = Columns.sortedXY(rows, EPS, RELIANCE);
                if (xy[0].length < 2) {
                    continue;
                }
                tested++;
                Monotone m = Monotone.of(xy[1]);
                boolean rises = m.nonDecreasing() && m.rise() > STRICT;
                ok &= rises;
                parts.add(normLabel(norm) + sigmaLabel(rows) + ": ρ_s " + Fmt.g(xy[1][0]) + " at ε=" + Fmt.g(xy[0][0])
                        + " → " + Fmt.g(xy[1][xy[1].length - 1]) + " at ε=" + Fmt.g(xy[0][xy[0].length - 1])
                        + (m.nonDecreasing()
                                ? ", non-decreasing at all " + xy[0].length + " points"
                                : ", falls at " + m.falls() + " of " + (xy[0].length - 1) + " steps"));
            }
        }
        if (tested == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClaimEvidence(
                Claim.L1_L2_INCREASE_RELIANCE,
                Level.THEORY,
                Verdict.of(ok),
                String.join("; ", parts) + ".",
                TableText.parameters(t),
                "[derived] docs/math.md §4.2 and §4.6 (ℓ2 ridge fixed point, ℓ1 convex solve), reliance §5.1",
                List.of("reliance_vs_eps")));
    }

    Optional<ClaimEvidence> claim2(ResultsFolder folder) {
        if (folder.missing(THEORY_PHASE, List.of(SCALE_RATIO, EPS, W_SPURIOUS)).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(THEORY_PHASE);
        double[] r = t.doubles(SCALE_RATIO);
        double[] e = t.doubles(EPS);
        double[] ws = t.doubles(W_SPURIOUS);
        double[] wc = t.hasColumn(W_CORE) ? t.doubles(W_CORE) : null;
        int below = 0, belowNonZero = 0, above = 0, aboveZero = 0, collapsed = 0;
        double maxAbsBelow = 0;
        for (int i = 0; i < r.length; i++) {
            if (!(e[i] > 0) || Double.isNaN(ws[i])) {
                continue;
            }
            if (r[i] <= 1.0) {
                below++;
                if (ws[i] != 0.0) {
                    belowNonZero++;
                    maxAbsBelow = Math.max(maxAbsBelow, Math.abs(ws[i]));
                }
            } else if (wc != null && wc[i] == 0.0 && ws[i] == 0.0) {
                collapsed++; // w = 0: ε so large that predicting 0 is optimal; reliance is undefined there
            } else {
                above++;
                if (ws[i] == 0.0) {
                    aboveZero++;
                }
            }
        }
        if (below == 0 || above == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.LINF_SCALE_CONDITION,
                    Level.THEORY,
                    "the ℓ∞ phase table does not cover both sides of σ_s|η| = σ_c"));
        }
        boolean ok = belowNonZero == 0 && aboveZero == 0;
        String text = "ℓ∞ spurious weight w_s is exactly 0 at " + (below - belowNonZero) + " of " + below
                + " grid points with σ_s|η| ≤ σ_c"
                + (belowNonZero > 0 ? " (largest |w_s| otherwise: " + Fmt.g(maxAbsBelow) + ")" : "")
                + ", and non-zero at " + (above - aboveZero) + " of " + above
                + " points with σ_s|η| > σ_c (ε > 0"
                + (collapsed > 0
                        ? "; " + collapsed + " further points there have w = 0 altogether, where reliance is undefined"
                        : "")
                + ").";
        return Optional.of(new ClaimEvidence(
                Claim.LINF_SCALE_CONDITION,
                Level.THEORY,
                Verdict.of(ok),
                text,
                TableText.parameters(t) + ", σ_s|η|/σ_c ∈ [" + Fmt.g(min(r)) + ", " + Fmt.g(max(r)) + "]",
                "[derived] docs/math.md §4.3 (ℓ∞ scale condition; certified convex solve)",
                List.of("linf_phase_diagram", "reliance_vs_eps")));
    }

    Optional<ClaimEvidence> claim3(ResultsFolder folder) {
        if (folder.missing(THEORY_FRONTIER, List.of(NORM, EPS, ETA, ETA_TEST, SHIFTED_RISK, STANDARD_RISK))
                .isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(THEORY_FRONTIER);
        double[] etas = Columns.distinctSorted(t, ETA);
        if (etas.length != 1) {
            return Optional.empty();
        }
        double eta = etas[0];
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        int tested = 0;
        for (String norm : List.of("l1", "l2")) {
            for (double et : Columns.distinctSorted(t, ETA_TEST)) {
                if (!(et < eta)) {
                    continue;
                }
                ResultTable rows = Columns.whereNear(t.where(NORM, norm), ETA_TEST, et);
                double[][] s = Columns.sortedXY(rows, EPS, SHIFTED_RISK);
                double[][] st = Columns.sortedXY(rows, EPS, STANDARD_RISK);
                if (s[0].length < 2 || st[0].length != s[0].length) {
                    continue;
                }
                tested++;
                double[] pen = new double[s[1].length];
                for (int i = 0; i < pen.length; i++) {
                    pen[i] = s[1][i] - st[1][i];
                }
                int top = 0;
                double minPen = Double.POSITIVE_INFINITY;
                for (int i = 0; i < pen.length; i++) {
                    top = pen[i] > pen[top] ? i : top;
                    minPen = Math.min(minPen, pen[i]);
                }
                int rising = 0; // how far from ε = 0 the penalty keeps growing
                while (rising + 1 < pen.length && pen[rising + 1] >= pen[rising] - MONOTONE_SLACK) {
                    rising++;
                }
                boolean hurts = Math.abs(pen[0]) <= STRICT && minPen >= -MONOTONE_SLACK && pen[top] > STRICT;
                ok &= hurts;
                parts.add(normLabel(norm) + ", η′=" + Fmt.g(et) + ": MSE_η′ − MSE_η = " + Fmt.g(pen[0]) + " at ε="
                        + Fmt.g(s[0][0]) + ", grows up to ε=" + Fmt.g(s[0][rising]) + ", largest " + Fmt.g(pen[top])
                        + " at ε=" + Fmt.g(s[0][top])
                        + (minPen < -MONOTONE_SLACK ? ", negative somewhere (" + Fmt.g(minPen) + ")" : ""));
            }
        }
        if (tested == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClaimEvidence(
                Claim.SHIFT_HURTS,
                Level.THEORY,
                Verdict.of(ok),
                "Shift penalty MSE_η′ − MSE_η of the adversarially trained model (0 for the standard model, must be "
                        + "positive for some ε) when the correlation drops from η="
                        + Fmt.g(eta) + ": " + String.join("; ", parts) + ".",
                TableText.parameters(t),
                "[derived] docs/math.md §5.2 (MSE_η′ − MSE_η = 2(1−a)b(η−η′))",
                List.of("shifted_risk_l2")));
    }

    Optional<ClaimEvidence> claim4(ResultsFolder folder) {
        if (folder.missing(THEORY_CLAIM4, THEORY_CLAIM4_COLUMNS).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(THEORY_CLAIM4);
        List<String> parts = new ArrayList<>();
        boolean neverWorse = true;
        boolean somewhereBetter = false;
        for (String norm : t.distinct(NORM)) {
            ResultTable rows = t.where(NORM, norm);
            double[] with = rows.doubles(RISK_WITH_SPURIOUS);
            double[] core = rows.doubles(RISK_CORE_ONLY);
            double[] eps = rows.doubles(EPS);
            double minGap = Double.POSITIVE_INFINITY, maxGap = Double.NEGATIVE_INFINITY, atEps = Double.NaN;
            for (int i = 0; i < with.length; i++) {
                double g = core[i] - with[i];
                minGap = Math.min(minGap, g);
                if (g > maxGap) {
                    maxGap = g;
                    atEps = eps[i];
                }
            }
            neverWorse &= minGap >= -MONOTONE_SLACK;
            somewhereBetter |= maxGap > STRICT;
            parts.add(normLabel(norm) + ": gap min R_ε(core only) − min R_ε(with x_s) ∈ [" + Fmt.g(minGap) + ", "
                    + Fmt.g(maxGap) + "]" + (maxGap > STRICT ? ", largest at ε=" + Fmt.g(atEps) : " (no gain)"));
        }
        return Optional.of(new ClaimEvidence(
                Claim.SPURIOUS_HELPS_ROBUSTNESS,
                Level.THEORY,
                Verdict.of(neverWorse && somewhereBetter),
                "The spurious feature never raises the best adversarial risk and lowers it for at least one norm: "
                        + String.join("; ", parts) + ".",
                TableText.parameters(t),
                "[derived] docs/math.md §2.2 and §5.3 (claim-4 comparison)",
                List.of("claim4_spurious_helps")));
    }

    /** A section listing the theory tables of the folder with their parameters. */
    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        List<ReportBlock> blocks = new ArrayList<>();
        String[][] tables = {
            {THEORY_EPS, "weights, spurious reliance and risks against ε, per norm and σ_s"},
            {THEORY_PHASE, "ℓ∞ weights over the scale ratio σ_s|η|/σ_c and ε"},
            {THEORY_FRONTIER, "adversarial, in-domain and shifted-domain risk against ε at a few η′"},
            {
                THEORY_FIXED_BUDGET,
                "adversarial risk at fixed test budgets ε_test and shifted-domain risk of the model "
                        + "trained at each ε"
            },
            {THEORY_SHIFT, "shifted-domain risk against η′ at a few ε"},
            {THEORY_CLAIM4, "best adversarial risk with and without the spurious feature"}
        };
        StringBuilder sb = new StringBuilder();
        for (String[] t : tables) {
            folder.table(t[0])
                    .ifPresent(tab -> sb.append("- `")
                            .append(file(t[0]))
                            .append("` (")
                            .append(tab.size())
                            .append(" rows): ")
                            .append(t[1])
                            .append("; ")
                            .append(TableText.parameters(tab))
                            .append('\n'));
        }
        if (sb.length() == 0) {
            return List.of();
        }
        blocks.add(new ReportBlock.Paragraph("Population quantities of the core/spurious model (docs/math.md §3.2, "
                + "[derived]) with one core and one spurious feature, computed in closed form or by a certified "
                + "convex solve (docs/math.md §4); the theory lines of every figure are drawn from these tables:\n\n"
                + sb));
        List<ReportSection> out = new ArrayList<>(List.of(new ReportSection("Theory tables", blocks)));
        FixedBudgetTradeoff.of(folder).ifPresent(f -> out.add(f.section()));
        return out;
    }

    /** The table split by σ_s (one part when there is no σ_s column). */
    static List<ResultTable> bySigma(ResultTable t) {
        if (!t.hasColumn(SIGMA_SPURIOUS)) {
            return List.of(t);
        }
        List<ResultTable> out = new ArrayList<>();
        for (double s : Columns.distinctSorted(t, SIGMA_SPURIOUS)) {
            out.add(Columns.whereNear(t, SIGMA_SPURIOUS, s));
        }
        return out;
    }

    static String sigmaLabel(ResultTable rows) {
        if (!rows.hasColumn(SIGMA_SPURIOUS) || rows.size() == 0) {
            return "";
        }
        return " (σ_s=" + Fmt.g(rows.getDouble(0, SIGMA_SPURIOUS)) + ")";
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    /** Whether a sequence never falls by more than {@link #MONOTONE_SLACK}, and its total rise. */
    record Monotone(boolean nonDecreasing, int falls, double rise) {
        static Monotone of(double[] y) {
            int falls = 0;
            for (int i = 1; i < y.length; i++) {
                if (y[i] < y[i - 1] - MONOTONE_SLACK) {
                    falls++;
                }
            }
            return new Monotone(falls == 0, falls, y[y.length - 1] - y[0]);
        }
    }
}
