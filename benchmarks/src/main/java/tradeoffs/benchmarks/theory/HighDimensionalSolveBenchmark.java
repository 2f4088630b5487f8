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
 * A certified cold solve on a prepared model. {@code core-spurious}: d_c = d_s = d/2 (σ_s = 2,
 * η = 0.6, σ_n = 0.5) at ε = 0.05; {@code ar1}: the {@link PopulationInstance} of the scipy
 * comparison (benchmarks/compare/population.sh) at ε = {@code fraction} of the zero threshold
 * (ℓ∞ at 0.1, d = 1000: a dense support of 841 weights, solved by the sweeps and the pattern
 * step of docs/math.md §4.8 step 5; at 0.3, 439 weights, by the sweeps alone).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HighDimensionalSolveBenchmark {
    @Param({"10", "50", "1000"})
    public int dim;

    @Param({"l1", "l2", "linf"})
    public String norm;

    @Param({"core-spurious", "ar1"})
    public String problem;

    /** ε as a fraction of the zero threshold (ar1 only). */
    @Param({"0.3", "0.1"})
    public double fraction;

    LpNorm attack;
    double eps;
    AdversarialTraining trainer;

    @Setup
    public void setup() {
        attack = LpNorm.parse(norm);
        GaussianModel model = problem.equals("ar1")
                ? new PopulationInstance(dim, 0.5, 1, 0.5).model()
                : new CoreSpuriousModel(dim / 2, dim / 2, 1.0, 2.0, 0.6, 0.5).toGaussian();
        eps = problem.equals("ar1") ? PopulationInstance.eps(model, attack, fraction) : 0.05;
        trainer = new AdversarialTraining(model);
    }

    @Benchmark
    public AdversarialSolution solve() {
        return trainer.solve(attack, eps);
    }
}
