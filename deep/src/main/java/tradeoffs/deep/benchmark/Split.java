package tradeoffs.deep.benchmark;

import java.util.Locale;

/**
 * Which part of the benchmark an image belongs to. Each split has its own random streams, so the
 * splits never share an image.
 */
public enum Split {
    /** Training images: background type = class with probability ρ. Real foregrounds: the training objects. */
    TRAIN(1),
    /** Validation images, same distribution as training. */
    VAL(2),
    /**
     * Test images: same distribution as training, rendered in every {@link Variant}. Real
     * foregrounds: held-out objects.
     */
    TEST(3),
    /**
     * Waterbirds-style test split with the correlation broken: the background type is independent
     * of the class and the K² groups (class × background type) are balanced.
     */
    GROUPS(4);

    /** A constant mixed into every image's seed (never reorder: seeds depend on it). */
    final long streamId;

    Split(long streamId) {
        this.streamId = streamId;
    }

    /** True for the test splits, whose real foreground objects are held out of training. */
    public boolean isTest() {
        return this == TEST || this == GROUPS;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
