package tradeoffs.tests.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.ResultTable;
import tradeoffs.tests.ChildJvm;

/**
 * {@code deep train --overwrite} into an existing checkpoint, SIGKILLed at random moments of a child
 * JVM (Process.destroyForcibly): afterwards the folder holds the old checkpoint whole or the new one
 * whole (model.params and model.json of one training, never the new parameters beside the old
 * sidecar), and the rerun completes with the bytes of an uninterrupted run (model.params,
 * model.json; train_log.csv's losses and accuracies, its times being wall-clock) and without the
 * old folder's eval/. The kill moments are drawn from [0.5, 1.2] x the length of an uninterrupted
 * child run (after the JVM's start: training, saving, done) with a fixed seed; nothing asserted
 * depends on where they land.
 */
class DeepTrainKillTest {
    static final String[] TINY = {
        "--image-size",
        "8",
        "--classes",
        "3",
        "--train-size",
        "64",
        "--test-size",
        "16",
        "--epochs",
        "2",
        "--batch-size",
        "16",
        "--steps",
        "1",
        "--device",
        "cpu",
        "--quiet"
    };
    static final List<String> SET = List.of("model.params", "model.json");

    static String[] train(Path out, long seed, String... extra) {
        List<String> a =
                new ArrayList<>(List.of("deep", "train", "--out", out.toString(), "--seed", Long.toString(seed)));
        a.addAll(Arrays.asList(TINY));
        a.addAll(Arrays.asList(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void killedTrainingLeavesTheOldOrTheNewCheckpointAndTheRerunIsByteIdentical(@TempDir Path tmp) throws Exception {
        Path old = tmp.resolve("old");
        assertEquals(0, Main.run(train(old, 2)));
        Files.createDirectories(old.resolve("eval"));
        Files.writeString(old.resolve("eval/robust.csv"), "an evaluation of the old model\n");

        // the uninterrupted run, in a child like the killed ones; its length sets the kill window
        Path fresh = tmp.resolve("fresh");
        long t0 = System.nanoTime();
        Process whole = child(train(fresh, 1), tmp.resolve("whole.log"));
        assertEquals(0, whole.waitFor(), Files.readString(tmp.resolve("whole.log")));
        long span = System.nanoTime() - t0;

        SplittableRandom random = new SplittableRandom(11);
        int sawOld = 0;
        int sawNew = 0;
        for (int k = 0; k < 3; k++) {
            Path ck = tmp.resolve("ck" + k);
            copyTree(old, ck);
            Process p = child(train(ck, 1, "--overwrite"), tmp.resolve("kill" + k + ".log"));
            long wait =
                    (long) ((0.5 + 0.7 * random.nextDouble()) * span / 1e6); // the later half: training, saving, done
            Thread.sleep(wait);
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor();

            Path current = AtomicFolder.current(ck);
            assertTrue(Files.isDirectory(current), "kill " + k + " after " + wait + " ms left no checkpoint");
            boolean isOld = same(old, current, List.of("model.params", "model.json"));
            boolean isNew = same(fresh, current, List.of("model.params", "model.json"));
            assertTrue(
                    isOld || isNew,
                    "kill " + k + " after " + wait + " ms: the checkpoint is neither the old nor the new one");
            if (isOld) {
                sawOld++;
                assertTrue(
                        Files.isRegularFile(current.resolve("eval/robust.csv")), "the old checkpoint lost its eval/");
            } else {
                sawNew++;
                assertFalse(Files.exists(current.resolve("eval")), "the new checkpoint holds the old eval/");
            }

            // the rerun completes and gives the uninterrupted run's bytes
            assertEquals(0, Main.run(train(ck, 1, "--overwrite")));
            assertTrue(same(fresh, ck, SET), "rerun after kill " + k + " differs from the uninterrupted run");
            // train_log.csv: the same losses and accuracies (its seconds and images/s are wall-clock)
            for (String col : List.of("epoch", "loss", "accuracy")) {
                assertEquals(
                        ResultTable.readCsv(fresh.resolve("train_log.csv")).strings(col),
                        ResultTable.readCsv(ck.resolve("train_log.csv")).strings(col),
                        "train_log.csv " + col);
            }
            assertFalse(Files.exists(ck.resolve("eval")), "stale eval/ after the rerun");
            assertFalse(
                    Files.exists(AtomicFolder.pending(ck)) || Files.exists(AtomicFolder.replaced(ck)),
                    "temporary folders left beside the checkpoint");
        }
        System.out.println("DeepTrainKillTest: kills left the old checkpoint " + sawOld + " times, the new one "
                + sawNew + " times");
    }

    static Process child(String[] args, Path log) throws IOException {
        return ChildJvm.start(log, args);
    }

    static boolean same(Path a, Path b, List<String> files) throws IOException {
        for (String f : files) {
            if (!Files.isRegularFile(b.resolve(f))
                    || !Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) {
                return false;
            }
        }
        return true;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
