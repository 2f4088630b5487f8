package tradeoffs.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.tests.cluster.Commands.Result;

/**
 * The SLURM recipe of docs/sweep.md ("On a SLURM cluster") on a real single-node cluster
 * ({@link SingleNodeSlurm}): the array script and the three commands below it are read from the
 * doc, so the doc and this test cannot drift. In a folder holding links to {@code ./tradeoffs} and
 * {@code examples/} it submits the script as written ({@code sbatch --wait}), checks that task k
 * computed exactly the points i with i mod N = k, then plays a preempted task (half of one shard's
 * point files and its tables removed), resubmits that one index with the documented
 * {@code sbatch --array=I} and checks that it ran as shard I/N and only recomputed the missing points,
 * merges with the documented command and compares the merged folder byte for byte with an
 * unsharded local run of the same config (every file but manifest.json, which holds timings).
 *
 * <p>Needs root and Debian's {@code slurmctld slurmd slurm-client munge}; skipped with the reason
 * otherwise, unless {@code TRADEOFFS_REQUIRE_SLURM=1} (set by .ci/run), which makes a missing
 * cluster a failure. The tasks run the jar that the reactor packaged before this module (see
 * {@code LauncherTest.theJarMavenJustPackagedNeedsNoBuild}).
 */
class SlurmArrayTest {
    static final Path DOC = Commands.CHECKOUT.resolve("docs").resolve("sweep.md");
    static final String SCRIPT_FENCE = "```bash file=sweep.sbatch";

    @TempDir
    Path tmp;

