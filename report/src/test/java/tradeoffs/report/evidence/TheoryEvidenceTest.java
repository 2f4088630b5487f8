package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.*;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Report;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

class TheoryEvidenceTest {
    private static final Path DIR = Path.of("unused");

    /** Reliance ε·k/(1 + ε·k) for ℓ1, ℓ2 (rising), 0 for ℓ∞; {@code flip} makes ℓ2 fall instead. */
    static ResultTable eps(boolean flip) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, SIGMA_SPURIOUS, RELIANCE);
        for (String norm : List.of("l1", "l2", "linf")) {
            for (int i = 0; i <= 10; i++) {
                double e = i * 0.1;
                double r = norm.equals("linf") ? 0 : e / (1 + e);
                if (flip && norm.equals("l2")) {
                    r = 0.5 - r;
                }
                b.row(norm, e, 1.0, r);
            }
        }
        return b.build();
    }

    static ResultTable phase(double leak) {
        ResultTable.Builder b = ResultTable.builder(SCALE_RATIO, EPS, W_SPURIOUS);
        for (double r : new double[] {0.5, 0.9, 1.0, 1.1, 2.0}) {
            for (double e : new double[] {0.0, 0.1, 0.5}) {
                double ws = r <= 1 ? 0.0 : (e > 0 ? 0.1 * e : 0.0);
                if (r == 0.9 && e == 0.5) {
                    ws += leak;
                }
                b.row(r, e, ws);
            }
        }
        return b.build();
    }

    static ResultTable frontier(double sign) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, ETA, ETA_TEST, SHIFTED_RISK, STANDARD_RISK);
        for (String norm : List.of("l1", "l2")) {
            for (double et : new double[] {0.0, 0.6}) {
                for (int i = 0; i <= 5; i++) {
                    double e = i * 0.2;
                    double std = 0.25 + 0.1 * e;
                    double pen = sign * 0.3 * e * (0.6 - et); // 2(1−a)b(η−η′) shape: 0 at η′ = η
                    b.row(norm, e, 0.6, et, std + pen, std);
                }
            }
        }
        return b.build();
    }

    /** ℓ1, ℓ2 gain 0.05ε from x_s, ℓ∞ gains nothing (w_s = 0 below the scale condition); ℓ2 loses {@code bump}·ε. */
    static ResultTable claim4(double bump) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY);
        for (String norm : List.of("l1", "l2", "linf")) {
            for (int i = 0; i <= 5; i++) {
                double e = i * 0.2;
                double gain = norm.equals("linf") ? 0 : 0.05 * e;
                b.row(norm, e, 0.25 + e - gain + (norm.equals("l2") ? bump * e : 0), 0.25 + e);
            }
        }
        return b.build();
    }

    static ResultsFolder folder(ResultTable eps, ResultTable phase, ResultTable frontier, ResultTable c4) {
        return ResultsFolder.of(
                DIR, Map.of(THEORY_EPS, eps, THEORY_PHASE, phase, THEORY_FRONTIER, frontier, THEORY_CLAIM4, c4));
    }

    static Verdict verdict(ResultsFolder f, Claim c) {
        return new TheoryEvidence()
                .evidence(f).stream()
                        .filter(e -> e.claim() == c)
                        .findFirst()
                        .orElseThrow()
                        .verdict();
    }

    @Test
    void allFourClaimsHoldOnTablesShapedLikeTheTheory() {
        ResultsFolder f = folder(eps(false), phase(0), frontier(1), claim4(0));
        for (Claim c : List.of(
                Claim.L1_L2_INCREASE_RELIANCE,
                Claim.LINF_SCALE_CONDITION,
                Claim.SHIFT_HURTS,
                Claim.SPURIOUS_HELPS_ROBUSTNESS)) {
            assertEquals(Verdict.HOLDS, verdict(f, c), c.name());
        }
        ClaimEvidence c2 = new TheoryEvidence().evidence(f).get(1);
        assertTrue(c2.evidence().contains("exactly 0 at 6 of 6 grid points"), c2.evidence());
        assertTrue(c2.evidence().contains("non-zero at 4 of 4 points"), c2.evidence());
    }

    @Test
    void aReliancTrendThatFallsFailsClaim1() {
        ResultsFolder f = folder(eps(true), phase(0), frontier(1), claim4(0));
        assertEquals(Verdict.FAILS, verdict(f, Claim.L1_L2_INCREASE_RELIANCE));
        assertEquals(Verdict.HOLDS, verdict(f, Claim.LINF_SCALE_CONDITION));
    }

    @Test
    void aTinyNonZeroWeightBelowTheScaleConditionFailsClaim2() {
        // exact-zero check: 1e-7 is not zero
        ResultsFolder f = folder(eps(false), phase(1e-7), frontier(1), claim4(0));
        assertEquals(Verdict.FAILS, verdict(f, Claim.LINF_SCALE_CONDITION));
    }

    @Test
    void aShiftPenaltyThatShrinksFailsClaim3() {
        ResultsFolder f = folder(eps(false), phase(0), frontier(-1), claim4(0));
        assertEquals(Verdict.FAILS, verdict(f, Claim.SHIFT_HURTS));
    }

    @Test
    void spuriousFeaturesThatHurtFailClaim4() {
        ResultsFolder f = folder(eps(false), phase(0), frontier(1), claim4(0.2)); // ℓ2: with-x_s risk above core-only
        assertEquals(Verdict.FAILS, verdict(f, Claim.SPURIOUS_HELPS_ROBUSTNESS));
    }

    @Test
    void noGainForAnyNormFailsClaim4() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY);
        for (int i = 0; i <= 5; i++) {
            b.row("l2", i * 0.2, 0.25 + i * 0.2, 0.25 + i * 0.2);
        }
        ResultsFolder f = folder(eps(false), phase(0), frontier(1), b.build());
        assertEquals(Verdict.FAILS, verdict(f, Claim.SPURIOUS_HELPS_ROBUSTNESS));
    }

    @Test
    void aTableTheContributorCannotReadGivesNotTestedRowsNamingTheError() {
        ResultTable bad = ResultTable.builder(NORM, EPS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY)
                .row("l2", "0", "x", "1")
                .build();
        Report r = Report.build(
                "t",
                Map.of(),
                folder(eps(false), phase(0), frontier(1), bad),
                List.of(new TheoryEvidence()),
                new tradeoffs.figures.FigureRegistry.Outcome(Map.of(), Map.of()));
        assertEquals(Verdict.NOT_TESTED, r.verdict(Claim.L1_L2_INCREASE_RELIANCE, Level.THEORY));
        assertEquals(
                "could not evaluate the theory tables: not a number: 'x'",
                r.rows(Claim.SPURIOUS_HELPS_ROBUSTNESS).get(0).evidence());
    }

    @Test
    void missingTablesGiveNoRowsAndTheReportMarksThemNotTested() {
        ResultsFolder empty = ResultsFolder.of(DIR, Map.of());
        assertEquals(List.of(), new TheoryEvidence().evidence(empty));
        Report r = Report.build(
                "t",
                Map.of(),
                empty,
                List.of(new TheoryEvidence()),
                new tradeoffs.figures.FigureRegistry.Outcome(Map.of(), Map.of()));
        for (Claim c : Claim.values()) {
            for (Level l : Level.values()) {
                assertEquals(Verdict.NOT_TESTED, r.verdict(c, l));
            }
        }
    }

    /**
     * The fixed-budget tradeoff (docs/math.md §5.4): adversarial risk at ε_test = 0.5 falling
     * 0.9 → 0.75 and shifted risk rising 0.25 → 0.4 over ε_train = 0 … 0.5 (past ε_test both rise,
     * which the rule ignores) is a theory-level row of claim 3 that holds; an adversarial risk that
     * rises at one step before ε_test makes it fail; ℓ∞ alone is not tested.
     */
    @Test
    void theFixedBudgetTradeoffIsARowOfClaim3() {
        ResultsFolder holds =
                ResultsFolder.of(DIR, Map.of(THEORY_FIXED_BUDGET, fixedBudget(0.0, List.of("l1", "l2", "linf"))));
        List<ClaimEvidence> rows = new TheoryEvidence().evidence(holds);
        assertEquals(1, rows.size());
        assertEquals(Claim.SHIFT_HURTS, rows.get(0).claim());
        assertEquals(Verdict.HOLDS, rows.get(0).verdict());
        assertTrue(
                rows.get(0)
                        .evidence()
                        .contains("ℓ2, ε_test=0.5: adversarial risk 0.9 → 0.75, shifted-domain risk 0.25 → 0.4"),
                rows.get(0).evidence());
        ResultsFolder bump = ResultsFolder.of(DIR, Map.of(THEORY_FIXED_BUDGET, fixedBudget(0.05, List.of("l1", "l2"))));
        assertEquals(Verdict.FAILS, new TheoryEvidence().evidence(bump).get(0).verdict());
        ResultsFolder linf = ResultsFolder.of(DIR, Map.of(THEORY_FIXED_BUDGET, fixedBudget(0.0, List.of("linf"))));
        assertEquals(
                Verdict.NOT_TESTED, new TheoryEvidence().evidence(linf).get(0).verdict());
        // the section shows every norm's numbers and the figure
        ReportSection sec = new TheoryEvidence()
                .sections(holds).stream()
                        .filter(x -> x.title().equals("The tradeoff at a fixed test budget"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(3, ((ReportBlock.Table) sec.blocks().get(1)).table().size());
    }

    /** ε_train = 0, 0.1, …, 0.7 at ε_test = 0.5; {@code bump} added to the adversarial risk at ε_train = 0.3. */
    static ResultTable fixedBudget(double bump, List<String> norms) {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, EPS_TEST, ETA_TEST, ADVERSARIAL_RISK, SHIFTED_RISK);
        for (String norm : norms) {
            for (int i = 0; i <= 7; i++) {
                double e = i * 0.1;
                double adv = e <= 0.5 ? 0.9 - 0.3 * e : 0.75 + (e - 0.5);
                b.row(norm, e, 0.5, 0.0, adv + (i == 3 ? bump : 0), 0.25 + 0.3 * e);
            }
        }
        return b.build();
    }
}
