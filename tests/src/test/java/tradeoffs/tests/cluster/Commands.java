package tradeoffs.tests.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * External commands for the cluster tests: output goes to files (so a test can watch a running
 * command's stderr), and every wait has a deadline that fails the test instead of hanging it.
 * Deadlines guard against hangs only; no test asserts how long anything took.
 */
final class Commands {
    /** The checkout (the tests module runs in tests/). */
    static final Path CHECKOUT = Path.of("..").toAbsolutePath().normalize();

    private Commands() {}

    /** A finished command: exit code, standard output and standard error. */
    record Result(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    /** A started command whose stdout and stderr go to {@code <name>.out} and {@code <name>.err} in {@code logs}. */
    record Running(Process process, Path outFile, Path errFile) {
        String err() {
            return read(errFile);
        }

        Result await(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("still running after " + seconds + " s: "
                        + process.info().commandLine().orElse("?") + "\nstderr:\n" + err());
            }
            return new Result(process.exitValue(), read(outFile), err());
        }
    }

    /** PATH with this JVM's java first, so a launcher (and the jobs it is part of) find java wherever it is installed. */
    static String pathWithJava() {
        return Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    static Running start(Path dir, Map<String, String> env, Path logs, String name, List<String> cmd)
            throws IOException {
        Files.createDirectories(logs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Running(pb.start(), out, err);
    }

    static Result run(Path dir, Map<String, String> env, Path logs, String name, long seconds, List<String> cmd)
            throws IOException, InterruptedException {
        return start(dir, env, logs, name, cmd).await(seconds);
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code seconds}. */
    static void awaitTrue(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        awaitTrue(() -> what, seconds, condition);
    }

    /** As above, with the failure message made when it is needed. */
    static void awaitTrue(Supplier<String> what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + seconds + " s waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }
}
