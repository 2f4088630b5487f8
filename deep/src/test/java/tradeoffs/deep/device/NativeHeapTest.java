package tradeoffs.deep.device;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeHeapTest {
    private static final long BLOCK = 8L << 20;

    /**
     * The behaviour the settings exist for: a block freed and allocated again is the same memory,
     * already paged in. With glibc's defaults the first 8 MB block is mapped on its own and
     * unmapped when freed, so the second is fresh memory and faults in all of its 2048 pages again
     * (checked by hand with {@code -Dtradeoffs.native_heap=default}); counted for this thread only
     * ({@code /proc/thread-self/stat}), so other threads of the JVM do not disturb the count.
     */
    @Test
    void freedBlocksStayPagedIn() throws IOException {
        assumeTrue(Platform.isLinux() && Files.exists(Path.of("/proc/thread-self/stat")));
        assumeTrue(NativeHeap.keep(), "mallopt not available or switched off");
        touchAndFree();
        long before = minorFaults();
        touchAndFree();
        long faults = minorFaults() - before;
        assertTrue(faults < BLOCK / 4096 / 4, faults + " page faults for a block freed and allocated again");
        assertTrue(NativeHeap.keep(), "a second call reports the settings in effect");
    }

    private static void touchAndFree() {
        long address = Native.malloc(BLOCK);
        assertTrue(address != 0);
        try {
            new Pointer(address).setMemory(0, BLOCK, (byte) 1);
        } finally {
            Native.free(address);
        }
    }

    /** Field 10 of /proc/thread-self/stat: minor faults of the calling thread. */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]);
    }
}
