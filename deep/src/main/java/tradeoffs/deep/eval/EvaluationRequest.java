package tradeoffs.deep.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.data.DatasetKind;
import tradeoffs.deep.metrics.BackgroundReliance;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/**
 * What {@link Evaluation} evaluates: a model (a checkpoint of deep training, or a TorchScript file
 * with its normalisation and class map), the data it is evaluated on (the generated benchmark,
 * ImageNet-9 folders or Waterbirds), the robust-accuracy attacks per norm and the RFS noise levels.
 * Radii and noise levels are in pixel units (images are 3×S×S with values in [0, 1]). Bad values
 * throw a {@link ParameterException} in the model's words.
 *
 * @param checkpoint the checkpoint folder, or null for a model file (exactly one of the two)
 * @param modelFile a TorchScript image classifier, or null for a checkpoint
 * @param dataset where the data comes from
 * @param data the ImageNet-9 or Waterbirds folder (required for them); for the generated benchmark,
 *     where a checkpoint's Fashion-MNIST / MNIST foreground files are now (null: where they were)
 * @param inputSize the model's image side (null: a checkpoint's own; 24 for a model file on generated
 *     data, 224 on real data)
 * @param mean per-channel mean subtracted inside a model file's wrapper (null: 0); model files only
 * @param std per-channel standard deviation dividing inside the wrapper (null: 1); model files only
 * @param classMap how a model file's outputs map to the data's classes ({@code imagenet9},
 *     {@code identity} or a file; null: identity, or imagenet9 for 1000 outputs on ImageNet-9)
 * @param eps the ε grid of robust accuracy per norm, each ascending and ≥ 0 (iteration order kept)
 * @param evalSteps PGD steps of the evaluation attacks (≥ 1)
 * @param restarts random restarts of the evaluation PGD (≥ 1); a point is robust only if all fail
 * @param loss the evaluation attack's loss; null for PGD-CE followed by BETA (both must fail)
 * @param rfsSigmas the RFS noise levels, each &gt; 0
 * @param testSize generated data: test images per variant (null: 1000); real data: images per class
 *     and variant (ImageNet-9) or test images (Waterbirds) (null: all)
 * @param seed seed of attacks and noise (null: the checkpoint's, or 1)
 */
public record EvaluationRequest(
        Path checkpoint,
        Path modelFile,
        DatasetKind dataset,
        Path data,
        Integer inputSize,
        double[] mean,
        double[] std,
        String classMap,
        Map<PerturbationNorm, double[]> eps,
        int evalSteps,
        int restarts,
        AttackLoss loss,
        double[] rfsSigmas,
        Integer testSize,
        Long seed) {
    /** Generated test images per variant when no test size is given. */
    public static final int DEFAULT_TEST_SIZE = 1000;
    /** A model file's image side on real data when none is given. */
    public static final int DEFAULT_REAL_SIZE = 224;

    public EvaluationRequest {
        if ((checkpoint == null) == (modelFile == null)) {
            throw new ParameterException(
                    "checkpoint", "or a model file must be given, not both", checkpoint == null ? "neither" : "both");
        }
        if (dataset == null) {
            throw new ParameterException("dataset", "is required", null);
        }
        if (dataset != DatasetKind.GENERATED && data == null) {
            throw new ParameterException("data", "must name the " + dataset.id() + " folder", "nothing");
        }
        if (modelFile == null) {
            requireAbsent("mean", mean == null ? null : Arrays.toString(mean));
            requireAbsent("std", std == null ? null : Arrays.toString(std));
            requireAbsent("class_map", classMap);
        }
        if (inputSize != null) {
            ParameterException.requireAtLeast("input_size", inputSize, 1);
        }
        if (testSize != null) {
            ParameterException.requireAtLeast("test_size", testSize, 1);
        }
        ParameterException.requireAtLeast("eval_steps", evalSteps, 1);
        ParameterException.requireAtLeast("eval_restarts", restarts, 1);
        BackgroundReliance.requireSigmas(rfsSigmas);
        Map<PerturbationNorm, double[]> grids = new LinkedHashMap<>();
        eps.forEach((n, g) -> grids.put(n, g.clone()));
        eps = Collections.unmodifiableMap(grids);
        rfsSigmas = rfsSigmas.clone();
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
    }

    /**
     * The ε grids of robust accuracy: {@code perNorm}'s, with {@code single} (when not null; ≥ 0,
     * sorted ascending) as the grid of the only norm.
     *
     * @throws ParameterException ({@code eps}) when {@code single} is given with several norms
     */
    public static Map<PerturbationNorm, double[]> grids(Map<PerturbationNorm, double[]> perNorm, Grid single) {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>(perNorm);
        if (single != null) {
            if (m.size() != 1) {
                throw new ParameterException(
                        "eps",
                        "needs exactly one norm; with several, give each norm's radii (eps_l1, eps_l2, eps_linf)",
                        m.size() + " norms");
            }
            double[] g = single.atLeast("eps", 0).ascending();
            m.replaceAll((n, old) -> g);
        }
        return m;
    }

    private static void requireAbsent(String parameter, Object value) {
        if (value != null) {
            throw new ParameterException(parameter, "applies to a model file only (not to a checkpoint)", value);
        }
    }

    /** The ε grids (copies). */
    @Override
    public Map<PerturbationNorm, double[]> eps() {
        Map<PerturbationNorm, double[]> m = new LinkedHashMap<>();
        eps.forEach((n, g) -> m.put(n, g.clone()));
        return m;
    }

    @Override
    public double[] rfsSigmas() {
        return rfsSigmas.clone();
    }

    /** Generated test images per variant (the default when none was given). */
    public int generatedTestSize() {
        return testSize == null ? DEFAULT_TEST_SIZE : testSize;
    }

    /** The loss's name as the manifest records it: {@code ce}, {@code margin} or {@code ce+beta}. */
    public String lossId() {
        return loss == null ? AttackLoss.CE_BETA : loss.id();
    }

    /** The radii per norm id, for a manifest. */
    public Map<String, List<Double>> epsByNorm() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        eps.forEach((n, g) -> m.put(n.id(), Arrays.stream(g).boxed().toList()));
        return m;
    }
}
