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
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * The tradeoff at a fixed test budget (docs/math.md §5.4 [derived]), read from
 * {@code theory_fixed_budget.csv}: for each norm and test budget ε_test, along the training radii
 * 0 ≤ ε ≤ ε_test, the adversarial risk at ε_test must never rise (steps ≤ 1e-12) and fall overall
 * (by more than 1e-9), while the shifted-domain risk never falls and rises overall. For ℓ1 and ℓ2
 * (the norms of claim 3) this is a theory-level row of claim 3; ℓ∞ is shown beside them.
 *
 * @param table the rows of the table
 * @param lines one per (norm, ε_test): its numbers in words
 * @param holds whether every ℓ1 and ℓ2 line trades as described
 * @param tested how many ℓ1 and ℓ2 lines there were
 */
record FixedBudgetTradeoff(ResultTable table, List<Line> lines, boolean holds, int tested) {
    /** One (norm, ε_test): adversarial and shifted-domain risk at ε_train = 0 and at ε_train = ε_test. */
    record Line(
            String norm, double epsTest, double adv0, double advEnd, double shift0, double shiftEnd, boolean trades) {}

    static Optional<FixedBudgetTradeoff> of(ResultsFolder folder) {
        if (folder.missing(THEORY_FIXED_BUDGET, THEORY_FIXED_BUDGET_COLUMNS).isPresent()) {
            return Optional.empty();
        }
        ResultTable t = folder.require(THEORY_FIXED_BUDGET);
        List<Line> lines = new ArrayList<>();
        boolean ok = true;
        int tested = 0;
        for (String norm : t.distinct(NORM)) {
            for (double budget : Columns.distinctSorted(t, EPS_TEST)) {
                ResultTable rows = Columns.whereNear(t.where(NORM, norm), EPS_TEST, budget)
                        .where(EPS, e -> !e.isEmpty() && Double.parseDouble(e) <= budget + 1e-9);
                double[][] adv = Columns.sortedXY(rows, EPS, ADVERSARIAL_RISK);
                double[][] shift = Columns.sortedXY(rows, EPS, SHIFTED_RISK);
                if (adv[0].length < 2 || shift[0].length != adv[0].length) {
                    continue;
                }
                double[] negAdv = java.util.Arrays.stream(adv[1]).map(x -> -x).toArray();
                TheoryEvidence.Monotone falls = TheoryEvidence.Monotone.of(negAdv);
                TheoryEvidence.Monotone rises = TheoryEvidence.Monotone.of(shift[1]);
                boolean trades = falls.nonDecreasing()
                        && falls.rise() > TheoryEvidence.STRICT
                        && rises.nonDecreasing()
                        && rises.rise() > TheoryEvidence.STRICT;
                int last = adv[1].length - 1;
                lines.add(new Line(norm, budget, adv[1][0], adv[1][last], shift[1][0], shift[1][last], trades));
                if (norm.equals("l1") || norm.equals("l2")) {
                    tested++;
                    ok &= trades;
                }
            }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(new FixedBudgetTradeoff(t, lines, ok, tested));
    }

    /** The theory-level row of claim 3 (not tested when the table has no ℓ1 or ℓ2 rows). */
    ClaimEvidence evidence() {
        if (tested == 0) {
            return ClaimEvidence.notTested(
                    Claim.SHIFT_HURTS, Level.THEORY, "the fixed-budget table has no ℓ1 or ℓ2 rows");
        }
        List<String> parts = new ArrayList<>();
        for (Line l : lines) {
            if (l.norm().equals("l1") || l.norm().equals("l2")) {
                parts.add(text(l));
            }
        }
        return new ClaimEvidence(
                Claim.SHIFT_HURTS,
                Level.THEORY,
                Verdict.of(holds),
                "At a fixed test budget, raising the training ε from 0 to ε_test must lower the adversarial risk at "
                        + "ε_test and raise the shifted-domain risk at every step: " + String.join("; ", parts) + ".",
                TableText.parameters(table),
                "[derived] docs/math.md §5.4 (risks of §2.2 and §5.2 at fixed ε_test)",
                List.of("tradeoff_frontier"));
    }

    /** The report section: the tradeoff in numbers for every norm and budget, and the figure. */
    ReportSection section() {
        ResultTable.Builder b = ResultTable.builder(
                "norm",
                "ε_test",
                "adversarial risk at ε_test: ε_train = 0 → ε_test",
                "shifted-domain risk: ε_train = 0 → ε_test",
                "a tradeoff");
        for (Line l : lines) {
            b.row(
                    normLabel(l.norm()),
                    Fmt.g(l.epsTest()),
                    Fmt.g(l.adv0()) + " → " + Fmt.g(l.advEnd()),
                    Fmt.g(l.shift0()) + " → " + Fmt.g(l.shiftEnd()),
                    l.trades() ? "yes" : "no");
        }
        double etaTest = Columns.distinctSorted(table, ETA_TEST).length == 1
                ? Columns.distinctSorted(table, ETA_TEST)[0]
                : Double.NaN;
        return new ReportSection(
                "The tradeoff at a fixed test budget",
                List.of(
                        new ReportBlock.Paragraph(
                                "Plotting each model's adversarial risk at its own training ε makes every curve "
                                        + "rise and hides the tradeoff. Judged at one test budget ε_test, models trained with a larger ε "
                                        + "(up to ε_test) are more robust to the attack and less robust to the shift of the spurious "
                                        + "correlation to η′ = " + Fmt.g(etaTest) + " (docs/math.md §5.4 [derived]; "
                                        + TableText.parameters(table) + "):"),
                        new ReportBlock.Table(
                                "Risks of the model trained at ε_train = 0 and at ε_train = ε_test ("
                                        + file(THEORY_FIXED_BUDGET) + " has every ε)",
                                b.build(),
                                20),
                        new ReportBlock.FigureRef("tradeoff_frontier", "")));
    }

    private static String text(Line l) {
        return normLabel(l.norm()) + ", ε_test=" + Fmt.g(l.epsTest()) + ": adversarial risk " + Fmt.g(l.adv0()) + " → "
                + Fmt.g(l.advEnd()) + ", shifted-domain risk " + Fmt.g(l.shift0()) + " → " + Fmt.g(l.shiftEnd())
                + (l.trades() ? "" : " (not a tradeoff at every step)");
    }
}
