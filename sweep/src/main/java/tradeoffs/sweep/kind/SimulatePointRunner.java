package tradeoffs.sweep.kind;

import static tradeoffs.io.schema.ColumnNames.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.montecarlo.MonteCarlo;
import tradeoffs.simulation.montecarlo.MonteCarloResult;
import tradeoffs.simulation.montecarlo.MonteCarloSpec;
import tradeoffs.sweep.PointRunner;
import tradeoffs.sweep.SweepPoint;

/**
 * The {@code simulate} kind: a Monte Carlo of the point ({@link MonteCarlo}), one row per
 * quantity. Section keys: n (training size, default 10000), n_test (held-out size, default n),
 * reps (repetitions, default 100). Columns: n, n_test, reps, quantity, theory, mean, se, ci_low,
 * ci_high, z, max_rel_gap.
 */
public final class SimulatePointRunner implements PointRunner {
    private static final List<String> KEYS = List.of("n", "n_test", "reps");

    @Override
    public String kind() {
        return "simulate";
    }

    @Override
    public List<String> columns() {
        return List.of(N, N_TEST, REPS, QUANTITY, THEORY, MEAN, SE, CI_LOW, CI_HIGH, Z, MAX_REL_GAP);
    }

    /** n, n_test and reps may be lists (grid axes); their values are the n, n_test, reps columns. */
    @Override
    public List<String> sweepableKeys() {
        return KEYS;
    }

    @Override
    public void validate(JsonNode section) {
        SectionReader r = new SectionReader(kind(), section);
        r.onlyKeys(KEYS);
        int n = r.integer("n", 10_000, 2);
        r.integer("n_test", n, 1);
        r.integer("reps", 100, 2);
    }

    /** The point's Monte Carlo spec: sizes against the model's dimension, the int range and the heap. */
    @Override
    public double check(SweepPoint point, JsonNode section) {
        MonteCarloSpec spec = spec(point, section, 1L);
        MonteCarlo.requireFits(List.of(spec));
        return spec.bytesPerRepetition();
    }

    private static MonteCarloSpec spec(SweepPoint point, JsonNode section, long seed) {
        SectionReader keys = new SectionReader("simulate", section);
        int n = keys.integer("n", 10_000, 2);
        int nTest = keys.integer("n_test", n, 1);
        int reps = keys.integer("reps", 100, 2);
        try {
            return new MonteCarloSpec(point.scenario(), point.norm(), point.eps(), n, nTest, reps, seed, point.index());
        } catch (tradeoffs.theory.ParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'simulate': " + e.getMessage(), e);
        }
    }

    @Override
    public List<List<Object>> run(SweepPoint point, JsonNode section, long seed) {
        return run(point, section, seed, 1);
    }

    @Override
    public List<List<Object>> run(SweepPoint point, JsonNode section, long seed, int threads) {
        MonteCarloSpec spec = spec(point, section, seed);
        int n = spec.n();
        int nTest = spec.nTest();
        int reps = spec.reps();
        MonteCarloResult r = MonteCarlo.run(spec, threads);
        List<List<Object>> rows = new ArrayList<>();
        for (Estimate e : r.estimates()) {
            if (Double.isNaN(e.theory()) && e.count() == 0) {
                continue;
            }
            rows.add(new ArrayList<>(List.of(
                    n,
                    nTest,
                    reps,
                    e.quantity(),
                    e.theory(),
                    e.mean(),
                    e.se(),
                    e.ciLow(),
                    e.ciHigh(),
                    e.z(),
                    r.maxRelativeGap())));
        }
        return rows;
    }
}
