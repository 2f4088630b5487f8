package tradeoffs.cli;

import tradeoffs.simulation.sweep.PointRunner;
import tradeoffs.simulation.sweep.PointRunners;

/**
 * The sweep kinds the CLI offers: theory and simulate from the simulation module, plus any
 * {@link PointRunner} class listed in {@link #EXTRA} that is on the class path (the deep module's
 * kind registers this way without the sweep depending on it).
 */
final class SweepKinds {
    /** Optional point runners, by class name (skipped when not built). */
    static final String[] EXTRA = {"tradeoffs.cli.DeepSweepKind"};

    private SweepKinds() {
    }

    static PointRunners registry() {
        PointRunners r = PointRunners.defaults();
        for (String name : EXTRA) {
            try {
                Object o = Class.forName(name).getDeclaredConstructor().newInstance();
                r.register((PointRunner) o);
            } catch (ClassNotFoundException e) {
                // not built
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("cannot create sweep kind " + name, e);
            }
        }
        return r;
    }
}
