package tradeoffs.benchmarks.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The ℓ∞ phase diagram: a 400 × 400 grid of (ε, σ_s) on the two-feature model, ε ∈ (0, 1.2],
 * σ_s ∈ [0.25, 4] (crossing the scale condition σ_s η = σ_c), every point a certified solve.
 * Target: under 2 s on 2 threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LinfGridBenchmark {
    @Param({"400"})
    public int size;

    @Param({"2"})
    public int threads;

    List<TradeoffCurve.Spec> specs;

    @Setup
    public void setup() {
        double[] eps = new double[size];
        for (int i = 0; i < size; i++) {
            eps[i] = 1.2 * (i + 1) / size;
        }
        specs = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            double ss = 0.25 + 3.75 * j / (size - 1);
            CoreSpuriousModel m = CoreSpuriousModel.twoFeature(1.0, ss, 0.6, 0.5);
            specs.add(new TradeoffCurve.Spec(m.toGaussian(), 1, null, LpNorm.LINF, eps, false));
        }
    }

    @Benchmark
    public List<List<TradeoffPoint>> grid() {
        return TradeoffCurve.curves(specs, threads);
    }
}
