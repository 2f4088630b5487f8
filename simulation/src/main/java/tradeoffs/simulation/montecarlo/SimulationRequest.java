package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * A Monte Carlo study over a grid (the {@code simulate} command, docs/simulation.md): for each
 * attack norm and each ε, {@code reps} repetitions of finite-sample adversarial training
 * (docs/math.md §6.1) at sample size {@code n}, evaluated on {@code nTest} held-out samples.
 * Checked when made, in the model's words ({@link ParameterException}): here n ≥ 2 and
 * n_test ≥ 1, the rest by each point's {@link MonteCarloSpec}, and the heap for all repetitions.
 *
 * @param scenario the data model
 * @param norms the attack norms, each ℓ1, ℓ2 or ℓ∞
 * @param eps the radii ε ≥ 0
 * @param n training sample size, ≥ 2 and ≥ the number of features
 * @param nTest held-out sample size, ≥ 1
 * @param reps repetitions ≥ 2
 * @param seed the run seed; with a point's index it decides every random stream
 * @param includeUncertified keep fits whose relative duality gap exceeds the tolerance in the means
 * @param kinkCheck judge rows at non-smooth points with |z| &gt; 4 by their bias ladders ({@link NonSmoothCheck})
 */
public record SimulationRequest(
        Scenario scenario,
        List<LpNorm> norms,
        double[] eps,
        int n,
        int nTest,
        int reps,
        long seed,
        boolean includeUncertified,
        boolean kinkCheck) {
    /** How the numbers were obtained, for a manifest. */
    public static final String PROVENANCE =
            "finite-sample adversarial training, docs/math.md 6.1 [paper]; theory values docs/math.md 2-5 [derived]; "
                    + "non-smooth points judged by bias ladders, docs/math.md 7.4 [derived]";

    public SimulationRequest {
        norms = List.copyOf(norms);
        eps = eps.clone();
        // the norm, the radii, n >= the dimension and reps are checked by each point's MonteCarloSpec
        if (norms.isEmpty()) {
            throw new ParameterException("norm", "must name at least one norm", "none");
        }
        if (eps.length == 0) {
            throw new ParameterException("eps", "must have at least one value", "none");
        }
        ParameterException.requireAtLeast("n", n, 2);
        ParameterException.requireAtLeast("n_test", nTest, 1);
        MonteCarlo.requireFits(specs(scenario, norms, eps, n, nTest, reps, seed));
    }

    @Override
    public double[] eps() {
        return eps.clone();
    }

    /** The grid's points, norm-major: one spec per (norm, ε), indexed in that order. */
    public List<MonteCarloSpec> specs() {
        return specs(scenario, norms, eps, n, nTest, reps, seed);
    }

    private static List<MonteCarloSpec> specs(
            Scenario scenario, List<LpNorm> norms, double[] eps, int n, int nTest, int reps, long seed) {
        List<MonteCarloSpec> specs = new ArrayList<>();
        for (LpNorm a : norms) {
            for (double e : eps) {
                specs.add(new MonteCarloSpec(scenario, a, e, n, nTest, reps, seed, specs.size()));
            }
        }
        return specs;
    }

    /** The run's sizes and switches, for a manifest (model parameters and grids are the caller's). */
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("n_test", nTest);
        m.put("reps", reps);
        return m;
    }
}
