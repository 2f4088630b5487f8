package tradeoffs.deep.device;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps the C heap's memory for reuse instead of handing it back to the kernel after every batch.
 * PyTorch's CPU tensors are allocated with the C library's {@code malloc}; with glibc's default
 * settings, freeing the megabyte-sized buffers of a forward and backward pass at the end of each
 * batch trims the heap (the threshold adapts upwards only for blocks that were {@code mmap}ped), so
 * the next pass touches fresh pages and pays a page fault for every 4 KB of them. On the PGD
 * adversarial-training loop (3 attack steps, batch 64, the {@code cnn}, one thread) this was
 * measured at 24×24 pixels as 437 000 minor page faults and 1.7–1.9 s of CPU per epoch, against
 * 44 000 and 0.39 s with the two settings below (benchmarks/results/pgdperf.md). Which loops suffer
 * depends on where the last live block sits on the heap, not on how much they allocate.
 *
 * <p>On Linux with glibc, {@link #keep()} calls {@code mallopt} once, before PyTorch loads:
 * {@code M_MMAP_THRESHOLD} = {@value #MMAP_THRESHOLD_MB} MB (blocks up to that size come from the
 * heap, not from their own mapping; the largest value glibc accepts on 64-bit systems) and
 * {@code M_TRIM_THRESHOLD} = {@value #TRIM_THRESHOLD_MB} MB (free memory at the top of a heap is
 * returned to the kernel only beyond that). The cost is memory kept by the process: at most the
 * trim threshold of free memory per heap beyond its peak use. Nothing computed changes, only where
 * the bytes live. Elsewhere (another C library, another system) it does nothing, as it does with
 * {@code -Dtradeoffs.native_heap=default}, or when the environment already sets
 * {@code MALLOC_TRIM_THRESHOLD_} or {@code MALLOC_MMAP_THRESHOLD_} (the user's choice wins).
 */
public final class NativeHeap {
    /** {@code M_TRIM_THRESHOLD} in glibc's malloc.h. */
    private static final int M_TRIM_THRESHOLD = -1;
    /** {@code M_MMAP_THRESHOLD} in glibc's malloc.h. */
    private static final int M_MMAP_THRESHOLD = -3;

    static final int MMAP_THRESHOLD_MB = 32;
    static final int TRIM_THRESHOLD_MB = 128;

    /** The system property that switches the tuning off ({@code default}). */
    public static final String PROPERTY = "tradeoffs.native_heap";

    private static boolean applied;

    private NativeHeap() {}

    /**
     * Applies the settings once per process (later calls do nothing); returns whether they are in
     * effect.
     */
    public static synchronized boolean keep() {
        if (applied) {
            return true;
        }
        if ("default".equals(System.getProperty(PROPERTY))
                || System.getenv("MALLOC_TRIM_THRESHOLD_") != null
                || System.getenv("MALLOC_MMAP_THRESHOLD_") != null
                || !Platform.isLinux()) {
            return false;
        }
        try {
            Function mallopt =
                    NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            // mallopt returns 1 on success. Both together: setting either one stops glibc from
            // adapting the other (the trim threshold alone, with the mmap threshold stuck at
            // 128 KB, was measured twice as slow as glibc's defaults).
            applied = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD_MB << 20}) == 1
                    && mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD_MB << 20}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException noGlibcMallopt) {
            applied = false;
        }
        return applied;
    }
}
