package tradeoffs.simulation.sampling;

import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.theory.sample.Sample;

/** Draws i.i.d. labelled examples (x, y) of one data model. */
public interface Sampler {
    /** The number of features d. */
    int dimension();

    /** n examples drawn with {@code rng} (the same generator state gives the same dataset). */
    Sample sample(int n, UniformRandomProvider rng);
}
