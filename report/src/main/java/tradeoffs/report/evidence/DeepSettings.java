package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;

/**
 * The "parameters" cell of a CNN ledger row: what the models behind it were trained and measured
 * with, from {@code deep_settings} (one row per benchmark, written by the deep stage): image size, K,
 * and per benchmark ρ, the contrasts and the scale ratio; training images, epochs, seeds, PGD steps;
 * the evaluation attacks. A folder written before that table existed is described from
 * {@code deep_training} instead (image size and ρ unknown there).
 */
final class DeepSettings {
    private DeepSettings() {}

    /** The settings of {@code benchmarks} (all of the folder's when empty), in words. */
    static String describe(ResultsFolder folder, Collection<String> benchmarks) {
        Optional<ResultTable> st = folder.table(TableNames.DEEP_SETTINGS);
        if (st.isEmpty() || st.get().size() == 0) {
            return fromTraining(folder);
        }
        ResultTable t = st.get();
        if (!benchmarks.isEmpty()) {
            t = t.where(BENCHMARK, benchmarks::contains);
            if (t.size() == 0) {
                return fromTraining(folder);
            }
        }
        List<String> benches = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            benches.add(String.format(
                    Locale.ROOT,
                    "%s (ρ = %s, κ_fg = %s, κ_bg = %s, r = %s)",
                    t.get(i, BENCHMARK),
                    Fmt.g(t.getDouble(i, RHO)),
                    Fmt.g(t.getDouble(i, FG_CONTRAST)),
                    Fmt.g(t.getDouble(i, BG_CONTRAST)),
                    Fmt.g(round3(t.getDouble(i, SCALE_RATIO)))));
        }
        return String.format(
                Locale.ROOT,
                "CNN, %s×%s images, K = %s; %s; %s training images, %s epochs, %s training "
                        + "seed%s per regime, %s PGD steps in adversarial training; %s test images; robust accuracy: PGD-CE "
                        + "and BETA, %s steps, %s restart%s",
                unique(t, IMAGE_SIZE),
                unique(t, IMAGE_SIZE),
                unique(t, CLASSES),
                String.join("; ", benches),
                unique(t, TRAIN_IMAGES),
                unique(t, EPOCHS),
                unique(t, REPLICATES),
                unique(t, REPLICATES).equals("1") ? "" : "s",
                unique(t, ATTACK_STEPS),
                unique(t, TEST_IMAGES),
                unique(t, EVAL_ATTACK_STEPS),
                unique(t, EVAL_RESTARTS),
                unique(t, EVAL_RESTARTS).equals("1") ? "" : "s");
    }

    /** The value of a column when every row has the same, else the distinct values joined by '/'. */
    private static String unique(ResultTable t, String col) {
        return String.join("/", t.distinct(col));
    }

    private static double round3(double x) {
        return Math.round(x * 1e3) / 1e3;
    }

    /** Older folders: what the training table says (architecture, epochs, images, steps, seeds, benchmarks). */
    private static String fromTraining(ResultsFolder folder) {
        Optional<ResultTable> tr = folder.table(TableNames.DEEP_TRAINING);
        if (tr.isEmpty() || tr.get().size() == 0) {
            return "";
        }
        ResultTable t = tr.get();
        int seeds = t.hasColumn(REPLICATE) ? t.distinct(REPLICATE).size() : 1;
        return String.format(
                Locale.ROOT,
                "%s CNN, %s epochs, %s training images, %s PGD steps in training, "
                        + "%d training seed%s per regime; benchmarks %s",
                t.get(0, ARCHITECTURE),
                t.get(0, EPOCHS),
                t.get(0, TRAIN_IMAGES),
                t.distinct(ATTACK_STEPS).stream()
                        .filter(s -> !s.equals("0"))
                        .findFirst()
                        .orElse("0"),
                seeds,
                seeds == 1 ? "" : "s",
                String.join(", ", t.distinct(BENCHMARK)));
    }
}
