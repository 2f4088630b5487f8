package tradeoffs.benchmarks.simulation;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * One certified finite-sample adversarial-training solve (THEORY.md §1.8) at n = 10⁴, d = 2 on the
 * core/spurious model (σ_c = 1, σ_s = 2, η = 0.5, σ_n = 0.5), ε = 0.3, from least squares.
 * {@code solve} includes forming XᵀX (as a fresh dataset would); {@code resolve} reuses it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FiniteSampleSolveBenchmark {
    @Param({"linf", "l2", "l1"})
    public String norm;

    @Param({"10000"})
    public int n;

    private Sample data;
    private EmpiricalAdversarialTraining prepared;
    private LpNorm attack;

    @Setup
    public void setup() {
        data = new CoreSpuriousSampler(CoreSpuriousModel.twoFeature(1.0, 2.0, 0.5, 0.5)).sample(n,
                new Streams(2026).stream(0, 0, Streams.TRAIN));
        prepared = EmpiricalAdversarialTraining.of(data);
        attack = LpNorm.parse(norm);
    }

    @Benchmark
    public EmpiricalFit solve() {
        EmpiricalFit fit = EmpiricalAdversarialTraining.of(data).fit(attack, 0.3);
        if (!fit.certified()) {
            throw new IllegalStateException("not certified: " + fit.relativeGap());
        }
        return fit;
    }

    @Benchmark
    public EmpiricalFit resolve() {
        return prepared.fit(attack, 0.3);
    }
}
