package tradeoffs.report;

/**
 * The level a piece of evidence comes from. The deep level has two rows of the ledger: linear
 * models trained with DJL beside the theory's closed forms (the bridge), and the CNNs on the
 * shifted-backgrounds benchmark; a verdict of one says nothing about the other.
 */
public enum Level {
    THEORY("theory"),
    SIMULATION("simulation"),
    /** DJL-trained linear regressors on the theory's Gaussian model (docs/math.md §9, §12.4). */
    DEEP_LINEAR("deep: linear (DJL)"),
    /** CNNs trained with DJL on the shifted-backgrounds benchmark (docs/math.md §11, §12.5). */
    DEEP_CNN("deep: CNN");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the two deep rows. */
    public boolean isDeep() {
        return this == DEEP_LINEAR || this == DEEP_CNN;
    }
}
