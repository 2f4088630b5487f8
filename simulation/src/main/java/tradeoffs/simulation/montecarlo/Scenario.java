package tradeoffs.simulation.montecarlo;

import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.simulation.sampling.AntiCausalSampler;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.simulation.sampling.GaussianSampler;
import tradeoffs.simulation.sampling.Sampler;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;

/**
 * What a simulation draws from: the training model (for the theory values), how many leading
 * features are core, the optional shifted test domain (docs/math.md §3.4), a sampler for each, and
 * labels (column → value) that identify the scenario in result tables.
 *
 * @param train the training model's (Σ, b, v)
 * @param dimCore the first {@code dimCore} features are core, the rest spurious
 * @param shifted the test-domain model, or null when there is no shift
 * @param trainSampler draws training and held-out test data
 * @param shiftedSampler draws test-domain data, or null
 * @param labels table columns describing the scenario, in order
 */
public record Scenario(
        GaussianModel train,
        int dimCore,
        GaussianModel shifted,
        Sampler trainSampler,
        Sampler shiftedSampler,
        Map<String, String> labels) {
    public Scenario {
        if (dimCore < 1 || dimCore > train.dim()) {
            throw new ParameterException("dim_core", "must be in [1, " + train.dim() + "]", dimCore);
        }
        if ((shifted == null) != (shiftedSampler == null)) {
            throw new ParameterException(
                    "shifted_sampler",
                    "must be given exactly when the shifted model is",
                    shiftedSampler == null ? "none with a shifted model" : "one without a shifted model");
        }
        if (trainSampler.dimension() != train.dim()) {
            throw new ParameterException(
                    "sampler", "must have the model's dimension " + train.dim(), trainSampler.dimension());
        }
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The core/spurious model (sampled by its construction), shifted to η′ = etaTest when not null. */
    public static Scenario coreSpurious(CoreSpuriousModel m, Double etaTest) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("model", "core-spurious");
        labels.put("sigma_core", Double.toString(m.sigmaCore()));
        labels.put("sigma_spurious", Double.toString(m.sigmaSpurious()));
        labels.put("eta", Double.toString(m.eta()));
        labels.put("noise", Double.toString(m.noise()));
        labels.put("dim_core", Integer.toString(m.dimCore()));
        labels.put("dim_spurious", Integer.toString(m.dimSpurious()));
        labels.put("eta_test", etaTest == null ? "" : Double.toString(etaTest));
        CoreSpuriousModel test = etaTest == null ? null : m.withEta(etaTest);
        return new Scenario(
                m.toGaussian(),
                m.dimCore(),
                test == null ? null : test.toGaussian(),
                new CoreSpuriousSampler(m),
                test == null ? null : new CoreSpuriousSampler(test),
                labels);
    }

    /** The anti-causal model (sampled by its construction), without a shifted domain. */
    public static Scenario antiCausal(AntiCausalModel m) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("model", "anti-causal");
        labels.put("a_core", Double.toString(m.loadingCore()));
        labels.put("a_spurious", Double.toString(m.loadingSpurious()));
        labels.put("tau_core", Double.toString(m.noiseCore()));
        labels.put("tau_spurious", Double.toString(m.noiseSpurious()));
        labels.put("dim_core", Integer.toString(m.dimCore()));
        labels.put("dim_spurious", Integer.toString(m.dimSpurious()));
        return new Scenario(m.toGaussian(), m.dimCore(), null, new AntiCausalSampler(m), null, labels);
    }

    /** Any jointly Gaussian model (sampled through a Cholesky root), optionally with a test domain. */
    public static Scenario gaussian(
            GaussianModel train, int dimCore, GaussianModel shifted, Map<String, String> labels) {
        return new Scenario(
                train,
                dimCore,
                shifted,
                GaussianSampler.of(train),
                shifted == null ? null : GaussianSampler.of(shifted),
                labels);
    }
}
