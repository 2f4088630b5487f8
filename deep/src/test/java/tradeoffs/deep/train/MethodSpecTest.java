package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.model.Architecture;
import tradeoffs.theory.ParameterException;

/** The training method built from plain parameters, and every refusal named in the model's words. */
class MethodSpecTest {
    static final TrainConfig BASE = TrainConfig.standard(Architecture.CNN, 3, 32, 1e-3, 7);

    static TrainConfig config(List<String> norms, List<Double> eps, int steps, Double stepSize, String multi) {
        return new MethodSpec(norms, eps, steps, stepSize, multi).config(BASE);
    }

    @Test
    void noneAndStandardAreStandardTraining() {
        assertSame(BASE, config(List.of("none"), List.of(), 5, null, null));
        assertSame(BASE, config(List.of("Standard"), List.of(), 5, null, null));
    }

    @Test
    void oneNormIsPgdWithTheDefaultOrTheGivenStepSize() {
        TrainConfig c = config(List.of("linf"), List.of(0.03), 5, null, null);
        assertEquals("linf", c.regime());
        assertEquals(1, c.attacks().size());
        assertEquals(0.03, c.attacks().get(0).eps(), 0);
        assertEquals(5, c.attacks().get(0).steps());
        // Madry et al.'s rule of thumb, by hand: 2.5 * 0.03 / 5 = 0.015
        assertEquals(0.015, c.attacks().get(0).stepSize(), 1e-15);
        assertEquals(
                0.01,
                config(List.of("linf"), List.of(0.03), 5, 0.01, null)
                        .attacks()
                        .get(0)
                        .stepSize(),
                0);
        assertEquals(BASE.epochs(), c.epochs());
        assertEquals(BASE.seed(), c.seed());
    }

    @Test
    void severalNormsAreMultiPerturbationTrainingInTheGivenMode() {
        TrainConfig avg = config(List.of("l1", "linf"), List.of(8.0, 0.03), 2, null, "avg");
        assertEquals("l1+linf", avg.regime());
        assertEquals(TrainConfig.MultiMode.AVG, avg.mode());
        assertEquals(
                List.of(PerturbationNorm.L1, PerturbationNorm.LINF),
                avg.attacks().stream().map(a -> a.norm()).toList());
        assertEquals(
                TrainConfig.MultiMode.MAX,
                config(List.of("l2", "linf"), List.of(0.5, 0.03), 2, null, null).mode());
    }

    @Test
    void badCombinationsNameTheParameter() {
        assertParameter("eps", () -> config(List.of("none"), List.of(0.1), 5, null, null));
        assertParameter("step_size", () -> config(List.of("none"), List.of(), 5, 0.1, null));
        assertParameter("multi", () -> config(List.of("none"), List.of(), 5, null, "max"));
        assertParameter("multi", () -> config(List.of("linf"), List.of(0.1), 5, null, "avg"));
        assertParameter("multi", () -> config(List.of("linf"), List.of(0.1), 5, null, "foo"));
        assertParameter("eps", () -> config(List.of("l2", "linf"), List.of(0.1), 5, null, null));
        assertParameter("eps", () -> config(List.of("linf"), List.of(-0.1), 5, null, null));
        assertParameter("norm", () -> config(List.of("l3"), List.of(1.0), 5, null, null));
        assertParameter("norm", () -> config(List.of(" "), List.of(), 5, null, null));
        assertParameter("train_steps", () -> config(List.of("none"), List.of(), 0, null, null));
    }

    static void assertParameter(String parameter, Runnable r) {
        ParameterException e = assertThrows(ParameterException.class, r::run);
        assertEquals(parameter, e.parameter(), e.getMessage());
        assertTrue(!e.getMessage().contains("--"), "no flags in a library message: " + e.getMessage());
    }
}
