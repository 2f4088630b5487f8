package tradeoffs.simulation.classification;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearClassifier;
import tradeoffs.theory.classification.MepBound;
import tradeoffs.theory.classification.MultiPerturbationAccuracy;
import tradeoffs.theory.classification.Perturbation;
import tradeoffs.theory.classification.TramerBonehDistribution;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Monte Carlo of the ℓ∞ and ℓ1 robust accuracies of linear classifiers on the Tramèr–Boneh
 * distribution and of their error sum, the quantity of the MEP bound (docs/math.md §10.2–§10.3).
 *
 * <p>Every sample is drawn from a seeded stream ({@link TramerBonehSampler}) and attacked
 * explicitly: the perturbation δ* = −y·ε·u*(w) of {@link Perturbation#worstCaseDelta} (the exact
 * worst case in the ball for a linear score, §1.2), checked to lie in its ball, is added to the
 * point and the classifier is evaluated at x + δ*; a score of 0 is an error. So for each sample
 * e∞ = 1{sign(wᵀ(x + δ∞) + b) ≠ y}, e₁ likewise, and the error sum's per-sample value is e∞ + e₁;
 * the estimates are the sample means with standard errors from the per-sample variance (the two
 * indicators of a sample are correlated, so the error sum's standard error is not the sum of the
 * two). None of this uses the closed form Φ(·) of §10.2, which is only set beside the estimate.
 *
 * <p>All classifiers are evaluated on the same samples (common random numbers). The samples come
 * in chunks of {@link #CHUNK}; chunk c uses stream (seed, point, c, TEST), so the result does not
 * depend on the number of threads.
 */
public final class MepMonteCarlo {
    /** Samples per stream. */
    public static final int CHUNK = 2_000;

    /**
     * A classifier to try, with how the tables call it.
     *
     * @param label {@code random}, {@code path}, {@code opt_linf}, {@code opt_l1}, {@code opt_union}, {@code opt_avg}
     * @param theta its angle θ on the tradeoff path (NaN when it has none)
     * @param classifier the classifier
     */
    public record Candidate(String label, double theta, LinearClassifier classifier) {}

    /**
     * The estimates for one classifier ({@code estimate.theory()} is the exact value of §10.2).
     *
     * @param candidate the classifier
     * @param linf ℓ∞ robust accuracy
     * @param l1 ℓ1 robust accuracy
     * @param errorSum (1 − ℓ∞ accuracy) + (1 − ℓ1 accuracy)
     */
    public record Result(Candidate candidate, Estimate linf, Estimate l1, Estimate errorSum) {}

    private MepMonteCarlo() {}

    /**
     * Estimates every candidate's accuracies at radii (ε_∞, ε₁) from {@code samples} draws.
     *
     * @throws ParameterException when samples &lt; 2 or a classifier's dimension differs from the distribution's
     */
    public static List<Result> run(
            TramerBonehDistribution dist,
            List<Candidate> candidates,
            double epsLinf,
            double epsL1,
            int samples,
            long seed,
            long point,
            int threads) {
        if (samples < 2) {
            throw new ParameterException("samples", "must be >= 2", samples);
        }
        int k = candidates.size();
        Perturbation linf = Perturbation.linf(epsLinf);
        Perturbation l1 = Perturbation.l1(epsL1);
        // the worst case depends on w and y only: δ[k][0] for y = −1, δ[k][1] for y = +1, for each ball
        double[][][] dInf = new double[k][][];
        double[][][] dOne = new double[k][][];
        double[][] weights = new double[k][];
        double[] biases = new double[k];
        for (int c = 0; c < k; c++) {
            LinearClassifier cl = candidates.get(c).classifier();
            if (cl.dim() != dist.dim()) {
                throw new ParameterException(
                        "dim", "of every classifier must be the distribution's " + dist.dim(), cl.dim());
            }
            weights[c] = cl.weights();
            biases[c] = cl.bias();
            dInf[c] = deltas(linf, weights[c]);
            dOne[c] = deltas(l1, cl.weights());
        }
        int chunks = (samples + CHUNK - 1) / CHUNK;
        Streams streams = new Streams(seed);
        List<Tally[]> parts = IndexedTasks.map(chunks, threads, ch -> {
            int m = Math.min(CHUNK, samples - ch * CHUNK);
            UniformRandomProvider rng = streams.stream(point, ch, Streams.TEST);
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            TramerBonehSampler sampler = new TramerBonehSampler(dist);
            Tally[] t = tallies(3 * k);
            double[] x = new double[dist.dim() + 1];
            for (int i = 0; i < m; i++) {
                int y = sampler.draw(rng, gauss, x);
                int yi = y > 0 ? 1 : 0;
                for (int c = 0; c < k; c++) {
                    double eInf = correct(weights[c], biases[c], x, dInf[c][yi], y) ? 0.0 : 1.0;
                    double eOne = correct(weights[c], biases[c], x, dOne[c][yi], y) ? 0.0 : 1.0;
                    t[3 * c].add(1.0 - eInf);
                    t[3 * c + 1].add(1.0 - eOne);
                    t[3 * c + 2].add(eInf + eOne);
                }
            }
            return t;
        });
        Tally[] total = tallies(3 * k);
        for (Tally[] part : parts) {
            for (int j = 0; j < total.length; j++) {
                total[j].addAll(part[j]);
            }
        }
        List<Result> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Candidate cand = candidates.get(c);
            double aInf = MultiPerturbationAccuracy.robust(dist, cand.classifier(), linf);
            double aOne = MultiPerturbationAccuracy.robust(dist, cand.classifier(), l1);
            // Var(e∞ + e₁) ≥ (sd∞ − sd₁)² whatever their correlation: the null variance of the error sum
            double sdGap = Math.sqrt(aInf * (1 - aInf)) - Math.sqrt(aOne * (1 - aOne));
            out.add(new Result(
                    cand,
                    total[3 * c].proportion(ColumnNames.LINF_ACCURACY, aInf),
                    total[3 * c + 1].proportion(ColumnNames.L1_ACCURACY, aOne),
                    total[3 * c + 2].estimate(
                            ColumnNames.ERROR_SUM,
                            MepBound.errorSum(dist, cand.classifier(), epsLinf, epsL1),
                            sdGap * sdGap)));
        }
        return out;
    }

    /**
     * {@code count} random linear classifiers near the tradeoff, labelled {@code random}: θ uniform in
     * [0, π/2], w₀ = cos θ, non-negative weights |N(0, 1)| on k weak features (k uniform in 1..d, a random
     * subset) scaled to ‖w_{1:d}‖₂ = sin θ, and a bias uniform in [−½, ½]. Drawn from stream
     * (seed, point, 0, ATTACK).
     */
    public static List<Candidate> randomCandidates(TramerBonehDistribution dist, int count, long seed, long point) {
        UniformRandomProvider rng = new Streams(seed).stream(point, 0, Streams.ATTACK);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        int d = dist.dim();
        List<Candidate> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            double theta = 0.5 * Math.PI * rng.nextDouble();
            int k = 1 + rng.nextInt(d);
            int[] order = org.apache.commons.rng.sampling.PermutationSampler.natural(d);
            org.apache.commons.rng.sampling.PermutationSampler.shuffle(rng, order);
            double[] weak = new double[d];
            double norm = 0.0;
            for (int i = 0; i < k; i++) {
                double v = Math.abs(gauss.sample());
                weak[order[i]] = v;
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                weak[i] = norm > 0.0 ? weak[i] * Math.sin(theta) / norm : 0.0;
            }
            double bias = rng.nextDouble() - 0.5;
            out.add(new Candidate("random", theta, new LinearClassifier(Math.cos(theta), weak, bias)));
        }
        return out;
    }

    /** The worst-case δ for y = −1 and y = +1, each checked to lie in the ball. */
    private static double[][] deltas(Perturbation p, double[] w) {
        double[][] d = {p.worstCaseDelta(w, -1), p.worstCaseDelta(w, 1)};
        for (double[] delta : d) {
            double size = p.norm().norm(delta);
            if (size > p.eps() * (1 + 1e-12)) {
                throw new IllegalStateException("attack leaves its ball: ‖δ‖ = " + size + " > " + p.eps());
            }
        }
        return d;
    }

    /** Whether sign(wᵀ(x + δ) + b) = y; a score of 0 is an error. */
    private static boolean correct(double[] w, double bias, double[] x, double[] delta, int y) {
        double s = bias;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * (x[i] + delta[i]);
        }
        return y * s > 0;
    }

    private static Tally[] tallies(int n) {
        Tally[] t = new Tally[n];
        for (int i = 0; i < n; i++) {
            t[i] = new Tally();
        }
        return t;
    }
}
