package tradeoffs.simulation.montecarlo;

import tradeoffs.theory.MemoryBudget;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * One Monte Carlo point: train by finite-sample adversarial training on n examples, {@code reps}
 * times, and evaluate on fresh held-out samples of size nTest.
 *
 * @param scenario the data model
 * @param attack the attack norm (ℓ1, ℓ2 or ℓ∞)
 * @param eps the attack radius ε ≥ 0
 * @param n training sample size
 * @param nTest held-out sample size for the risks (0: no risks are estimated)
 * @param reps repetitions ≥ 2
 * @param seed the run seed
 * @param point the grid-point index; with the seed it decides every random stream
 */
public record MonteCarloSpec(
        Scenario scenario, LpNorm attack, double eps, int n, int nTest, int reps, long seed, long point) {
    public MonteCarloSpec {
        if (!(attack.isOne() || attack.isTwo() || attack.isInfinity())) {
            throw new ParameterException("norm", "must be l1, l2 or linf", attack.name());
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be >= 0 and finite", eps);
        }
        if (n < scenario.train().dim()) {
            throw new ParameterException(
                    "n", "must be >= the dimension " + scenario.train().dim(), n);
        }
        if (nTest < 0) {
            throw new ParameterException("n_test", "must be >= 0", nTest);
        }
        if (reps < 2) {
            throw new ParameterException("reps", "must be >= 2", reps);
        }
        long d1 = scenario.train().dim() + 1L;
        MemoryBudget.requireArray("n", n, (double) n * d1, "a training sample of n x (d + 1) numbers");
        MemoryBudget.requireArray(
                "n_test", nTest, (double) nTest * d1, "a held-out sample of n_test x (d + 1) numbers");
        MemoryBudget.require(
                nTest > n ? "n_test" : "n",
                nTest > n ? nTest : n,
                bytesPerRepetition(d1 - 1, n, nTest),
                "one repetition's samples");
    }

    /**
     * The memory one repetition holds while it runs: 8·(d + 1)·(3n + 2·n_test) bytes, the
     * training sample and the fit's work arrays (3n rows) and the held-out and shifted-domain
     * samples (2·n_test rows). Measured peaks at d = 2: 2.1·8·(d + 1)·n for n = 2·10⁶ (ℓ1),
     * 1.7·8·(d + 1)·n_test for n_test = 2·10⁶.
     */
    public double bytesPerRepetition() {
        return bytesPerRepetition(scenario.train().dim(), n, nTest);
    }

    private static double bytesPerRepetition(long d, int n, int nTest) {
        return 8.0 * (d + 1.0) * (3.0 * n + 2.0 * nTest);
    }
}
