package tradeoffs.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.tests.cluster.Commands.Result;
import tradeoffs.tests.cluster.Commands.Running;

/**
 * The {@code ./tradeoffs} launcher script, run by bash in a throw-away copy of the checkout whose
 * {@code mvn} is a stand-in on PATH. The stand-in logs one line per build (with its arguments),
 * waits until the test creates a release file, then "packages" by copying the cli jar that this
 * reactor built before the tests module ran (lib/ as a link to the real one). So the launcher's own
 * logic (lock, freshness, symlinks, TRADEOFFS_MAVEN_ARGS, TRADEOFFS_JAVA_OPTS, offline DJL) runs for
 * real and starts the real command line, without a nested Maven build.
 */
class LauncherTest {
    static final String BUILDING = "tradeoffs: building";
    static final String WAITING = "tradeoffs: waiting for another call's build";
    static final Path REAL_TARGET = Commands.CHECKOUT.resolve("cli").resolve("target");

    static final String STAND_IN_MVN = """
            #!/bin/bash
            # stand-in for mvn: log the build, wait for the test's release, then "package"
            echo "$*" >> "$STANDIN_LOG"
            while [ ! -e "$STANDIN_RELEASE" ]; do sleep 0.05; done
            if [ -n "${STANDIN_FAIL:-}" ]; then echo "[ERROR] BUILD FAILURE (stand-in)"; exit 1; fi
            mkdir -p cli/target
            cp "$STANDIN_JAR" cli/target/tradeoffs.jar
            [ -e cli/target/lib ] || ln -s "$STANDIN_LIB" cli/target/lib
            """;

    @TempDir
    Path tmp;

