package tradeoffs.cli.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.TableOutput;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearClassifier;
import tradeoffs.theory.classification.MepBound;
import tradeoffs.theory.classification.MultiPerturbationTradeoff;
import tradeoffs.theory.classification.TramerBonehDistribution;
import tradeoffs.theory.norm.LpNorm;

/**
 * {@code tradeoffs classification multi-perturbation}: the ℓ∞-vs-ℓ1 tradeoff table of THEORY.md §2
 * (classes in {@code tradeoffs.theory.classification}).
 */
@Command(name = "multi-perturbation", mixinStandardHelpOptions = true, sortOptions = false,
        header = "l-inf vs l1 robustness tradeoff of linear classifiers (THEORY.md section 2)",
        description = {"l-inf vs l1 robust accuracy of linear classifiers on the Tramer-Boneh",
            "distribution (THEORY.md section 2): y = +-1; x0 = y w.p. p0, else -y;",
            "x1..xd ~ N(y eta, 1) with eta = alpha/sqrt(d).",
            "Rows 'path': w0 = cos(theta), wi = sin(theta)/sqrt(d), b = 0, theta from 0",
            "(robust feature x0) to pi/2 (weak features). Rows 'opt_linf', 'opt_l1',",
            "'opt_union', 'opt_avg': the optimal linear classifier for each objective.",
            "Grid flags take a value, a comma list or start:stop:step; the table is the",
            "product of the grids. All formulas [derived]: docs/classification.md."},
        footer = {"", "Example:",
            "  tradeoffs classification multi-perturbation --dim 100 --alpha 2 --points 5",
            "", "CSV columns: p0, dim, alpha, eta, eps_linf, eps_l1, mep_applies, classifier,",
            "  theta, w0, weak_sum, weak_l2, weak_linf, bias, clean_acc, linf_acc, l1_acc,",
            "  union_acc, avg_acc, error_sum. error_sum = (1 - linf_acc) + (1 - l1_acc) is",
            "  >= 1 for every classifier when mep_applies (eps_linf >= 2 eta, eps_l1 >= 2)."})
