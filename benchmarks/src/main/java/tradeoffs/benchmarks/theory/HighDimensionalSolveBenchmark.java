package tradeoffs.benchmarks.theory;

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
import tradeoffs.theory.regression.AdversarialSolution;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.CoreSpuriousModel;

/** A certified cold solve with d_c = d_s = d/2 (σ_s = 2, η = 0.6, σ_n = 0.5, ε = 0.05) on a prepared model. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HighDimensionalSolveBenchmark {
    @Param({"10", "50"})
    public int dim;

    @Param({"l1", "l2", "linf"})
    public String norm;

    LpNorm attack;
    AdversarialTraining trainer;

    @Setup
    public void setup() {
        attack = LpNorm.parse(norm);
        trainer = new AdversarialTraining(new CoreSpuriousModel(dim / 2, dim / 2, 1.0, 2.0, 0.6, 0.5).toGaussian());
    }

    @Benchmark
    public AdversarialSolution solve() {
        return trainer.solve(attack, 0.05);
    }
}
