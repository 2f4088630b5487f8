package tradeoffs.simulation.montecarlo;

import java.util.List;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The outcome of one {@link MonteCarloSpec}.
 *
 * @param spec what was run
 * @param theory the population solution at (attack, ε) from the theory module
 * @param estimates one per quantity, in the order of {@link MonteCarlo#QUANTITIES}
 * @param weights the trained weights of every repetition, in repetition order
 * @param maxRelativeGap the largest relative duality gap of the finite-sample solves
 * @param uncertified how many repetitions' fits were not certified (left out of the estimates
 *     unless asked otherwise; see {@link MonteCarlo#runAll(List, int, java.util.function.Consumer, boolean)})
 */
public record MonteCarloResult(
        MonteCarloSpec spec,
        TradeoffPoint theory,
        List<Estimate> estimates,
        List<double[]> weights,
        double maxRelativeGap,
        int uncertified) {
    public MonteCarloResult {
        estimates = List.copyOf(estimates);
        weights = List.copyOf(weights);
    }

    /** The estimate of a quantity by its column name. */
    public Estimate estimate(String quantity) {
        for (Estimate e : estimates) {
            if (e.quantity().equals(quantity)) {
                return e;
            }
        }
        throw new ParameterException("quantity", "must be one of " + MonteCarlo.QUANTITIES, "'" + quantity + "'");
    }
}
