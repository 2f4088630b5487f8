package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/** {@link EvaluationRequest#grids}: one ε grid for a single norm, refused with several. */
class EvaluationRequestGridsTest {
    @Test
    void aSingleGridReplacesTheOnlyNormsGridAndIsRefusedWithSeveralNorms() {
        Map<PerturbationNorm, double[]> one = Map.of(PerturbationNorm.L2, new double[] {0, 1});
        assertArrayEquals(
                new double[] {0, 1}, EvaluationRequest.grids(one, null).get(PerturbationNorm.L2));
        assertArrayEquals(
                new double[] {0, 0.25, 0.5},
                EvaluationRequest.grids(one, Grid.parse("eps", "0.5,0,0.25")).get(PerturbationNorm.L2),
                "sorted ascending");
        assertEquals(
                "eps",
                assertThrows(ParameterException.class, () -> EvaluationRequest.grids(one, Grid.parse("eps", "-1")))
                        .parameter());
        Map<PerturbationNorm, double[]> two = new LinkedHashMap<>();
        two.put(PerturbationNorm.LINF, new double[] {0});
        two.put(PerturbationNorm.L2, new double[] {0});
        ParameterException e =
                assertThrows(ParameterException.class, () -> EvaluationRequest.grids(two, Grid.parse("eps", "0.1")));
        assertEquals("eps", e.parameter());
        assertEquals("2 norms", e.got());
        assertEquals(
                List.of(PerturbationNorm.LINF, PerturbationNorm.L2),
                List.copyOf(EvaluationRequest.grids(two, null).keySet()));
    }
}
