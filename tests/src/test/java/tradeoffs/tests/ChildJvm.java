package tradeoffs.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tradeoffs.cli.Main;

/**
 * The command line in a child JVM (the test's own Java and class path), its output and errors to a
 * log file: for the tests that kill a run at a random moment and check what it leaves behind.
 *
 * <p>The children live a few seconds, so they run with the client compiler only and the serial
 * collector ({@link #SHORT_LIVED}): less CPU spent compiling code that will not run long and in
 * collector threads. Neither changes what the program computes (Java arithmetic is the same in the
 * interpreter and either compiler), and the tests that use it compare a child's output with the
 * bytes of a run in the test's own JVM.
 */
public final class ChildJvm {
    /** JVM options of the children. */
    public static final List<String> SHORT_LIVED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() {}

    /** Starts {@code tradeoffs args...} in a child JVM writing to {@code log}. */
    public static Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SHORT_LIVED);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
