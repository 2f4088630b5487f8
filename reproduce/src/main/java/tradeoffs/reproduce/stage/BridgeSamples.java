package tradeoffs.reproduce.stage;

import tradeoffs.deep.bridge.LinearBridge;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * Training samples for the bridge, drawn by the simulation module's core/spurious sampler
 * (docs/math.md §3.2) from the stream (seed, point, rep, TRAIN) of {@link Streams}: the deep module
 * trains on them without depending on the simulation module, and the convex solver of the
 * simulation module can be run on exactly the same sample.
 */
public final class BridgeSamples {
    private BridgeSamples() {}

    /** The sample of repetition {@code rep} at grid point {@code point}. */
    public static Sample draw(CoreSpuriousModel model, int n, long seed, long point, int rep) {
        return new CoreSpuriousSampler(model).sample(n, new Streams(seed).stream(point, rep, Streams.TRAIN));
    }

    /** Repetition r → {@link #draw}(model, n, seed, point, r). */
    public static LinearBridge.SampleSource source(CoreSpuriousModel model, int n, long seed, long point) {
        return rep -> draw(model, n, seed, point, rep);
    }
}
