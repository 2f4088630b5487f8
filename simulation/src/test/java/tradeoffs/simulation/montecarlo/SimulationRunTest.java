package tradeoffs.simulation.montecarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;

/** The {@code simulate} study as a request and its run: checks in the model's words, grid order, thread independence. */
class SimulationRunTest {
    static final Scenario S = Scenario.coreSpurious(CoreSpuriousModel.twoFeature(0.6, 1.0, 0.6, 0.5), null);

    static SimulationRequest request(List<LpNorm> norms, int n, int nTest, int reps, boolean kinkCheck) {
        return new SimulationRequest(S, norms, new double[] {0.1, 0.3}, n, nTest, reps, 11, false, kinkCheck);
    }

    @Test
    void badSizesAndNormsAreRefusedNamingTheParameter() {
        List<LpNorm> l2 = List.of(LpNorm.L2);
        assertEquals(
                "reps",
                assertThrows(ParameterException.class, () -> request(l2, 100, 100, 1, false))
                        .parameter());
        assertEquals(
                "n",
                assertThrows(ParameterException.class, () -> request(l2, 1, 100, 2, false))
                        .parameter());
        assertEquals(
                "n_test",
                assertThrows(ParameterException.class, () -> request(l2, 100, 0, 2, false))
                        .parameter());
        ParameterException p =
                assertThrows(ParameterException.class, () -> request(List.of(LpNorm.parse("l3")), 100, 100, 2, false));
        assertEquals("norm", p.parameter());
        assertEquals(
                "norm",
                assertThrows(ParameterException.class, () -> request(List.of(), 100, 100, 2, false))
                        .parameter());
        // too many repetitions for the heap: refused when the request is made, not after a run
        assertEquals(
                "reps",
                assertThrows(ParameterException.class, () -> request(l2, 100, 100, 2_000_000_000, false))
                        .parameter());
    }

    @Test
    void theGridIsNormMajorAndIndexedInThatOrder() {
        List<MonteCarloSpec> specs =
                request(List.of(LpNorm.L1, LpNorm.LINF), 100, 50, 2, false).specs();
        assertEquals(4, specs.size());
        assertEquals(
                List.of(LpNorm.L1, LpNorm.L1, LpNorm.LINF, LpNorm.LINF),
                specs.stream().map(MonteCarloSpec::attack).toList());
        assertEquals(
                List.of(0.1, 0.3, 0.1, 0.3),
                specs.stream().map(MonteCarloSpec::eps).toList());
        assertEquals(
                List.of(0L, 1L, 2L, 3L),
                specs.stream().map(MonteCarloSpec::point).toList());
        assertEquals(50, specs.get(0).nTest());
    }

    /**
     * At ℓ∞, ε = 0.3 this model's spurious weight sits at a kink (NonSmoothCheckTest): with 200
     * repetitions its |z| exceeds 4 and the run adds its bias ladder. The same request gives the
     * same table and ladders on one thread and on two.
     */
    @Test
    void aRunChecksItsKinksAndDoesNotDependOnTheThreads() {
        SimulationRequest r =
                new SimulationRequest(S, List.of(LpNorm.LINF), new double[] {0.3}, 1000, 200, 200, 11, false, true);
        SimulationRun.Outcome one = SimulationRun.run(r, 1, null);
        SimulationRun.Outcome two = SimulationRun.run(r, 2, null);
        assertEquals(one.table().toCsv(), two.table().toCsv());
        assertEquals(one.ladders().toCsv(), two.ladders().toCsv());
        assertTrue(one.checks().stream().anyMatch(c -> c.quantity().equals(ColumnNames.W_SPURIOUS)));
        NonSmoothCheck.Check c = one.checks().stream()
                .filter(x -> x.quantity().equals(ColumnNames.W_SPURIOUS))
                .findFirst()
                .orElseThrow();
        String line = c.describe();
        assertTrue(line.startsWith("  linf eps=0.3 w_spurious (kink): z = "), line);
        assertTrue(line.contains("at n = 62, 250, 1000") && line.endsWith("converges (explained)"), line);
        String summary = one.summary(1.0);
        assertTrue(summary.startsWith("simulate: " + one.table().size() + " estimates"), summary);
        assertTrue(summary.contains("at non-smooth points"), summary);
        SimulationRun.Outcome off = SimulationRun.run(
                new SimulationRequest(S, List.of(LpNorm.LINF), new double[] {0.3}, 1000, 200, 200, 11, false, false),
                1,
                null);
        assertTrue(off.checks().isEmpty());
        assertEquals(one.table().toCsv(), off.table().toCsv());
    }
}