    Path checkout;
    Path logs;
    Path buildLog;
    Path release;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void fakeCheckout() throws IOException {
        checkout = tmp.resolve("checkout");
        logs = tmp.resolve("logs");
        for (String dir : List.of("cli", "theory/src/main/java/t", "tests/src/test/java/t", "bin", "logs")) {
            Files.createDirectories(checkout.resolve(dir));
        }
        Files.copy(Commands.CHECKOUT.resolve("tradeoffs"), checkout.resolve("tradeoffs"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("cli/pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("theory/src/main/java/t/Main.java"), "class Main {}\n");
        Files.writeString(checkout.resolve("tests/src/test/java/t/SomeTest.java"), "class SomeTest {}\n");
        // sources written long before any build (folders too: a deleted source shows only in its folder's time)
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 1_000_000);
        try (Stream<Path> all = Files.walk(checkout)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        Path bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        Files.writeString(bin.resolve("mvn"), STAND_IN_MVN);
        for (Path exe : List.of(bin.resolve("mvn"), checkout.resolve("tradeoffs"))) {
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        buildLog = tmp.resolve("builds.log");
        release = tmp.resolve("release");
        env.put("PATH", bin + ":" + Commands.pathWithJava());
        env.put("STANDIN_LOG", buildLog.toString());
        env.put("STANDIN_RELEASE", release.toString());
        env.put("STANDIN_JAR", REAL_TARGET.resolve("tradeoffs.jar").toString());
        env.put("STANDIN_LIB", REAL_TARGET.resolve("lib").toString());
        env.put("TRADEOFFS_MAVEN_ARGS", "-Pstand-in -Dmarker=1");
        // the CLI runs only --version: the short-lived child's options too (they do not show in the properties)
        env.put(
                "TRADEOFFS_JAVA_OPTS",
                "-XshowSettings:properties " + String.join(" ", tradeoffs.tests.ChildJvm.SHORT_LIVED));
        assertTrue(
                Files.isRegularFile(REAL_TARGET.resolve("tradeoffs.jar")),
                "this test needs cli/target/tradeoffs.jar: run it through mvn verify (the cli module is packaged first)");
    }

    List<String> builds() throws IOException {
        return Files.isRegularFile(buildLog) ? Files.readAllLines(buildLog) : List.of();
    }

    Result call(String name, Path launcher, Path cwd) throws IOException, InterruptedException {
        return Commands.run(cwd, env, logs, name, 120, List.of(launcher.toString(), "--version"));
    }

    static void assertRanTheCli(Result r) {
        assertEquals(0, r.exit(), r.describe());
        assertTrue(
                r.out().startsWith("tradeoffs ") && r.out().contains("\nDJL "),
                "the command line's --version: " + r.describe());
        // -XshowSettings:properties (TRADEOFFS_JAVA_OPTS) lists the JVM's properties on stderr
        assertTrue(r.err().contains("ai.djl.offline = true"), "TRADEOFFS_JAVA_OPTS and offline DJL: " + r.describe());
    }

    @Test
    void twoConcurrentFirstCallsBuildOnceAndASymlinkedLauncherWorks() throws Exception {
        // B starts from elsewhere through a chain of links (an absolute one to a relative one)
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("relative"), Path.of("../checkout/tradeoffs"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(elsewhere.resolve("tradeoffs"), links.resolve("relative"));

        Running a = Commands.start(checkout, env, logs, "a", List.of("./tradeoffs", "--version"));
        Commands.awaitTrue(
                "the first call to start its build",
                60,
                () -> !Commands.read(buildLog).isEmpty());
        Running b = Commands.start(elsewhere, env, logs, "b", List.of("./tradeoffs", "--version"));
        Commands.awaitTrue(
                "the second call to wait for the first one's build",
                60,
                () -> b.err().contains(WAITING));
        Files.createFile(release);
        Result ra = a.await(120);
        Result rb = b.await(120);

        assertEquals(1, builds().size(), "exactly one build: " + builds());
        assertTrue(
                builds().get(0).matches(".*-pl cli -am package -Pstand-in -Dmarker=1.*"),
                "the build builds cli with TRADEOFFS_MAVEN_ARGS: " + builds());
        assertRanTheCli(ra);
        assertRanTheCli(rb);
        assertEquals(ra.out(), rb.out());
        assertTrue(ra.err().contains(BUILDING), ra.describe());
        assertFalse(rb.err().contains(BUILDING), "the waiting call must not build: " + rb.describe());

        Result c = call("c", elsewhere.resolve("tradeoffs"), tmp);
        assertRanTheCli(c);
        assertFalse(c.err().contains(BUILDING) || c.err().contains(WAITING), c.describe());
        assertEquals(1, builds().size());
    }

    @Test
    void aChangedOrDeletedMainSourceOrPomRebuildsButATestSourceDoesNot() throws Exception {
        Files.createFile(release);
        Path launcher = checkout.resolve("tradeoffs");
        assertRanTheCli(call("first", launcher, tmp));
        assertEquals(1, builds().size());

        // date the jar back and a file after it (both in the past, so the rebuilt jar is newer)
        Path jar = checkout.resolve("cli/target/tradeoffs.jar");
        long now = System.currentTimeMillis();
        FileTime jarTime = FileTime.fromMillis(now - 100_000);
        FileTime later = FileTime.fromMillis(now - 50_000);

        Files.setLastModifiedTime(jar, jarTime);
        Files.setLastModifiedTime(checkout.resolve("tests/src/test/java/t/SomeTest.java"), later);
        assertRanTheCli(call("test-source", launcher, tmp));
        assertEquals(1, builds().size(), "a test source is not part of the jar");

        Files.setLastModifiedTime(checkout.resolve("theory/src/main/java/t/Main.java"), later);
        Result r = call("main-source", launcher, tmp);
        assertRanTheCli(r);
        assertTrue(r.err().contains(BUILDING), r.describe());
        assertEquals(2, builds().size(), "a main source newer than the jar rebuilds");
        assertRanTheCli(call("after-rebuild", launcher, tmp));
        assertEquals(2, builds().size(), "and only once");

        Files.setLastModifiedTime(jar, jarTime);
        Files.setLastModifiedTime(checkout.resolve("cli/pom.xml"), later);
        assertRanTheCli(call("pom", launcher, tmp));
        assertEquals(3, builds().size(), "a pom.xml newer than the jar rebuilds");

        Files.setLastModifiedTime(jar, jarTime);
        Files.delete(checkout.resolve("theory/src/main/java/t/Main.java"));
        assertRanTheCli(call("deleted", launcher, tmp));
        assertEquals(4, builds().size(), "a deleted main source rebuilds");
    }

    @Test
    void aFailedBuildExitsOneWithTheLogAndReleasesTheLock() throws Exception {
        Files.createFile(release);
        env.put("STANDIN_FAIL", "1");
        Result failed = call("failed", checkout.resolve("tradeoffs"), tmp);
        assertEquals(1, failed.exit(), failed.describe());
        assertTrue(
                failed.err().contains("BUILD FAILURE (stand-in)")
                        && failed.err().contains("tradeoffs: build failed"),
                failed.describe());
        assertFalse(Files.exists(checkout.resolve("cli/target/tradeoffs.jar")));

        env.remove("STANDIN_FAIL");
        assertRanTheCli(call("retry", checkout.resolve("tradeoffs"), tmp));
        assertEquals(2, builds().size(), "the failed build left nothing that passes for fresh");
    }

    /**
     * The real checkout: the jar that {@code mvn verify} packaged before this module's tests is
     * fresh for the launcher (cli/pom.xml forces the jar's creation), so the SLURM test's tasks run
     * it without a nested Maven build. The stand-in mvn would fail this test if one started.
     */
    @Test
    void theJarMavenJustPackagedNeedsNoBuild() throws Exception {
        env.put("STANDIN_FAIL", "1");
        Files.createFile(release);
        Result r = call("real", Commands.CHECKOUT.resolve("tradeoffs"), tmp);
        assertRanTheCli(r);
        assertFalse(
                r.err().contains(BUILDING),
                "the launcher wanted to rebuild the jar mvn just packaged: " + r.describe());
        assertTrue(builds().isEmpty());
    }
}
