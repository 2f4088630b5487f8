package tradeoffs.cli.reproduce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The stages of {@code reproduce}: the built-in ones plus those registered through {@link ServiceLoader}. */
public final class ReproduceStages {
    private ReproduceStages() {
    }

    /** Built-in stages and plug-ins, ordered by {@link ReproduceStage#order()}. */
    public static List<ReproduceStage> discover() {
        List<ReproduceStage> all = new ArrayList<>(builtIn());
        for (ReproduceStage s : ServiceLoader.load(ReproduceStage.class)) {
            all.add(s);
        }
        all.sort(Comparator.comparingInt(ReproduceStage::order));
        return all;
    }

    static List<ReproduceStage> builtIn() {
        return List.of(new TheoryStage(), new SimulationStage());
    }
}
