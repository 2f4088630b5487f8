package tradeoffs.cli;

import tradeoffs.simulation.sweep.PointRunners;

/**
 * The sweep kinds the CLI offers: theory and simulate from the simulation module, and deep
 * ({@link DeepSweepKind}), which lives here because the simulation module does not depend on the
 * deep one.
 */
final class SweepKinds {
    private SweepKinds() {
    }

    static PointRunners registry() {
        return PointRunners.defaults().register(new DeepSweepKind());
    }
}
