package tradeoffs.deep.eval;

import java.util.HashMap;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.io.ProgressListener;

/**
 * The progress of a whole {@link DeepSweep} as one task, whatever the number of regimes running at
 * once: every regime's training and robust-accuracy reports are summed into images done of a total
 * fixed before the first regime starts (epochs·train images per regime plus, per norm, attacks·test
 * images at every radius ε &gt; 0). One report at a time reaches the caller's listener.
 */
final class SweepProgress {
    private final ProgressListener out;
    private final String task;
    private final long total;
    private final Map<String, Long> doneByTask = new HashMap<>();
    private long done;

    SweepProgress(DeepSweep.Spec spec, int robustImages, ProgressListener out) {
        this.out = out;
        this.task = spec.label() + ": training and attacks";
        long perRegime = (long) spec.epochs() * spec.trainSize();
        for (Map.Entry<PerturbationNorm, double[]> e : spec.evalEps().entrySet()) {
            for (double eps : e.getValue()) {
                perRegime += eps > 0 ? (long) spec.evalAttacks(e.getKey(), eps).size() * robustImages : 0;
            }
        }
        this.total = perRegime * spec.regimes().size();
        out.progress(task, 0, total);
    }

    /** The listener one regime reports to (its own task names, e.g. "training", "robust accuracy linf"). */
    ProgressListener regime(Regime regime) {
        return (name, d, t) -> add(regime.id() + " " + name, d);
    }

    private synchronized void add(String key, long d) {
        Long before = doneByTask.put(key, d);
        done = Math.min(total, done + Math.max(0, d - (before == null ? 0 : before)));
        out.progress(task, done, total);
    }
}
