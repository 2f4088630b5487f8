package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.theory.ParameterException;

/** {@link Regime#of}: the regimes of a sweep from norm names and radii per norm. */
class RegimeListTest {
    static final Map<PerturbationNorm, double[]> RADII = Map.of(
            PerturbationNorm.LINF, new double[] {0.01, 0.03},
            PerturbationNorm.L2, new double[] {0.5},
            PerturbationNorm.L1, new double[] {8});

    @Test
    void standardThenEachNormAtEachRadiusWithoutRepeats() {
        List<Regime> r = Regime.of(List.of("standard", "linf", "none", "l2", "linf"), RADII);
        assertEquals(
                List.of(
                        Regime.standard(),
                        new Regime(PerturbationNorm.LINF, 0.01),
                        new Regime(PerturbationNorm.LINF, 0.03),
                        new Regime(PerturbationNorm.L2, 0.5)),
                r);
        assertEquals(
                List.of(Regime.standard()),
                Regime.of(List.of("linf"), Map.of(PerturbationNorm.LINF, new double[] {0})),
                "eps 0 is standard training");
    }

    @Test
    void badNamesAndRadiiNameTheParameter() {
        ParameterException e = assertThrows(ParameterException.class, () -> Regime.of(List.of("l3"), RADII));
        assertEquals("train_norm", e.parameter());
        e = assertThrows(
                ParameterException.class,
                () -> Regime.of(List.of("l2"), Map.of(PerturbationNorm.L2, new double[] {0.5, -1})));
        assertEquals("train_eps_l2 values must be >= 0 (got -1)", e.getMessage());
    }
}
