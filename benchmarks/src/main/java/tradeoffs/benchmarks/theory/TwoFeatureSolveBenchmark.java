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
import tradeoffs.theory.regression.GaussianModel;

/**
 * A cold 2-D adversarial-training solve (docs/math.md §4) for the ℓ∞ and ℓ1 attacks: "cold" builds
 * the model and solves from scratch (penalty search, active-set step, certificate); "prepared"
 * reuses the prepared model. Target: tens of microseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TwoFeatureSolveBenchmark {
    @Param({"linf", "l1"})
    public String norm;

    @Param({"1.0", "2.0"})
    public double sigmaSpurious;

    LpNorm attack;
    CoreSpuriousModel model;
    AdversarialTraining prepared;

    @Setup
    public void setup() {
        attack = LpNorm.parse(norm);
        model = CoreSpuriousModel.twoFeature(1.0, sigmaSpurious, 0.6, 0.5);
        prepared = new AdversarialTraining(model.toGaussian());
    }

    @Benchmark
    public AdversarialSolution cold() {
        GaussianModel g = model.toGaussian();
        return AdversarialTraining.solve(g, attack, 0.4);
    }

    @Benchmark
    public AdversarialSolution prepared() {
        return prepared.solve(attack, 0.4);
    }
}
