package tradeoffs.cli.deep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.io.Grid;

/**
 * Robust-evaluation flags shared by {@code deep eval} and {@code deep sweep}: ε grids, attack strength
 * and the noise levels of RFS. Radii and noise levels are in pixel units: images are 3×PX×PX with
 * values in [0, 1]; an ℓ∞ radius bounds each value's change, ℓ2 and ℓ1 radii the norm of the change
 * of the whole image.
 */
public final class DeepAttackOptions implements ParameterFlags {
    @Override
    public Map<String, String> parameterFlags() {
        return Map.of("eval_restarts", "--restarts");
    }

    @Option(
            names = "--eps-linf",
            paramLabel = "GRID",
            defaultValue = "0,0.01,0.02,0.03,0.05",
            converter = GridConverter.class,
            description =
                    "l-inf radii, in pixel units (each pixel value in [0, 1] moves by at most eps): a value, a "
                            + "fraction such as 8/255, a comma list or start:stop:step, e.g. 0:8/255:2/255 (default: ${DEFAULT-VALUE}).")
    Grid epsLinf;

    @Option(
            names = "--eps-l2",
            paramLabel = "GRID",
            defaultValue = "0,0.25,0.5,1",
            converter = GridConverter.class,
            description = "l2 radii: the l2 norm of the change of the whole 3xPXxPX image, pixel values in [0, 1]; "
                    + "values, fractions, lists or ranges as for --eps-linf (default: ${DEFAULT-VALUE}).")
    Grid epsL2;

    @Option(
            names = "--eps-l1",
            paramLabel = "GRID",
            defaultValue = "0,2,5,10",
            converter = GridConverter.class,
            description = "l1 radii: the sum of the absolute changes over all 3*PX*PX pixel values in [0, 1]; "
                    + "values, fractions, lists or ranges as for --eps-linf (default: ${DEFAULT-VALUE}).")
    Grid epsL1;

    @Option(
            names = "--eval-steps",
            paramLabel = "N",
            defaultValue = "10",
            description = "PGD steps of the evaluation attacks (default: ${DEFAULT-VALUE}).")
    int evalSteps;

    @Option(
            names = "--restarts",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Random restarts of the evaluation PGD; a point is robust only if all fail (default: ${DEFAULT-VALUE}).")
    int restarts;

    @Option(
            names = "--loss",
            paramLabel = "ce|margin|ce+beta",
            defaultValue = "ce",
            description = "Evaluation attack: PGD on cross-entropy, on the CW margin, or PGD-CE and the BETA attack "
                    + "(per wrong class margin; both must fail) (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(
            names = "--rfs-sigma",
            paramLabel = "S",
            defaultValue = "0.1,0.25,0.5",
            converter = GridConverter.class,
            description = "Noise levels of RFS: standard deviations of the Gaussian noise added to foreground or "
                    + "background, in pixel units (values in [0, 1]), each > 0 (default: ${DEFAULT-VALUE}).")
    Grid rfsSigma;

    /** The RFS noise levels (the library checks them). */
    double[] rfsSigmas() {
        return rfsSigma.values();
    }

    /** The ε grid of each of {@code norms}, ascending and ≥ 0. */
    Map<PerturbationNorm, double[]> grids(List<PerturbationNorm> norms) {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>();
        for (PerturbationNorm n : norms) {
            Grid g = n == PerturbationNorm.LINF ? epsLinf : n == PerturbationNorm.L2 ? epsL2 : epsL1;
            m.put(n, g.atLeast("eps_" + n.id(), 0).ascending());
        }
        return m;
    }

    /** The evaluation loss, or null for PGD-CE plus BETA. */
    AttackLoss attackLoss() {
        return AttackLoss.parseEvaluation(loss, "loss");
    }
}
