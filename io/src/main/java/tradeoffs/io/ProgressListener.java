package tradeoffs.io;

/**
 * How a long computation says how far it is, without printing anything itself: after each unit of
 * work (a training batch, an attacked batch, a sweep point) it reports {@code done} of
 * {@code total} units of the task named {@code task}. Within one task {@code total} stays fixed
 * and {@code done} does not decrease; a task ends when {@code done == total}. The caller decides
 * what to show ({@link Progress.Output#listener}: a bar on a terminal, periodic lines otherwise,
 * nothing with {@code --quiet}).
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores every report. */
    ProgressListener NONE = (task, done, total) -> {};

    /**
     * {@code done} of {@code total} units of {@code task} are finished.
     *
     * @param task a short name of the task, e.g. {@code training} (the label of its bar)
     * @param done units finished so far, 0 &lt;= done &lt;= total
     * @param total units of the whole task
     */
    void progress(String task, long done, long total);

    /** This listener with every task name prefixed by {@code prefix}. */
    default ProgressListener prefixed(String prefix) {
        return (task, done, total) -> progress(prefix + task, done, total);
    }
}
