package tradeoffs.sweep.kind;

import tradeoffs.sweep.PointRunners;

/** The sweep kinds the tool offers, in the order {@code sweep --help} and docs/sweep.md list them. */
public final class SweepKinds {
    private SweepKinds() {}

    /** theory, simulate and deep. */
    public static PointRunners all() {
        return new PointRunners()
                .register(new TheoryPointRunner())
                .register(new SimulatePointRunner())
                .register(new DeepPointRunner());
    }
}
