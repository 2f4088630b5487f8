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
import tradeoffs.theory.classification.InvarianceSensitivity;
import tradeoffs.theory.classification.InvarianceToy;

/**
 * {@code tradeoffs classification invariance}: sensitivity-robustness vs invariance error on the toy
 * of THEORY.md §3 (classes in {@code tradeoffs.theory.classification}).
 */
@Command(name = "invariance", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Sensitivity-robustness vs invariance error on a toy (THEORY.md section 3)",
        description = {"Sensitivity-robustness vs invariance error (THEORY.md section 3): y = +-1;",
            "semantic x_s ~ N(y mu_s, sigma_s^2) decides the true label sign(x_s);",
            "non-semantic x_r ~ N(y mu_r, sigma_r^2). Classifiers sign(a x_s + (1-a) x_r):",
            "a = 0 is sign(x_r), a = 1 is sign(x_s). l-inf attack of radius eps on both.",
            "All formulas [derived]: docs/classification.md."},
        footer = {"", "Example:",
            "  tradeoffs classification invariance --mix 0,1 --eps 0:1:0.5",
            "", "CSV columns: mix, classifier, eps, clean_acc, robust_acc, invariance_error,",
            "  mu_s, sigma_s, mu_r, sigma_r. robust_acc: P(prediction = y for every",
            "  perturbation); invariance_error: P(correct, and some perturbation flips the",
            "  true label sign(x_s) while the prediction stays)."})
public final class ClassificationInvarianceCommand implements Callable<Integer> {
    /** The column names, in order (documented in docs/classification.md). */
    static final List<String> COLUMNS = List.of("mix", "classifier", "eps", "clean_acc", "robust_acc", "invariance_error", "mu_s",
            "sigma_s", "mu_r", "sigma_r");

    @Spec
    CommandSpec spec;

    @Option(names = "--mu-s", paramLabel = "MU", description = "mean mu_s of y x_s (default: ${DEFAULT-VALUE})")
    double muS = 1.0;

    @Option(names = "--sigma-s", paramLabel = "SIGMA", description = "standard deviation sigma_s > 0 of x_s (default: ${DEFAULT-VALUE})")
    double sigmaS = 1.0;

    @Option(names = "--mu-r", paramLabel = "MU", description = "mean mu_r of y x_r (default: ${DEFAULT-VALUE})")
    double muR = 2.0;

    @Option(names = "--sigma-r", paramLabel = "SIGMA", description = "standard deviation sigma_r > 0 of x_r (default: ${DEFAULT-VALUE})")
    double sigmaR = 0.5;

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class,
            description = "l-inf radius >= 0: a value, a comma list or start:stop:step (default: ${DEFAULT-VALUE})")
    Grid eps = Grid.parse("eps", "0:1.5:0.25");

    @Option(names = "--mix", paramLabel = "GRID", converter = GridConverter.class,
            description = "weight a in [0, 1] on x_s (default: ${DEFAULT-VALUE})")
    Grid mix = Grid.parse("mix", "0,0.5,1");

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        output.format();
        requireFinite("mu_s", muS);
        requireFinite("mu_r", muR);
        requirePositive("sigma_s", sigmaS);
        requirePositive("sigma_r", sigmaR);
        double[] epsGrid = eps.atLeast("eps", 0).values();
        double[] mixes = mix.within("mix", 0, 1).values();
        InvarianceToy toy = new InvarianceToy(muS, sigmaS, muR, sigmaR);
        long t0 = System.nanoTime();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double a : mixes) {
            for (double e : epsGrid) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mix", a);
                m.put("classifier", a == 0.0 ? "non-semantic" : a == 1.0 ? "semantic" : "mixture");
                m.put("eps", e);
                m.put("clean_acc", InvarianceSensitivity.cleanAccuracy(toy, a));
                m.put("robust_acc", InvarianceSensitivity.robustAccuracy(toy, a, e));
                m.put("invariance_error", InvarianceSensitivity.invarianceError(toy, a, e));
                m.put("mu_s", muS);
                m.put("sigma_s", sigmaS);
                m.put("mu_r", muR);
                m.put("sigma_r", sigmaR);
                rows.add(m);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("mu_s", muS);
        params.put("sigma_s", sigmaS);
        params.put("mu_r", muR);
        params.put("sigma_r", sigmaR);
        params.put("eps", eps.text());
        params.put("mix", mix.text());
        output.writeRows(spec, "classification invariance", COLUMNS, rows, params, provenance(), seconds, ClassificationCommand.DERIVED_NOTE);
        return 0;
    }

    private static void requireFinite(String parameter, double v) {
        if (!Double.isFinite(v)) {
            throw new ParameterException(parameter, "must be finite", v);
        }
    }

    private static void requirePositive(String parameter, double v) {
        if (!(v > 0.0) || Double.isInfinite(v)) {
            throw new ParameterException(parameter, "must be > 0", Grid.number(v));
        }
    }

    static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", "[derived] THEORY.md 3 toy, after Tramer et al. 2020 and Jacobsen et al. 2019");
        p.put("robust_acc", "[derived] THEORY.md 3: Phi((mu_r - eps)/sigma_r) for a = 0; Phi((a mu_s + (1-a) mu_r - eps)/sqrt(a^2 sigma_s^2 + (1-a)^2 sigma_r^2)) in general");
        p.put("invariance_error", "[derived] THEORY.md 3: [Phi(mu_s/sigma_s) - Phi((mu_s - eps)/sigma_s)] Phi(mu_r/sigma_r) for a = 0; 0 for a = 1; a 1-D integral (Gauss-Legendre) for 0 < a < 1");
        p.put("claims", "[paper] Tramer et al. 2020: defending against sensitivity examples can cause excessive invariance");
        return p;
    }
}
