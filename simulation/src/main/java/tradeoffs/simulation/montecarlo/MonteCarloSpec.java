package tradeoffs.simulation.montecarlo;

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
public record MonteCarloSpec(Scenario scenario, LpNorm attack, double eps, int n, int nTest, int reps, long seed, long point) {
    public MonteCarloSpec {
        if (!(attack.isOne() || attack.isTwo() || attack.isInfinity())) {
            throw new ParameterException("norm", "must be l1, l2 or linf", attack.name());
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ParameterException("eps", "must be >= 0 and finite", eps);
        }
        if (n < scenario.train().dim()) {
            throw new ParameterException("n", "must be >= the dimension " + scenario.train().dim(), n);
        }
        if (nTest < 0) {
            throw new ParameterException("n_test", "must be >= 0", nTest);
        }
        if (reps < 2) {
            throw new ParameterException("reps", "must be >= 2", reps);
        }
    }
}
