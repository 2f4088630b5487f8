package tradeoffs.deep.benchmark;

/** Supplies the objects of each class: procedural shapes or real images with masks. */
public interface ForegroundSource {
    /** The largest number of classes this source can supply. */
    int maxClasses();

    /**
     * An object of class {@code cls}; {@code seed} chooses among the class's objects, so the same
     * seed gives the same object. {@code heldOut} asks for an object reserved for testing (test
     * and group splits), so that test objects are never seen in training; sources with endless
     * objects may ignore it.
     */
    Sprite sprite(int cls, long seed, boolean heldOut);

    /** The relative object size range [min, max] as a fraction of the image's half-side. */
    default double[] scaleRange() {
        return new double[] {0.55, 0.8};
    }

    /** The largest rotation of an object, in degrees either way. */
    default double maxRotationDegrees() {
        return 20;
    }
}
