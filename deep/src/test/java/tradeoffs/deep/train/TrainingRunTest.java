package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.theory.ParameterException;

/** {@link TrainingRun}: a tiny model trained and saved as a whole checkpoint folder. */
class TrainingRunTest {
    static final BenchmarkParams TINY =
            BenchmarkParams.defaults().withImageSize(8).withClasses(3);

    @Test
    void trainsSavesAndReportsTheCleanAccuracyOfTheSavedModel(@TempDir Path dir) {
        TrainConfig config = new MethodSpec(List.of("linf"), List.of(0.03), 1, null, null)
                .config(TrainConfig.standard(Architecture.CNN, 2, 16, 2e-3, 3));
        TrainingRun.Request request = new TrainingRun.Request(TINY, 3, 48, 12, config, 1);
        List<String> epochs = new ArrayList<>();
        Path out = dir.resolve("ck");
        TrainingRun.Result r = TrainingRun.run(
                request, Device.cpu(), out, false, new Manifest("deep train"), epochs::add, ProgressListener.NONE);

        assertEquals(2, epochs.size(), epochs.toString());
        assertTrue(
                r.summary(out).startsWith("linf model (cnn) saved to " + out + "; clean test accuracy "),
                r.summary(out));
        assertTrue(epochs.get(0).startsWith("epoch 1/2: loss "), epochs.get(0));
        assertEquals(2, r.log().rows().size());
        for (String f : List.of(Checkpoint.PARAMS, Checkpoint.SIDECAR, TrainingRun.LOG, "manifest.json")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Checkpoint c = Checkpoint.read(out);
        assertEquals("linf", c.training().regime());
        assertEquals(48, c.trainSize());
        assertEquals(List.of(0.03), TrainingRun.eps(c.training()));
        // independently: reload the saved model and score the same 12 original test images
        try (Classifier back = Checkpoint.load(out, Device.cpu())) {
            double clean = Accuracy.of(back, new ShiftedBackgrounds(TINY, 3).test(Variant.ORIGINAL, 12))
                    .value();
            assertEquals(clean, r.cleanAccuracy(), 1e-12);
        }
    }

    @Test
    void countsBelowOneAreRefusedBeforeAnyWork() {
        TrainConfig config = TrainConfig.standard(Architecture.CNN, 1, 16, 2e-3, 3);
        ParameterException e =
                assertThrows(ParameterException.class, () -> new TrainingRun.Request(TINY, 3, 0, 12, config, 1));
        assertEquals("train_size", e.parameter());
        e = assertThrows(ParameterException.class, () -> new TrainingRun.Request(TINY, 3, 48, 0, config, 1));
        assertEquals("test_size", e.parameter());
    }
}
