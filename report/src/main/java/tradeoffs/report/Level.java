package tradeoffs.report;

/** The level a piece of evidence comes from. */
public enum Level {
    THEORY("theory"), SIMULATION("simulation"), DEEP("deep");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
