package tradeoffs.theory.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import tradeoffs.theory.ParameterException;

/**
 * Runs tasks 0..count−1 on a fixed number of threads and returns their results in index order.
 * Each task must depend only on its index (its random streams are addressed by it), so the
 * results are the same for any thread count.
 */
public final class IndexedTasks {
    private IndexedTasks() {}

    /** Results of {@code task.apply(i)} for i = 0..count−1, computed on {@code threads} threads. */
    public static <T> List<T> map(int count, int threads, IntFunction<T> task) {
        if (threads < 1) {
            throw new ParameterException("threads", "must be >= 1", threads);
        }
        List<T> out = new ArrayList<>(count);
        if (threads == 1 || count <= 1) {
            for (int i = 0; i < count; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, count), r -> {
            Thread t = new Thread(r, "tradeoffs-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
