package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalPredictionsAndSidecar() {
        Classifier model = DeepFixtures.linfCnn();
        TrainConfig config = TrainConfig.standard(Architecture.CNN, 5, 64, 2e-3, 5)
                .withAttack(Pgd.of(PerturbationNorm.LINF, DeepFixtures.LINF_EPS, 3));
        Checkpoint c = Checkpoint.of(model, config, DeepFixtures.PARAMS, 11, 2000);
        c.save(dir, model);
        assertEquals(c, Checkpoint.read(dir));
        ImageSet test = DeepFixtures.BENCHMARK.test(Variant.MIXED_RAND, 200);
        try (Classifier back = Checkpoint.load(dir.resolve(Checkpoint.SIDECAR), Device.cpu())) {
            assertArrayEquals(model.predict(test), back.predict(test));
        }
    }

    @Test
    void roundTripOfResNetWithBatchNormStatistics() {
        ImageSet train = DeepFixtures.train().slice(0, 128);
        TrainConfig config = TrainConfig.standard(Architecture.RESNET, 1, 32, 1e-3, 1);
        try (Classifier model = Classifier.create(Architecture.RESNET, 3, 16, 16, 5, Device.cpu(), 1)) {
            new AdversarialTraining(config).train(model, train, null);
            Checkpoint.of(model, config, DeepFixtures.PARAMS, 11, 128).save(dir, model);
            try (Classifier back = Checkpoint.load(dir, Device.cpu())) {
                assertArrayEquals(model.predict(train), back.predict(train));
            }
        }
    }

    @Test
    void missingOrCorruptCheckpointsAreBadInputNamingThePath() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(nowhere, Device.cpu()));
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());

        Classifier model = DeepFixtures.standardCnn();
        TrainConfig config = TrainConfig.standard(Architecture.CNN, 5, 64, 2e-3, 5);
        Checkpoint.of(model, config, DeepFixtures.PARAMS, 11, 2000).save(dir, model);
        byte[] params = Files.readAllBytes(dir.resolve(Checkpoint.PARAMS));
        params[params.length / 2] ^= 1;
        Files.write(dir.resolve(Checkpoint.PARAMS), params);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains(dir.toString()), e.getMessage());

        Files.writeString(dir.resolve(Checkpoint.SIDECAR), "{ not json");
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains(Checkpoint.SIDECAR), e.getMessage());

        Files.delete(dir.resolve(Checkpoint.SIDECAR));
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir, Device.cpu()));
        assertTrue(e.getMessage().contains("missing " + Checkpoint.SIDECAR), e.getMessage());
    }
}
