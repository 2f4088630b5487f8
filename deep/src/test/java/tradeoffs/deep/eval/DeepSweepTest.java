package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.ResultTable;

/** A sweep trains and scores several regimes at once; the tables must not depend on how many. */
class DeepSweepTest {

    static DeepSweep.Spec spec() {
        Map<PerturbationNorm, double[]> eval = new LinkedHashMap<>();
        eval.put(PerturbationNorm.LINF, new double[] {0, 0.03});
        eval.put(PerturbationNorm.L2, new double[] {0, 0.5});
        BenchmarkParams b = BenchmarkParams.defaults().withImageSize(8).withClasses(3);
        return new DeepSweep.Spec("tiny", b, 3, 96, 30, Architecture.CNN, 1, 32, 2e-3, 2,
                List.of(Regime.standard(), new Regime(PerturbationNorm.LINF, 0.03), new Regime(PerturbationNorm.L2, 0.5)),
                eval, 2, 1, null, new double[] {0.25}, Device.cpu(), 3);
    }

    @Test
    void sameTablesWithOneOrThreeWorkers(@TempDir Path one, @TempDir Path three) {
        DeepSweep.Tables a = DeepSweep.run(spec(), one, line -> { }, 1);
        DeepSweep.Tables b = DeepSweep.run(spec(), three, line -> { }, 3);
        assertEquals(withoutTiming(a.training()), withoutTiming(b.training()));
        assertEquals(a.reliance().rows(), b.reliance().rows());
        assertEquals(a.robust().rows(), b.robust().rows());
        assertEquals(List.of("standard", "linf", "l2"), a.training().strings("train_norm"),
                "rows in regime order, whatever order the workers finished in");
    }

    static List<List<String>> withoutTiming(ResultTable t) {
        int seconds = t.columns().indexOf("seconds");
        int speed = t.columns().indexOf("images_per_second");
        return t.rows().stream().map(r -> {
            List<String> c = new java.util.ArrayList<>(r);
            c.set(seconds, "");
            c.set(speed, "");
            return c;
        }).toList();
    }
}