    /** The recipe as docs/sweep.md writes it: the script, and the submit, resubmit and merge commands. */
    record Recipe(
            String script, int shards, String config, String submit, String resubmit, int resubmitted, String merge) {
        static Recipe fromDoc(Path doc) throws IOException {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            int open = lines.indexOf(SCRIPT_FENCE);
            assertTrue(open >= 0, "docs/sweep.md has no block opened by " + SCRIPT_FENCE);
            List<String> script = block(lines, open);
            int next = open + script.size() + 2;
            while (next < lines.size() && !lines.get(next).equals("```bash")) {
                next++;
            }
            assertTrue(next < lines.size(), "docs/sweep.md: no ```bash block of commands after the script");
            List<String> commands = new ArrayList<>();
            for (String line : block(lines, next)) {
                String command = line.replaceFirst("\\s+#.*$", "").trim();
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
            assertEquals(3, commands.size(), "submit, resubmit one index, merge: " + commands);
            String text = String.join("\n", script) + "\n";
            return new Recipe(
                    text,
                    Integer.parseInt(group(text, "(?m)^N=(\\d+)$")),
                    group(text, "--config (\\S+)"),
                    commands.get(0),
                    commands.get(1),
                    Integer.parseInt(group(commands.get(1), "^sbatch --array=(\\d+) ")),
                    commands.get(2));
        }

        private static List<String> block(List<String> lines, int fence) {
            int end = fence + 1;
            while (!lines.get(end).startsWith("```")) {
                end++;
            }
            return lines.subList(fence + 1, end);
        }

        private static String group(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            assertTrue(m.find(), "docs/sweep.md's SLURM recipe: nothing matches " + regex + " in\n" + text);
            return m.group(1);
        }
    }

    @Test
    void theDocumentedArrayShardsResubmitsOneIndexAndMergesToTheLocalRunsBytes() throws Exception {
        Recipe recipe = Recipe.fromDoc(DOC);
        Optional<String> unavailable = SingleNodeSlurm.unavailable();
        if (unavailable.isPresent() && "1".equals(System.getenv("TRADEOFFS_REQUIRE_SLURM"))) {
            fail("TRADEOFFS_REQUIRE_SLURM=1 but no SLURM cluster can start here: " + unavailable.get());
        }
        assumeTrue(unavailable.isEmpty(), () -> "SLURM integration test skipped: " + unavailable.orElse(""));

        // the reference: an unsharded local run of the same config
        Path local = tmp.resolve("local");
        assertEquals(
                0,
                Main.run(
                        "sweep",
                        "--config",
                        Commands.CHECKOUT.resolve(recipe.config()).toString(),
                        "--out",
                        local.toString(),
                        "--threads",
                        "2"));
        Map<String, byte[]> expected = files(local);
        TreeSet<Integer> all = pointIndices(local);
        assertTrue(all.size() >= 2 * recipe.shards(), "the recipe's config should give every shard points: " + all);

        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createSymbolicLink(work.resolve("tradeoffs"), Commands.CHECKOUT.resolve("tradeoffs"));
        Files.createSymbolicLink(work.resolve("examples"), Commands.CHECKOUT.resolve("examples"));
        Files.writeString(work.resolve("sweep.sbatch"), recipe.script());

        try (SingleNodeSlurm slurm = SingleNodeSlurm.start()) {
            Map<String, String> env = new HashMap<>(slurm.env());
            env.put("PATH", Commands.pathWithJava()); // sbatch exports it to the tasks
            // the tasks' JVMs: short-lived, as the test JVMs (less CPU; the bytes are compared below)
            env.put("TRADEOFFS_JAVA_OPTS", String.join(" ", tradeoffs.tests.ChildJvm.SHORT_LIVED));
            Path logs = tmp.resolve("logs");

            // 1. the array as documented: task k runs shard k/N
            long t0 = System.nanoTime();
            Result first =
                    Commands.run(work, env, logs, "submit", 600, List.of("bash", "-c", waiting(recipe.submit())));
            assertEquals(0, first.exit(), "the array: " + first.describe() + taskLogs(work) + slurm.logs());
            System.err.printf("SlurmArrayTest: array of %d tasks done in %.1f s%n", recipe.shards(), seconds(t0));
            for (int k = 0; k < recipe.shards(); k++) {
                Path shard = work.resolve("results/shard-" + k);
                assertEquals(shardOf(all, k, recipe.shards()), pointIndices(shard), "points of task " + k);
                String log = Commands.read(work.resolve("slurm-" + jobId(first) + "_" + k + ".out"));
                assertTrue(log.contains("shard " + k + "/" + recipe.shards() + " has "), "task " + k + ":\n" + log);
            }

            // 2. a preempted task: its tables, manifest and the later half of its point files are gone
            int index = recipe.resubmitted();
            Path shard = work.resolve("results/shard-" + index);
            List<Path> points = pointFiles(shard);
            int kept = points.size() / 2;
            for (Path p : points.subList(kept, points.size())) {
                Files.delete(p);
            }
            try (Stream<Path> top = Files.list(shard)) {
                for (Path p : top.filter(p -> p.toString().endsWith(".csv") || p.endsWith("manifest.json"))
                        .toList()) {
                    Files.delete(p);
                }
            }
            t0 = System.nanoTime();
            Result again =
                    Commands.run(work, env, logs, "resubmit", 600, List.of("bash", "-c", waiting(recipe.resubmit())));
            assertEquals(0, again.exit(), "the resubmitted index: " + again.describe() + taskLogs(work) + slurm.logs());
            System.err.printf("SlurmArrayTest: resubmitted index %d done in %.1f s%n", index, seconds(t0));
            String log = Commands.read(work.resolve("slurm-" + jobId(again) + "_" + index + ".out"));
            TreeSet<Integer> own = shardOf(all, index, recipe.shards());
            assertTrue(
                    log.contains("shard " + index + "/" + recipe.shards() + " has " + own.size() + ", " + kept
                            + " already finished, " + (own.size() - kept) + " to run"),
                    "the resubmitted task:\n" + log);
            assertEquals(own, pointIndices(shard), "points of the resubmitted task");

            // 3. merge as documented, compare with the local run
            Result merged = Commands.run(work, env, logs, "merge", 300, List.of("bash", "-c", recipe.merge()));
            assertEquals(0, merged.exit(), merged.describe());
        }
        Path mergedDir = tmp.resolve("work/results/all");
        Map<String, byte[]> actual = files(mergedDir);
        assertEquals(expected.keySet(), actual.keySet(), "files of the merged folder vs the local run");
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey() + " differs from the local run's");
        }
    }

    /** The documented sbatch command, told to wait for the job (exit code: the highest of its tasks). */
    static String waiting(String command) {
        assertTrue(command.startsWith("sbatch "), command);
        return "sbatch --wait " + command.substring("sbatch ".length());
    }

    static String jobId(Result submitted) {
        Matcher m = Pattern.compile("Submitted batch job (\\d+)").matcher(submitted.out());
        assertTrue(m.find(), submitted.describe());
        return m.group(1);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static TreeSet<Integer> shardOf(TreeSet<Integer> all, int k, int n) {
        TreeSet<Integer> own = new TreeSet<>();
        all.stream().filter(i -> i % n == k).forEach(own::add);
        return own;
    }

    static List<Path> pointFiles(Path dir) throws IOException {
        Path points = dir.resolve("points");
        if (!Files.isDirectory(points)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(points)) {
            return s.filter(p -> p.getFileName().toString().matches("p\\d{6}\\.csv"))
                    .sorted()
                    .toList();
        }
    }

    static TreeSet<Integer> pointIndices(Path dir) throws IOException {
        TreeSet<Integer> indices = new TreeSet<>();
        for (Path p : pointFiles(dir)) {
            assertTrue(
                    indices.add(Integer.parseInt(p.getFileName().toString().substring(1, 7))), "a point twice: " + p);
        }
        return indices;
    }

    /** Every file under dir but manifest.json (timings, command), by relative path. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals("manifest.json")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    static String taskLogs(Path work) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(work)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("slurm-"))
                    .sorted()
                    .toList()) {
                sb.append("\n--- ").append(p.getFileName()).append(":\n").append(Commands.read(p));
            }
        }
        return sb.toString();
    }
}
