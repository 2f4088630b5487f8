package tradeoffs.reproduce.stage;

import static org.junit.jupiter.api.Assertions.*;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.Verdict;
import tradeoffs.report.evidence.ClassificationEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;

/**
 * The classification stage end to end at small sizes: its tables give claims C1–C4 "holds" at the theory
 * and simulation levels, and each rule turns to "fails" when the table says what the claim denies
 * (a classifier below the MEP bound, a union optimum that does not beat it outside the premise, an
 * invariance error that falls with ε, cross-entropy that finds every misclassifying perturbation).
 */
class ClassificationStageTest {
    static final ClassificationStage.Plan SMALL = new ClassificationStage.Plan(
            new int[] {100, 1000},
            21,
            3,
            10,
            4_000,
            new double[] {0, 0.5, 1},
            new double[] {0, 0.5, 1, 1.5},
            4_000,
            new double[] {0, 0.5, 1, 1.5},
            10,
            1_000,
            300);

    @TempDir
    static Path dir;

    static ResultsFolder folder;

    @BeforeAll
    static void run() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new ClassificationStage(SMALL)
                .run(new ReproduceContext(Profile.QUICK, dir, 42, 2, new Manifest("reproduce"), quiet));
        folder = ResultsFolder.read(dir);
    }

    private static Verdict verdict(ResultsFolder f, Claim claim, Level level) {
        List<ClaimEvidence> ev = new ClassificationEvidence().evidence(f);
        return ev.stream()
                .filter(e -> e.claim() == claim && e.level() == level)
                .findFirst()
                .orElseThrow()
                .verdict();
    }

    @Test
    void everyClassificationClaimHoldsAtTheoryAndSimulation() {
        for (String t : List.of(CLASS_FRONTIER, CLASS_MEP, CLASS_INVARIANCE, CLASS_BETA)) {
            assertTrue(folder.table(t).isPresent(), t);
        }
        List<ClaimEvidence> ev = new ClassificationEvidence().evidence(folder);
        assertEquals(16, ev.size(), "4 claims × theory, simulation and the two deep levels");
        for (ClaimEvidence e : ev) {
            Verdict expected = e.level().isDeep() ? Verdict.NOT_TESTED : Verdict.HOLDS;
            assertEquals(expected, e.verdict(), e.claim() + " / " + e.level() + ": " + e.evidence());
        }
    }

    @Test
    void aClassifierBelowTheBoundFailsC1() {
        ResultsFolder f = edit(
                CLASS_FRONTIER,
                (t, i) -> t.get(i, MEP_APPLIES).equals("true")
                        && t.get(i, CLASSIFIER).equals("path"),
                ERROR_SUM,
                v -> 0.98);
        assertEquals(Verdict.FAILS, verdict(f, Claim.MEP_BOUND, Level.THEORY));
        ResultsFolder mc = edit(
                CLASS_MEP,
                (t, i) -> t.get(i, MEP_APPLIES).equals("true")
                        && t.get(i, CLASSIFIER).equals("random"),
                ERROR_SUM,
                v -> 0.8);
        assertEquals(Verdict.FAILS, verdict(mc, Claim.MEP_BOUND, Level.SIMULATION));
    }

    @Test
    void aUnionOptimumThatDoesNotBeatTheBoundOutsideThePremiseFailsC2() {
        ResultsFolder f = edit(
                CLASS_FRONTIER,
                (t, i) -> t.get(i, MEP_APPLIES).equals("false")
                        && t.get(i, CLASSIFIER).equals("opt_union"),
                ERROR_SUM,
                v -> 1.0);
        assertEquals(Verdict.FAILS, verdict(f, Claim.MEP_OPTIMA, Level.THEORY));
        ResultsFolder mc = edit(
                CLASS_MEP,
                (t, i) -> t.get(i, MEP_APPLIES).equals("false")
                        && t.get(i, CLASSIFIER).equals("opt_union"),
                ERROR_SUM,
                v -> 1.0);
        assertEquals(Verdict.FAILS, verdict(mc, Claim.MEP_OPTIMA, Level.SIMULATION));
    }

    @Test
    void anInvarianceErrorThatFallsWithEpsFailsC3() {
        // a = 0: invariance error 0.6 − ε·0.3 instead of rising
        ResultsFolder f = editWithRow(
                folder,
                CLASS_INVARIANCE,
                (t, i) -> t.getDouble(i, MIX) == 0.0,
                theory(INVARIANCE_ERROR),
                (t, i) -> 0.6 - 0.3 * t.getDouble(i, EPS));
        assertEquals(Verdict.FAILS, verdict(f, Claim.EXCESSIVE_INVARIANCE, Level.THEORY));
        ResultsFolder mc = editWithRow(
                folder,
                CLASS_INVARIANCE,
                (t, i) -> t.getDouble(i, MIX) == 0.5,
                INVARIANCE_ERROR,
                (t, i) -> 0.6 - 0.3 * t.getDouble(i, EPS));
        assertEquals(Verdict.FAILS, verdict(mc, Claim.EXCESSIVE_INVARIANCE, Level.SIMULATION));
    }

    @Test
    void crossEntropyThatFindsEverythingFailsC4() {
        ResultsFolder f = editWithRow(
                folder,
                CLASS_BETA,
                (t, i) -> t.get(i, MODEL).equals("counterexample"),
                theory(CE_SUCCESS),
                (t, i) -> t.getDouble(i, theory(EXACT_ERROR)));
        assertEquals(Verdict.FAILS, verdict(f, Claim.BETA_FINDS_WHAT_CE_MISSES, Level.THEORY));
        ResultsFolder mc = edit(CLASS_BETA, (t, i) -> true, CE_MISSED, v -> 0.0);
        assertEquals(Verdict.FAILS, verdict(mc, Claim.BETA_FINDS_WHAT_CE_MISSES, Level.SIMULATION));
        // an attack that "succeeds" where the exact margins say no perturbation exists is unsound
        ResultsFolder unsound = edit(CLASS_BETA, (t, i) -> i == 0, EXCEEDS_EXACT, v -> 3.0);
        assertEquals(Verdict.FAILS, verdict(unsound, Claim.BETA_FINDS_WHAT_CE_MISSES, Level.SIMULATION));
    }

    private static ResultsFolder edit(
            String table,
            BiFunction<ResultTable, Integer, Boolean> where,
            String column,
            java.util.function.DoubleUnaryOperator f) {
        return editWithRow(folder, table, where, column, (t, i) -> f.applyAsDouble(t.getDouble(i, column)));
    }

    /** {@code folder} with {@code column} of {@code table} replaced on the rows {@code where} selects. */
    private static ResultsFolder editWithRow(
            ResultsFolder base,
            String table,
            BiFunction<ResultTable, Integer, Boolean> where,
            String column,
            BiFunction<ResultTable, Integer, Double> value) {
        ResultTable t = base.require(table);
        int c = t.columns().indexOf(column);
        assertTrue(c >= 0, column);
        List<List<String>> rows = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < t.size(); i++) {
            List<String> row = new ArrayList<>(t.rows().get(i));
            if (where.apply(t, i)) {
                row.set(c, ResultTable.format(value.apply(t, i)));
                changed++;
            }
            rows.add(row);
        }
        assertTrue(changed > 0, "no row of " + table + " selected");
        Map<String, ResultTable> m = new HashMap<>();
        m.put(table, new ResultTable(t.columns(), rows));
        return base.with(m);
    }
}
