package tradeoffs.io.tables;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.Grid;
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearClassifier;
import tradeoffs.theory.classification.MepBound;
import tradeoffs.theory.classification.MultiPerturbationTradeoff;
import tradeoffs.theory.classification.TramerBonehDistribution;
import tradeoffs.theory.norm.LpNorm;

/**
 * The table of {@code tradeoffs classification multi-perturbation}: ℓ∞ against ℓ1 robust accuracy
 * of linear classifiers on the Tramèr–Boneh distribution (docs/math.md §10.1–§10.4), over the product of the
 * grids: the path of classifiers and, when asked, the optimal classifier of each objective.
 * Columns are documented in docs/classification.md.
 */
public final class MultiPerturbationTable {
    /** The column names, in order . */
    public static final List<String> COLUMNS = List.of(
            P0,
            DIM,
            ALPHA,
            ETA,
            EPS_LINF,
            EPS_L1,
            MEP_APPLIES,
            CLASSIFIER,
            THETA,
            W0,
            WEAK_SUM,
            WEAK_L2,
            WEAK_LINF,
            BIAS,
            CLEAN_ACCURACY,
            LINF_ACCURACY,
            L1_ACCURACY,
            UNION_ACCURACY,
            AVG_ACCURACY,
            ERROR_SUM);
    /** Provenance of the formulas. */
    public static final Map<String, String> PROVENANCE = provenance();

    /** The largest number d of weak features (classifier vectors are materialised). */
    public static final int MAX_DIM = 1_000_000;
    /** The most rows a table may have (the product of the grids). */
    public static final long MAX_ROWS = Grid.MAX_POINTS;
    /** The most classifiers on the path. */
    public static final int MAX_PATH_POINTS = 10_000;

    /** The note on standard error after every classification table. */
    public static final String DERIVED_NOTE =
            "note: every formula is [derived] for this project (docs/math.md section 10; docs/classification.md), not quoted from the papers";

    private MultiPerturbationTable() {}

    /**
     * The {@code classification multi-perturbation} run: the {@link #rows} of the grids (p0 in
     * [0.5, 1], dim in [1, {@value #MAX_DIM}], α ≥ 0, ε∞ ≥ 0 or null for 2η, ε1 ≥ 0) written to
     * {@code sink} with the grids as given, the compute time, the provenance and {@link #DERIVED_NOTE}.
     */
    public static void write(
            Grid p0,
            Grid dim,
            Grid alpha,
            Grid epsLinf,
            Grid epsL1,
            int points,
            boolean optimal,
            TableSink sink,
            Manifest manifest) {
        double[] p0s = p0.within("p0", 0.5, 1).values();
        double[] dims = dim.within("dim", 1, MAX_DIM).values();
        double[] alphas = alpha.atLeast("alpha", 0).values();
        double[] epsLinfs =
                epsLinf == null ? null : epsLinf.atLeast("eps_linf", 0).values();
        double[] epsL1s = epsL1.atLeast("eps_l1", 0).values();
        long t0 = System.nanoTime();
        List<Map<String, Object>> rows = rows(p0s, dims, alphas, epsLinfs, epsL1s, points, optimal);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p0", p0.text());
        params.put("dim", dim.text());
        params.put("alpha", alpha.text());
        params.put("eps_linf", epsLinf == null ? "2*eta" : epsLinf.text());
        params.put("eps_l1", epsL1.text());
        params.put("points", points);
        params.put("optimal", optimal);
        sink.writeRows(manifest, COLUMNS, rows, params, PROVENANCE, seconds, DERIVED_NOTE);
    }

