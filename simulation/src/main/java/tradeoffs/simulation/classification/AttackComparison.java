package tradeoffs.simulation.classification;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.LinearBeta;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Cross-entropy PGD against BETA on linear multi-class models, under ‖δ‖_∞ ≤ ε, with the exact maximum
 * margins of docs/math.md §10.6 ({@link LinearBeta}) as the reference for every draw: per draw,
 * <ul>
 *   <li>exact: a misclassifying δ exists iff max_{j≠y} max_δ M_j ≥ 0 ({@link LinearBeta#attack});</li>
 *   <li>BETA: {@link LinfPgd#beta} succeeds iff its final margin is ≥ 0; its margin's distance to the exact
 *       maximum is recorded;</li>
 *   <li>cross-entropy: {@link LinfPgd#crossEntropy} succeeds iff the final point is misclassified
 *       (largest wrong score ≥ the true score);</li>
 *   <li>missed: the exact margin says a misclassifying δ exists and cross-entropy PGD did not find one.</li>
 * </ul>
 * A success the exact margin rules out is counted apart ({@link Row#exceedsExact}); it is 0 for sound
 * attacks. Draws come in chunks of {@link MepMonteCarlo#CHUNK}, chunk c from stream (seed, point, c, TEST).
 */
public final class AttackComparison {
    /**
     * The rates at one ε (each estimate's {@code theory()} is the scenario's closed form, or NaN).
     *
     * @param scenario where the draws came from
     * @param pgd the attack's ε, steps and step size
     * @param exact fraction of draws with a misclassifying δ in the ball
     * @param beta fraction BETA misclassified (closed form: the exact rate, BETA being exact on linear models)
     * @param crossEntropy fraction cross-entropy PGD misclassified
     * @param missed fraction with a misclassifying δ that cross-entropy PGD did not find
     * @param betaMarginGap largest |BETA's margin − the exact maximum margin|
     * @param exceedsExact draws where an attack succeeded although the exact margin is &lt; 0
     */
    public record Row(
            MulticlassScenario scenario,
            LinfPgd pgd,
            Estimate exact,
            Estimate beta,
            Estimate crossEntropy,
            Estimate missed,
            double betaMarginGap,
            int exceedsExact) {}

    private AttackComparison() {}

    /** One row per ε, each from {@code samples} draws; row i uses point {@code firstPoint + i}. */
    public static List<Row> run(
            MulticlassScenario scenario,
            double[] eps,
            int steps,
            int samples,
            long seed,
            long firstPoint,
            int threads) {
        if (samples < 2) {
            throw new ParameterException("samples", "must be >= 2", samples);
        }
        Streams streams = new Streams(seed);
        int chunks = (samples + MepMonteCarlo.CHUNK - 1) / MepMonteCarlo.CHUNK;
        List<Part> parts = IndexedTasks.map(eps.length * chunks, threads, t -> {
            int e = t / chunks;
            int ch = t % chunks;
            int m = Math.min(MepMonteCarlo.CHUNK, samples - ch * MepMonteCarlo.CHUNK);
            return chunk(scenario, LinfPgd.of(eps[e], steps), m, streams.stream(firstPoint + e, ch, Streams.TEST));
        });
        List<Row> rows = new java.util.ArrayList<>();
        for (int e = 0; e < eps.length; e++) {
            Part total = new Part();
            for (Part p : parts.subList(e * chunks, (e + 1) * chunks)) {
                total.add(p);
            }
            double exactTheory = scenario.exactErrorRate(eps[e]);
            rows.add(new Row(
                    scenario,
                    LinfPgd.of(eps[e], steps),
                    total.exact.proportion(ColumnNames.EXACT_ERROR, exactTheory),
                    total.beta.proportion(ColumnNames.BETA_SUCCESS, exactTheory),
                    total.ce.proportion(ColumnNames.CE_SUCCESS, scenario.crossEntropyRate(eps[e])),
                    total.missed.proportion(ColumnNames.CE_MISSED, exactTheory - scenario.crossEntropyRate(eps[e])),
                    total.gap,
                    total.exceeds));
        }
        return rows;
    }

    /** Tallies of one chunk of draws. */
    private static final class Part {
        final Tally exact = new Tally();
        final Tally beta = new Tally();
        final Tally ce = new Tally();
        final Tally missed = new Tally();
        double gap;
        int exceeds;

        void add(Part o) {
            exact.addAll(o.exact);
            beta.addAll(o.beta);
            ce.addAll(o.ce);
            missed.addAll(o.missed);
            gap = Math.max(gap, o.gap);
            exceeds += o.exceeds;
        }
    }

    private static Part chunk(MulticlassScenario scenario, LinfPgd pgd, int draws, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        Part p = new Part();
        for (int i = 0; i < draws; i++) {
            MulticlassScenario.Draw d = scenario.draw(rng, gauss);
            LinearMulticlassModel m = d.model();
            LinearBeta.MarginMaximum reference = LinearBeta.attack(m.w(), m.b(), d.x(), d.y(), LpNorm.LINF, pgd.eps());
            LinfPgd.Targeted beta = pgd.beta(m, d.x(), d.y());
            double[] ce = pgd.crossEntropy(m, d.x(), d.y());
            boolean exact = reference.misclassified();
            boolean betaWins = beta.margin() >= 0.0;
            boolean ceWins = m.largestMargin(d.x(), ce, d.y()) >= 0.0;
            p.exact.add(exact ? 1 : 0);
            p.beta.add(betaWins ? 1 : 0);
            p.ce.add(ceWins ? 1 : 0);
            p.missed.add(exact && !ceWins ? 1 : 0);
            p.gap = Math.max(p.gap, Math.abs(beta.margin() - reference.margin()));
            p.exceeds += (betaWins || ceWins) && !exact ? 1 : 0;
        }
        return p;
    }
}
