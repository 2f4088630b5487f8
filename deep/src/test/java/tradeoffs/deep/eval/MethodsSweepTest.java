package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.train.TrainConfig.Method;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;

/** Regimes of every training method, union robust accuracy and robust accuracy per epoch. */
class MethodsSweepTest {
    private static final Regime.Ball LINF = new Regime.Ball(PerturbationNorm.LINF, 0.03);
    private static final Regime.Ball L2 = new Regime.Ball(PerturbationNorm.L2, 0.5);

    @Test
    void everyMethodHasItsOwnRegimeIdAndPgdKeepsTheOldOne() {
        assertEquals("standard", Regime.standard().id());
        assertEquals("linf-eps0.0300000", new Regime(PerturbationNorm.LINF, 0.03).id());
        assertEquals("linf-eps0.0300000", Regime.of(Method.PGD, LINF).id());
        assertEquals("trades-linf-eps0.0300000", Regime.of(Method.TRADES, LINF).id());
        assertEquals("beta-linf-eps0.0300000", Regime.of(Method.BETA, LINF).id());
        assertEquals(
                "max-linf-eps0.0300000+l2-eps0.500000",
                Regime.of(Method.MAX, LINF, L2).id());
        assertEquals(
                "avg-linf-eps0.0300000+l2-eps0.500000",
                Regime.of(Method.AVG, LINF, L2).id());
        assertEquals("linf+l2", Regime.of(Method.MAX, LINF, L2).normId());
        assertEquals("max", Regime.of(Method.MAX, LINF, L2).methodId());
        assertEquals("standard", new Regime(PerturbationNorm.LINF, 0).methodId(), "PGD at ε = 0 is standard training");
        assertEquals(
                "train_norm",
                assertThrows(ParameterException.class, () -> Regime.of(Method.MAX, LINF))
                        .parameter());
        assertEquals(
                "train_norm",
                assertThrows(ParameterException.class, () -> Regime.of(Method.BETA))
                        .parameter());
    }

    @Test
    void unionRobustAccuracyOfAFixedTableIsCountedByHand() {
        // Six images; per norm whether each is robust (a clean error is robust under no norm).
        //            image:     0     1      2      3      4      5
        boolean[] linf = {true, true, false, true, false, true};
        boolean[] l2 = {true, false, true, true, false, true};
        boolean[] l1 = {true, true, true, false, false, true};
        // Robust under all three: images 0 and 5 -> 2/6; under ℓ∞ and ℓ2: 0, 3, 5 -> 3/6.
        assertEquals(2.0 / 6, RobustAccuracy.union(List.of(linf, l2, l1)), 0);
        assertEquals(3.0 / 6, RobustAccuracy.union(List.of(linf, l2)), 0);
        assertEquals(4.0 / 6, RobustAccuracy.union(List.of(linf)), 0);
        assertThrows(IllegalArgumentException.class, () -> RobustAccuracy.union(List.of(linf, new boolean[2])));
    }

    @Test
    void aTinySweepOfTheMethodsWritesUnionAndPerEpochRows(@TempDir Path dir) {
        DeepSweep.Spec base = DeepSweepTest.spec();
        List<Regime> regimes = List.of(
                Regime.standard(),
                Regime.of(Method.TRADES, LINF),
                Regime.of(Method.BETA, LINF),
                Regime.of(Method.MAX, LINF, L2));
        DeepSweep.Spec spec = new DeepSweep.Spec(
                base.label(),
                base.benchmark(),
                base.seed(),
                base.trainSize(),
                base.testSize(),
                base.architecture(),
                2,
                base.batchSize(),
                base.learningRate(),
                base.trainSteps(),
                regimes,
                base.evalEps(),
                base.evalSteps(),
                base.evalRestarts(),
                base.evalLoss(),
                base.rfsSigmas(),
                base.device(),
                base.trainSeed());
        EpochRobustness perEpoch = new EpochRobustness(12, PerturbationNorm.LINF, 0.03, 2);
        DeepSweep.Tables t = DeepSweep.run(spec, dir, line -> {}, ProgressListener.NONE, 2, List.of(), perEpoch);
        assertEquals(List.of("standard", "trades", "beta", "max"), t.training().strings("train_method"));
        assertEquals(
                List.of("standard", "linf", "linf", "linf+l2"), t.training().strings("train_norm"));
        // Union: one row per model, never above either norm's robust accuracy at its largest radius.
        assertEquals(4, t.union().size());
        for (int i = 0; i < 4; i++) {
            double union = t.union().getDouble(i, "union_robust_accuracy");
            String method = t.union().get(i, "train_method");
            for (String norm : List.of("linf", "l2")) {
                ResultTable r = t.robust()
                        .where("train_method", method::equals)
                        .where("norm", norm::equals)
                        .where("eps", e -> Double.parseDouble(e) > 0);
                assertTrue(union <= r.getDouble(0, "robust_accuracy"), method + " " + norm);
            }
            assertEquals("linf:0.03 l2:0.5", t.union().get(i, "eps_by_norm"));
        }
        // Per epoch: 2 epochs x 4 models on 12 held-out images.
        assertEquals(8, t.epochs().size());
        assertEquals(List.of("1", "2", "1", "2", "1", "2", "1", "2"), t.epochs().strings("epoch"));
        assertEquals("12", t.epochs().get(0, "n"));
        for (String id : List.of("standard", "trades-linf-eps0.0300000", "beta-linf-eps0.0300000")) {
            assertTrue(
                    Files.isRegularFile(dir.resolve("models/tiny").resolve(id).resolve(RegimeRun.EPOCH_FILE)), id);
        }
        // A rerun reuses the checkpoints and their per-epoch rows.
        DeepSweep.Tables again = DeepSweep.run(spec, dir, line -> {}, ProgressListener.NONE, 2, List.of(), perEpoch);
        assertEquals(t.epochs().rows(), again.epochs().rows());
        assertEquals(t.union().rows(), again.union().rows());
    }
}