public final class ClassificationMultiPerturbationCommand implements Callable<Integer> {
    /** The column names, in order (documented in docs/classification.md). */
    static final List<String> COLUMNS = List.of("p0", "dim", "alpha", "eta", "eps_linf", "eps_l1", "mep_applies", "classifier",
            "theta", "w0", "weak_sum", "weak_l2", "weak_linf", "bias", "clean_acc", "linf_acc", "l1_acc", "union_acc", "avg_acc",
            "error_sum");
    /** The largest --dim accepted (classifier vectors are materialised). */
    static final int MAX_DIM = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--p0", paramLabel = "GRID", converter = GridConverter.class,
            description = "P(x0 = y), in [0.5, 1] (default: ${DEFAULT-VALUE})")
    Grid p0 = Grid.parse("p0", "0.95");

    @Option(names = "--dim", paramLabel = "GRID", converter = GridConverter.class,
            description = "number d of weak features, integer in [1, 1000000] (default: ${DEFAULT-VALUE})")
    Grid dim = Grid.parse("dim", "100");

    @Option(names = "--alpha", paramLabel = "GRID", converter = GridConverter.class,
            description = "signal alpha >= 0 of the weak features, eta = alpha/sqrt(d) (default: ${DEFAULT-VALUE})")
    Grid alpha = Grid.parse("alpha", "2");

    @Option(names = "--eps-linf", paramLabel = "GRID", converter = GridConverter.class,
            description = "l-inf radius >= 0, e.g. 8/255 (default: 2 eta, the MEP threshold, at each grid point)")
    Grid epsLinf;

    @Option(names = "--eps-l1", paramLabel = "GRID", converter = GridConverter.class,
            description = "l1 radius >= 0 (default: ${DEFAULT-VALUE}, the MEP threshold)")
    Grid epsL1 = Grid.parse("eps_l1", "2");

    @Option(names = "--points", paramLabel = "N", description = "theta values on the path, in [2, 10000] (default: ${DEFAULT-VALUE})")
    int points = 11;

    @Option(names = "--no-optimal", description = "skip the optimal-classifier rows (each takes a fraction of a second)")
    boolean noOptimal;

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        output.format();
        double[] p0s = p0.within("p0", 0.5, 1).values();
        double[] dims = dim.within("dim", 1, MAX_DIM).values();
        for (double d : dims) {
            if (d != Math.rint(d)) {
                throw new ParameterException("dim", "values must be integers in [1, " + MAX_DIM + "]", d);
            }
        }
        double[] alphas = alpha.atLeast("alpha", 0).values();
        double[] epsLinfs = epsLinf == null ? null : epsLinf.atLeast("eps_linf", 0).values();
        double[] epsL1s = epsL1.atLeast("eps_l1", 0).values();
        if (points < 2 || points > 10_000) {
            throw new ParameterException("points", "must be in [2, 10000]", points);
        }
        long t0 = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double p : p0s) {
            for (double d : dims) {
                for (double a : alphas) {
                    TramerBonehDistribution dist = new TramerBonehDistribution(p, (int) d, a);
                    double[] linfs = epsLinfs == null ? new double[] {2 * dist.eta()} : epsLinfs;
                    for (double ei : linfs) {
                        for (double e1 : epsL1s) {
                            List<MultiPerturbationTradeoff.Row> table = new ArrayList<>(MultiPerturbationTradeoff.path(dist, ei, e1, points));
                            if (!noOptimal) {
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
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p0", p0.text());
        params.put("dim", dim.text());
        params.put("alpha", alpha.text());
        params.put("eps_linf", epsLinf == null ? "2*eta" : epsLinf.text());
        params.put("eps_l1", epsL1.text());
        params.put("points", points);
        params.put("optimal", !noOptimal);
        output.writeRows(spec, "classification multi-perturbation", COLUMNS, rows, params, provenance(), seconds, ClassificationCommand.DERIVED_NOTE);
        return 0;
    }

    private static Map<String, Object> row(TramerBonehDistribution dist, double epsLinf, double epsL1, MultiPerturbationTradeoff.Row r) {
        LinearClassifier c = r.classifier();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p0", dist.p0());
        m.put("dim", dist.dim());
        m.put("alpha", dist.alpha());
        m.put("eta", dist.eta());
        m.put("eps_linf", epsLinf);
        m.put("eps_l1", epsL1);
        m.put("mep_applies", MepBound.applies(dist, epsLinf, epsL1));
        m.put("classifier", r.label());
        m.put("theta", r.theta());
        m.put("w0", c.w0());
        m.put("weak_sum", c.weakSum());
        m.put("weak_l2", c.weakL2());
        m.put("weak_linf", LpNorm.LINF.norm(c.weak()));
        m.put("bias", c.bias());
        m.put("clean_acc", r.clean());
        m.put("linf_acc", r.linf());
        m.put("l1_acc", r.l1());
        m.put("union_acc", r.union());
        m.put("avg_acc", r.average());
        m.put("error_sum", r.errorSum());
        return m;
    }

    static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("distribution", "[derived parametrisation] THEORY.md 2, after Tramer & Boneh 2019");
        p.put("clean_acc, linf_acc, l1_acc", "[derived] THEORY.md 2: 1/2 sum_y [p0 Phi((w0 + eta S + y b - r)/sigma) + (1-p0) Phi((-w0 + eta S + y b - r)/sigma)], r = eps ||w||_q");
        p.put("union_acc", "[derived] THEORY.md 2: the same with r = max_k eps_k ||w||_{q_k}");
        p.put("avg_acc", "[derived] THEORY.md 2: mean of linf_acc and l1_acc");
        p.put("error_sum", "[derived] THEORY.md 2 (MEP bound): >= 1 for every classifier when eps_linf >= 2 eta and eps_l1 >= 2");
        p.put("opt_*", "[derived] optimum over a sufficient 3-parameter family, grid + Nelder-Mead (docs/classification.md)");
        p.put("claims", "[paper] Tramer & Boneh 2019: l-inf and l1 robustness are mutually exclusive on this kind of distribution");
        return p;
    }
}
