package tradeoffs.simulation.montecarlo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.regression.AntiCausalModel;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;

/** {@link DataModel}: one of three regression data models, its scenario and its description. */
class DataModelTest {
    static final CoreSpuriousModel CORE = new CoreSpuriousModel(1, 1, 1.0, 2.0, 0.5, 0.5);

    @Test
    void coreSpuriousGivesItsGaussianItsShiftedScenarioAndItsParameters() {
        DataModel m = DataModel.of(CORE);
        GaussianModel g = m.gaussian();
        // by hand (docs/math.md §3.2): x_c = sigma_c z, x_s = sigma_s (eta z + sqrt(1-eta^2) z'), y = z + sigma_n n,
        // so Cov(x_c, x_s) = sigma_c sigma_s eta = 1, Var(x_s) = sigma_s^2 = 4, b = (sigma_c, sigma_s eta) = (1, 1),
        // v = 1 + sigma_n^2 = 1.25; at eta' = -0.5 the covariance is 1 * 2 * (-0.5) = -1
        assertArrayEquals(new double[] {1, 1.0}, g.sigma()[0], 1e-12);
        assertArrayEquals(new double[] {1.0, 4}, g.sigma()[1], 1e-12);
        assertArrayEquals(new double[] {1, 1.0}, g.b(), 1e-12);
        assertEquals(1.25, g.v(), 1e-12);
        assertEquals(1, m.coreDimension());
        assertEquals(-1.0, m.scenario(-0.5).shifted().sigma()[0][1], 1e-12, "eta' = -0.5 flips the covariance");
        assertNull(m.scenario(null).shifted());
        assertEquals(
                List.of("sigma_core", "sigma_spurious", "eta", "noise"),
                List.copyOf(m.coreSpuriousParameters().keySet()));
        assertEquals("core-spurious", m.describe().get("model"));
        assertEquals(2.0, m.describe().get("sigma_spurious"));
    }

    @Test
    void etaTestAppliesToTheCoreSpuriousModelOnlyAndInsideTheInterval() {
        DataModel anti = DataModel.of(new AntiCausalModel(1, 1, 1.0, 1.0, 1.0, 0.5));
        assertEquals("anti-causal", anti.describe().get("model"));
        assertEquals(0, anti.coreSpuriousParameters().size());
        ParameterException e = assertThrows(ParameterException.class, () -> anti.scenario(0.1));
        assertEquals("eta_test", e.parameter());
        e = assertThrows(ParameterException.class, () -> DataModel.of(CORE).scenario(1.0));
        assertEquals("eta_test must be in (-1, 1) (got 1.0)", e.getMessage());
    }

    @Test
    void aUserModelIsReadFromItsFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"sigma\": [[2, 0.5], [0.5, 1]], \"b\": [1, 0.25], \"v\": 3, \"dim_core\": 1}");
        DataModel m = DataModel.read(f);
        assertArrayEquals(new double[] {1, 0.25}, m.gaussian().b(), 0);
        assertEquals(3.0, m.gaussian().v(), 0);
        assertEquals("user", m.describe().get("model"));
        assertEquals(f.toString(), m.scenario(null).labels().get("model_file"));
    }

    @Test
    void choosingMakesOnlyTheChosenModelAndAFileExcludesTheAntiCausalModel(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"sigma\": [[2, 0.5], [0.5, 1]], \"b\": [1, 0.25], \"v\": 3}");
        // the models not chosen are never made: their (here invalid) parameters are not checked
        java.util.function.Supplier<CoreSpuriousModel> badCore = () -> new CoreSpuriousModel(1, 1, -1, 1, 0.5, 0.5);
        java.util.function.Supplier<AntiCausalModel> badAnti = () -> new AntiCausalModel(1, 1, 1, 1, -1, 0.5);
        assertEquals(
                "user", DataModel.choose(f, false, badCore, badAnti).describe().get("model"));
        assertEquals(
                "anti-causal",
                DataModel.choose(null, true, badCore, () -> new AntiCausalModel(1, 1, 1, 1, 1, 0.5))
                        .describe()
                        .get("model"));
        assertEquals(
                "core-spurious",
                DataModel.choose(null, false, () -> CORE, badAnti).describe().get("model"));
        assertThrows(ParameterException.class, () -> DataModel.choose(null, false, badCore, badAnti));
        ParameterException e =
                assertThrows(ParameterException.class, () -> DataModel.choose(f, true, badCore, badAnti));
        assertEquals("model_file", e.parameter());
        assertEquals(f.toString(), e.got());
    }

    @Test
    void runParametersAndTheTradeoffRequestCarryTheModelTheGridAndEtaTest() {
        DataModel m = DataModel.of(CORE);
        tradeoffs.io.Grid eps = tradeoffs.io.Grid.parse("eps", "0:1:0.5");
        var p = m.runParameters(List.of(tradeoffs.theory.norm.LpNorm.L2), eps, -0.5);
        assertEquals(List.of("l2"), p.get("norm"));
        assertEquals("0:1:0.5", p.get("eps"));
        assertEquals(-0.5, p.get("eta_test"));
        var r = m.tradeoffs(List.of(tradeoffs.theory.norm.LpNorm.L2), eps, -0.5);
        assertEquals(-1.0, r.test().sigma()[0][1], 1e-12, "the shifted domain at eta' = -0.5");
        assertEquals(
                List.of("sigma_core", "sigma_spurious", "eta", "noise", "eta_test"),
                List.copyOf(r.rowParameters().keySet()));
        assertNull(
                m.tradeoffs(List.of(tradeoffs.theory.norm.LpNorm.L2), eps, null).test());
    }
}
