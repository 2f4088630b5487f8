package tradeoffs.report.evidence;

import static org.junit.jupiter.api.Assertions.*;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.NonSmoothLabels;
import tradeoffs.report.ReportBlock;

/** Every |z| &gt; 4 is explained by a converging bias ladder or agreement fails (docs/math.md §7.4). */
class AgreementSummaryTest {
    /** A Monte Carlo table: smooth rows with z = 0.5 at ε = 0.1, 0.2, and one row per (ε, z, mark). */
    static ResultTable sim(Object[]... extra) {
        ResultTable.Builder b = ResultTable.builder(
                MODEL,
                SIGMA_CORE,
                SIGMA_SPURIOUS,
                NORM,
                EPS,
                QUANTITY,
                THEORY,
                MEAN,
                SE,
                CI_LOW,
                CI_HIGH,
                Z,
                NON_SMOOTH);
        for (double e : new double[] {0.1, 0.2}) {
            b.row("core-spurious", 1.0, 1.0, "linf", e, W_CORE, 0.8, 0.8005, 0.001, 0.798, 0.803, 0.5, "");
        }
        for (Object[] x : extra) {
            b.row("core-spurious", 0.6, 1.0, "linf", x[0], x[1], 0.0, 0.01, 0.001, 0.008, 0.012, x[2], x[3]);
        }
        return b.build();
    }

    /** The ladder of the row at (σ_c = 0.6, ε, quantity): three rungs with the given verdict. */
    static void ladder(ResultTable.Builder b, double eps, String quantity, String kind, boolean converges) {
        int[] n = {250, 1000, 4000};
        for (int k = 0; k < 3; k++) {
            double bias = 0.04 / Math.pow(2, k);
            b.row(
                    "core-spurious",
                    0.6,
                    1.0,
                    "linf",
                    eps,
                    quantity,
                    kind,
                    n[k],
                    bias,
                    0.001,
                    bias / 0.001,
                    converges ? -0.5 : 0.0,
                    converges ? -0.6 : -0.1,
                    converges ? -0.4 : 0.1,
                    -0.5,
                    converges);
        }
    }

    static ResultTable.Builder ladders() {
        return ResultTable.builder(
                MODEL,
                SIGMA_CORE,
                SIGMA_SPURIOUS,
                NORM,
                EPS,
                QUANTITY,
                NON_SMOOTH,
                N,
                BIAS,
                SE,
                Z,
                SLOPE,
                SLOPE_CI_LOW,
                SLOPE_CI_HIGH,
                RATE,
                CONVERGES);
    }

    static AgreementSummary summary(ResultTable sim, ResultTable ladders) {
        Map<String, ResultTable> tables = new HashMap<>();
        tables.put(SIM_AGREEMENT, sim);
        if (ladders != null) {
            tables.put(SIM_NONSMOOTH, ladders);
        }
        return AgreementSummary.of(ResultsFolder.of(Path.of("x"), tables));
    }

    @Test
    void aLargeZAtAKinkWithAConvergingLadderIsExplained() {
        ResultTable.Builder l = ladders();
        ladder(l, 0.3, W_SPURIOUS, NonSmoothLabels.KINK, true);
        AgreementSummary s = summary(sim(new Object[] {0.3, W_SPURIOUS, 9.0, NonSmoothLabels.KINK}), l.build());
        assertTrue(s.holds());
        assertEquals(1, s.explained().size());
        assertEquals(2, s.smooth().count());
        assertEquals(1, s.nonSmooth());
        assertTrue(
                s.explained().get(0).why().contains("converges"),
                s.explained().get(0).why());
        String text = ((ReportBlock.Paragraph) s.blocks().get(0)).text();
        assertTrue(text.startsWith("**Agreement holds:**"), text);
    }

    @Test
    void aLargeZWhoseLadderDoesNotConvergeIsNotExplained() {
        ResultTable.Builder l = ladders();
        ladder(l, 0.3, W_SPURIOUS, NonSmoothLabels.KINK, false);
        AgreementSummary s = summary(sim(new Object[] {0.3, W_SPURIOUS, 9.0, NonSmoothLabels.KINK}), l.build());
        assertFalse(s.holds());
        assertEquals(1, s.unexplained().size());
        assertTrue(
                ((ReportBlock.Paragraph) s.blocks().get(0)).text().startsWith("**Agreement fails:** 1 |z| > 4 is not"));
        ResultTable listed = ((ReportBlock.Table) s.blocks().get(1)).table();
        assertEquals(List.of("NOT explained"), listed.strings("verdict"));
    }

    @Test
    void aLargeZAtASmoothPointOrWithoutALadderIsNotExplained() {
        AgreementSummary smooth =
                summary(sim(new Object[] {0.3, W_CORE, -5.0, ""}), ladders().build());
        assertFalse(smooth.holds());
        assertTrue(smooth.unexplained().get(0).why().startsWith("a smooth point"));
        // marked, but the folder has no ladder for it (e.g. the check was never run)
        AgreementSummary noLadder = summary(sim(new Object[] {0.3, W_SPURIOUS, 9.0, NonSmoothLabels.KINK}), null);
        assertFalse(noLadder.holds());
        assertTrue(noLadder.unexplained().get(0).why().startsWith("no bias ladder"));
        // a ladder of another point does not explain it
        ResultTable.Builder other = ladders();
        ladder(other, 0.45, W_SPURIOUS, NonSmoothLabels.KINK, true);
        assertFalse(summary(sim(new Object[] {0.3, W_SPURIOUS, 9.0, NonSmoothLabels.KINK}), other.build())
                .holds());
    }

    /** A marked row whose |z| is small needs no ladder, and is not counted among the smooth z-scores. */
    @Test
    void aMarkedRowWithSmallZNeedsNoLadder() {
        AgreementSummary s = summary(sim(new Object[] {0.3, RELIANCE, 1.5, NonSmoothLabels.NONNEGATIVE_ZERO}), null);
        assertTrue(s.holds());
        assertEquals(2, s.smooth().count());
        assertEquals(1, s.nonSmooth());
    }

    /** A table from before the non_smooth column: reliance with theory 0 is marked as its writer would have. */
    @Test
    void anOldTableMarksRelianceAtZero() {
        ResultTable old = ResultTable.builder(NORM, EPS, QUANTITY, THEORY, MEAN, SE, Z)
                .row("l2", 0.0, RELIANCE, 0.0, 0.008, 0.0006, 13.0)
                .row("l2", 0.0, W_CORE, 1.0, 1.0, 0.001, 0.1)
                .build();
        AgreementSummary s = summary(old, null);
        assertEquals(1, s.nonSmooth());
        assertFalse(s.holds()); // marked, |z| > 4, and an old folder has no ladder to explain it
        assertEquals(NonSmoothLabels.NONNEGATIVE_ZERO, s.unexplained().get(0).kind());
    }
}
