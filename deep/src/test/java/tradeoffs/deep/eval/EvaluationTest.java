package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.data.DatasetKind;
import tradeoffs.deep.data.EvaluationData;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.Checkpoint;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;

/** {@link Evaluation} of a checkpoint on its own benchmark, and {@link EvaluationRequest}'s checks. */
class EvaluationTest {
    static final double[] SIGMAS = {0.25};

    static EvaluationRequest request(Path checkpoint, Map<PerturbationNorm, double[]> eps, int testSize) {
        return new EvaluationRequest(
                checkpoint,
                null,
                DatasetKind.GENERATED,
                null,
                null,
                null,
                null,
                null,
                eps,
                3,
                1,
                AttackLoss.CROSS_ENTROPY,
                SIGMAS,
                testSize,
                null);
    }

    @Test
    void aCheckpointIsScoredOnItsOwnBenchmarkAndTheTablesAndManifestWritten(@TempDir Path dir) throws Exception {
        Classifier model = DeepFixtures.standardCnn();
        TrainConfig config = TrainConfig.standard(Architecture.CNN, 5, 64, 2e-3, 5);
        Path ck = dir.resolve("ck");
        Checkpoint.of(model, config, DeepFixtures.PARAMS, 11, 2000).save(ck, model);
        Path out = Files.createDirectories(dir.resolve("eval"));
        Map<PerturbationNorm, double[]> eps = new LinkedHashMap<>();
        eps.put(PerturbationNorm.LINF, new double[] {0, 0.03});
        List<String> lines = new ArrayList<>();
        Manifest manifest = new Manifest("deep eval");
        Evaluation.Result r =
                Evaluation.run(request(ck, eps, 60), Device.cpu(), out, manifest, lines::add, ProgressListener.NONE);

        // an independent route to the clean accuracy: the same test images, predicted directly
        EvaluationData data = EvaluationData.generated(new ShiftedBackgrounds(DeepFixtures.PARAMS, 11), 60);
        double clean = Accuracy.of(model, data.original()).value();
        assertEquals(clean, r.reliance().variant("original").value(), 1e-12);
        assertTrue(r.check().passed(), r.check().toString());
        assertEquals(2, r.points().size());
        assertEquals(clean, r.points().get(0).robustAccuracy(), 1e-12, "at eps 0 nothing moves");
        assertTrue(r.points().get(1).robustAccuracy() <= clean, "an attack never helps");
        assertEquals(5, r.seed(), "the checkpoint's training seed by default");
        assertEquals(List.of("robust accuracy, linf, eps [0.0, 0.03]", "background reliance on generated"), lines);

        ResultTable robust = ResultTable.readCsv(out.resolve("robust.csv"));
        assertEquals(2, robust.rows().size());
        assertTrue(Files.exists(out.resolve("background.csv")));
        JsonNode m = Json.readFile("manifest", out.resolve("manifest.json"));
        assertEquals(60, m.path("parameters").path("test_size").asInt());
        assertEquals("ce", m.path("parameters").path("loss").asText());
        assertEquals("[\"robust.csv\",\"background.csv\"]", m.path("files").toString());
        assertTrue(r.summary().contains("robust accuracy"), r.summary());
    }

    /** A request's fields, valid until a test changes one. */
    static final class Fields {
        Path checkpoint = Path.of("ck");
        Path modelFile;
        DatasetKind dataset = DatasetKind.GENERATED;
        Integer inputSize;
        double[] mean;
        String classMap;
        int evalSteps = 3;
        int restarts = 1;
        double[] sigmas = SIGMAS;
        Integer testSize;

        EvaluationRequest build() {
            return new EvaluationRequest(
                    checkpoint,
                    modelFile,
                    dataset,
                    null,
                    inputSize,
                    mean,
                    null,
                    classMap,
                    Map.of(PerturbationNorm.L2, new double[] {0}),
                    evalSteps,
                    restarts,
                    null,
                    sigmas,
                    testSize,
                    null);
        }
    }

    @Test
    void badRequestsNameTheParameter() {
        Fields ok = new Fields();
        ok.build();
        bad("checkpoint", f -> f.checkpoint = null);
        bad("checkpoint", f -> f.modelFile = Path.of("m.pt"));
        bad("data", f -> f.dataset = DatasetKind.WATERBIRDS);
        bad("mean", f -> f.mean = new double[] {0, 0, 0});
        bad("class_map", f -> f.classMap = "identity");
        bad("test_size", f -> f.testSize = 0);
        bad("eval_steps", f -> f.evalSteps = 0);
        bad("eval_restarts", f -> f.restarts = 0);
        bad("rfs_sigma", f -> f.sigmas = new double[] {0.1, 0});
        bad("input_size", f -> f.inputSize = 0);
    }

    static void bad(String parameter, Consumer<Fields> change) {
        Fields f = new Fields();
        change.accept(f);
        assertParameter(parameter, f::build);
    }

    @Test
    void theEvaluationLossParsesCeBetaAsNull() {
        assertNull(AttackLoss.parseEvaluation(" CE+BETA ", "loss"));
        assertEquals(AttackLoss.MARGIN, AttackLoss.parseEvaluation("margin", "loss"));
        ParameterException e = assertThrows(ParameterException.class, () -> AttackLoss.parseEvaluation("kl", "loss"));
        assertEquals("loss must be one of ce, margin, ce+beta (got 'kl')", e.getMessage());
        EvaluationRequest r = request(Path.of("ck"), Map.of(), 5);
        assertEquals("ce", r.lossId());
    }

    static void assertParameter(String parameter, Runnable r) {
        ParameterException e = assertThrows(ParameterException.class, r::run);
        assertEquals(parameter, e.parameter(), e.getMessage());
    }
}
