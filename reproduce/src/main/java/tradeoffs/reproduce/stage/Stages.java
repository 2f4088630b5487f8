package tradeoffs.reproduce.stage;

import java.util.List;
import tradeoffs.report.ReportContributor;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.theory.ParameterException;

/**
 * The stages of {@code reproduce}, in the order they run: theory, simulation, classification (the
 * classification claims C1–C4, exact and Monte Carlo, seconds), bridge (theory vs
 * DJL-trained linear models: quick, and its evidence is about the same linear models), deep (the
 * CNNs, the slow one). A new stage is one more entry here (docs/architecture.md).
 */
public final class Stages {
    private Stages() {}

    /** Every stage, in run order. */
    public static List<ReproduceStage> all() {
        return List.of(
                new TheoryStage(),
                new SimulationStage(),
                new ClassificationStage(),
                new BridgeStage(),
                new DeepStage());
    }

    /**
     * The stages of {@code names}, in run order (null: every stage); no name, a blank name or an
     * unknown one is a ParameterException about {@code stages}.
     */
    public static List<ReproduceStage> named(List<String> names) {
        List<ReproduceStage> all = all();
        if (names == null) {
            return all;
        }
        List<String> known = all.stream().map(ReproduceStage::name).toList();
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(
                    "stages", "must name stages, comma-separated, from " + known, "'" + String.join(",", names) + "'");
        }
        List<String> unknown =
                names.stream().filter(n -> !known.contains(n)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException("stages", "must name installed stages " + known, String.join(",", unknown));
        }
        return all.stream().filter(s -> names.contains(s.name())).toList();
    }

    /** The report contributors of every stage, so a report built from a folder speaks for every level. */
    public static List<ReportContributor> contributors() {
        return all().stream().map(ReproduceStage::contributor).toList();
    }
}