    /**
     * The rows for every (p0, d, α, ε∞, ε1) of the grids ({@code epsLinfs} null: ε∞ = 2η, the MEP
     * threshold, at each point): {@code points} classifiers on the path, then the optima.
     */
    public static List<Map<String, Object>> rows(
            double[] p0s,
            double[] dims,
            double[] alphas,
            double[] epsLinfs,
            double[] epsL1s,
            int points,
            boolean optimal) {
        for (double d : dims) {
            if (d != Math.rint(d) || d < 1 || d > MAX_DIM) {
                throw new ParameterException("dim", "values must be integers in [1, " + MAX_DIM + "]", d);
            }
        }
        if (points < 2 || points > MAX_PATH_POINTS) {
            throw new ParameterException("points", "must be in [2, " + MAX_PATH_POINTS + "]", points);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(P0, p0s.length);
        sizes.put(DIM, dims.length);
        sizes.put(ALPHA, alphas.length);
        sizes.put(EPS_LINF, epsLinfs == null ? 1 : epsLinfs.length);
        sizes.put(EPS_L1, epsL1s.length);
        sizes.put("points", points + (optimal ? 4 : 0));
        requireRows(sizes);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double p : p0s) {
            for (double d : dims) {
                for (double a : alphas) {
                    TramerBonehDistribution dist = new TramerBonehDistribution(p, (int) d, a);
                    double[] linfs = epsLinfs == null ? new double[] {2 * dist.eta()} : epsLinfs;
                    for (double ei : linfs) {
                        for (double e1 : epsL1s) {
                            List<MultiPerturbationTradeoff.Row> table =
                                    new ArrayList<>(MultiPerturbationTradeoff.path(dist, ei, e1, points));
                            if (optimal) {
                                table.addAll(MultiPerturbationTradeoff.optima(dist, ei, e1));
                            }
                            for (MultiPerturbationTradeoff.Row r : table) {
                                rows.add(row(dist, ei, e1, r));
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** Refuses a product of the grids above {@link #MAX_ROWS} rows, naming the grid with the most values. */
    private static void requireRows(Map<String, Integer> sizes) {
        double rows = 1;
        String largest = null;
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            rows *= e.getValue();
            if (largest == null || e.getValue() > sizes.get(largest)) {
                largest = e.getKey();
            }
        }
        if (rows > MAX_ROWS) {
            throw new ParameterException(
                    largest,
                    "must have fewer values: the grids' product gives " + (long) rows + " rows, more than " + MAX_ROWS,
                    sizes.get(largest) + " values");
        }
    }

    /** The leading columns of a row: the distribution (p0, dim, alpha, eta), the radii and whether the MEP premise holds. */
    public static Map<String, Object> lead(TramerBonehDistribution dist, double epsLinf, double epsL1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(P0, dist.p0());
        m.put(DIM, dist.dim());
        m.put(ALPHA, dist.alpha());
        m.put(ETA, dist.eta());
        m.put(EPS_LINF, epsLinf);
        m.put(EPS_L1, epsL1);
        m.put(MEP_APPLIES, MepBound.applies(dist, epsLinf, epsL1));
        return m;
    }

    /** One row of the table: the distribution, the radii and one classifier of the tradeoff with its exact accuracies. */
    public static Map<String, Object> row(
            TramerBonehDistribution dist, double epsLinf, double epsL1, MultiPerturbationTradeoff.Row r) {
        LinearClassifier c = r.classifier();
        Map<String, Object> m = lead(dist, epsLinf, epsL1);
        m.put(CLASSIFIER, r.label());
        m.put(THETA, r.theta());
        m.put(W0, c.w0());
        m.put(WEAK_SUM, c.weakSum());
        m.put(WEAK_L2, c.weakL2());
        m.put(WEAK_LINF, LpNorm.LINF.norm(c.weak()));
        m.put(BIAS, c.bias());
        m.put(CLEAN_ACCURACY, r.clean());
        m.put(LINF_ACCURACY, r.linf());
        m.put(L1_ACCURACY, r.l1());
        m.put(UNION_ACCURACY, r.union());
        m.put(AVG_ACCURACY, r.average());
        m.put(ERROR_SUM, r.errorSum());
        return m;
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("distribution", "[derived parametrisation] docs/math.md §10.1, after Tramer & Boneh 2019");
        p.put(
                "clean_accuracy, linf_accuracy, l1_accuracy",
                "[derived] docs/math.md §10.2: 1/2 sum_y [p0 Phi((w0 + eta S + y b - r)/sigma) + (1-p0) Phi((-w0 + eta S + y b - r)/sigma)], r = eps ||w||_q");
        p.put("union_accuracy", "[derived] docs/math.md §10.2: the same with r = max_k eps_k ||w||_{q_k}");
        p.put("avg_accuracy", "[derived] docs/math.md §10.2: mean of linf_accuracy and l1_accuracy");
        p.put(
                "error_sum",
                "[derived] docs/math.md §10.3 (MEP bound, §10.3): >= 1 for every classifier when eps_linf >= 2 eta and eps_l1 >= 2");
        p.put(
                "opt_*",
                "[derived] optimum over a sufficient 3-parameter family, grid + Nelder-Mead (docs/math.md §10.4)");
        p.put(
                "claims",
                "[paper] Tramer & Boneh 2019: l-inf and l1 robustness are mutually exclusive on this kind of distribution");
        return Collections.unmodifiableMap(p);
    }
}
