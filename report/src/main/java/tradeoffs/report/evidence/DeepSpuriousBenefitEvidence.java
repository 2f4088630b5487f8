package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.StatUtils;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * Claim 4 on CNNs: does a spurious background that stays correlated at test time raise robust
 * accuracy? The CNN analogue of min over (w_c, w_s) of R_ε ≤ min over (w_c, 0) of R_ε (docs/math.md
 * §5.3) [derived analogy]: a CNN trained where the background is correlated with the class (ρ high)
 * against one trained where it carries no class signal (ρ = 1/K, so it cannot learn to use it), both
 * adversarially trained in the same norm at the same ε and both scored on the same test images, those
 * of the correlated benchmark (the correlation preserved at test time).
 *
 * <p>Tables: {@code deep_robust} (the correlated models on their own test split) and
 * {@code deep_robust_shift} (the ρ = 1/K models on the split at ρ′ = ρ high, which are the same images:
 * a test split depends on ρ′ and the seed, not on the training ρ). Per training seed the gain is
 * d_r = robust accuracy(correlated) − robust accuracy(uncorrelated) at the training norm and ε; over
 * seeds mean and SE as {@link PairedChange} (binomial variances of the two accuracies added).
 *
 * <p>Verdict: holds when the gain exceeds two SEs for at least one norm and falls below minus two SEs
 * for none (the theory's rule of docs/math.md §12.2: ≥ 0 everywhere, &gt; 0 for at least one norm).
 */
public final class DeepSpuriousBenefitEvidence implements ReportContributor {
    private static final String PROVENANCE = "[paper] Moayeri et al. 2022 (claim 4); CNN analogue of docs/math.md §5.3 "
            + "[derived]; error rule docs/math.md §11.6 [derived]";

    /**
     * The gain of one adversarial regime.
     *
     * @param rhoTest the correlated benchmark's ρ, at which both are tested
     * @param correlated mean robust accuracy of the models trained at ρ high
     * @param uncorrelated mean robust accuracy of the models trained at ρ = 1/K
     * @param gain correlated minus uncorrelated, paired over seeds
     * @param cleanGain the same for clean accuracy (ε = 0), for context
     */
    public record Gain(
            String benchmark,
            String trainNorm,
            double trainEps,
            double rhoTest,
            double correlated,
            double uncorrelated,
            PairedChange gain,
            PairedChange cleanGain) {}

    @Override
    public Level level() {
        return Level.DEEP_CNN;
    }

    /** The gains of every adversarial norm the uncorrelated models were trained in. */
    public static List<Gain> compute(ResultTable robust, ResultTable robustShift) {
        List<Gain> out = new ArrayList<>();
        ResultTable u = robustShift.where(PAIRING, "same");
        List<List<String>> keep = new ArrayList<>();
        for (int i = 0; i < u.size(); i++) {
            if (Math.abs(u.getDouble(i, RHO) * u.getDouble(i, CLASSES) - 1) < 1e-9) {
                keep.add(u.rows().get(i));
            }
        }
        u = new ResultTable(u.columns(), keep);
        for (String norm : u.distinct(TRAIN_NORM)) {
            if (norm.equals("standard")) {
                continue;
            }
            ResultTable un = RelianceTrends.atLargestEps(u.where(TRAIN_NORM, norm));
            double eps = un.getDouble(0, TRAIN_EPS);
            double rhoTest = un.getDouble(0, RHO_TEST);
            ResultTable c = robust.where(TRAIN_NORM, norm)
                    .where(TRAIN_EPS, x -> Double.parseDouble(x) == eps)
                    .where(RHO, x -> Double.parseDouble(x) == rhoTest)
                    .where(FG_CONTRAST, un.get(0, FG_CONTRAST)::equals)
                    .where(BG_CONTRAST, un.get(0, BG_CONTRAST)::equals)
                    .where(CLASSES, un.get(0, CLASSES)::equals);
            if (c.size() == 0) {
                continue;
            }
            List<String> reps = RelianceTrends.sharedReplicates(un, c);
            if (reps.isEmpty()) {
                continue;
            }
            double[] d = new double[reps.size()], b2 = new double[reps.size()];
            double[] dc = new double[reps.size()], bc = new double[reps.size()];
            double[] ca = new double[reps.size()], ua = new double[reps.size()];
            for (int i = 0; i < reps.size(); i++) {
                double[] rc = point(RelianceTrends.replicate(c, reps.get(i)), norm, eps);
                double[] ru = point(RelianceTrends.replicate(un, reps.get(i)), norm, eps);
                ca[i] = rc[0];
                ua[i] = ru[0];
                d[i] = rc[0] - ru[0];
                b2[i] = sq(PairedChange.binomialSe(rc[0], rc[2])) + sq(PairedChange.binomialSe(ru[0], ru[2]));
                dc[i] = rc[1] - ru[1];
                bc[i] = sq(PairedChange.binomialSe(rc[1], rc[2])) + sq(PairedChange.binomialSe(ru[1], ru[2]));
            }
            out.add(new Gain(
                    c.get(0, BENCHMARK),
                    norm,
                    eps,
                    rhoTest,
                    StatUtils.mean(ca),
                    StatUtils.mean(ua),
                    new PairedChange(d, b2),
                    new PairedChange(dc, bc)));
        }
        return out;
    }

    /** {robust accuracy, clean accuracy, n} at attack norm {@code norm} and radius {@code eps}. */
    private static double[] point(ResultTable model, String norm, double eps) {
        ResultTable r = model.where(NORM, norm).where(EPS, x -> Double.parseDouble(x) == eps);
        if (r.size() == 0) {
            throw new IllegalArgumentException("no robust accuracy at " + norm + " ε = " + eps);
        }
        return new double[] {r.getDouble(0, ROBUST_ACCURACY), r.getDouble(0, CLEAN_ACCURACY), r.getDouble(0, N)};
    }

    private static double sq(double x) {
        return x * x;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        Optional<ResultTable> shift = folder.table(TableNames.DEEP_ROBUST_SHIFT);
        Optional<ResultTable> robust = folder.table(TableNames.DEEP_ROBUST);
        if (shift.isEmpty() || robust.isEmpty() || shift.get().size() == 0) {
            return List.of();
        }
        List<Gain> gains = compute(robust.get(), shift.get());
        if (gains.isEmpty()) {
            return List.of(ClaimEvidence.notTested(
                    Claim.SPURIOUS_HELPS_ROBUSTNESS,
                    Level.DEEP_CNN,
                    "no adversarially "
                            + "trained CNN pair (ρ high and ρ = 1/K, same norm and ε) scored on the same test images"));
        }
        boolean up = gains.stream().anyMatch(g -> g.gain().direction() == PairedChange.Direction.UP);
        boolean down = gains.stream().anyMatch(g -> g.gain().direction() == PairedChange.Direction.DOWN);
        List<String> parts = new ArrayList<>();
        for (Gain g : gains) {
            parts.add(String.format(
                    Locale.ROOT,
                    "%s-AT ε = %s: robust accuracy %.3f trained at ρ = %s vs %.3f at "
                            + "ρ = 1/K, gain %s → %s (clean accuracy gain %s)",
                    g.trainNorm(),
                    Fmt.g(g.trainEps()),
                    g.correlated(),
                    Fmt.g(g.rhoTest()),
                    g.uncorrelated(),
                    g.gain().describe(),
                    word(g.gain()),
                    g.cleanGain().describe()));
        }
        String summary = up && !down
                ? "the correlated background raised robust accuracy"
                : down
                        ? "the correlated background lowered robust accuracy for some norm"
                        : "no clear effect of the correlated background on robust accuracy";
        List<String> benches =
                new ArrayList<>(gains.stream().map(Gain::benchmark).distinct().toList());
        benches.add(tradeoffs.io.schema.BenchmarkLabels.UNCORRELATED);
        return List.of(new ClaimEvidence(
                Claim.SPURIOUS_HELPS_ROBUSTNESS,
                Level.DEEP_CNN,
                Verdict.of(up && !down),
                "CNNs trained with the background correlated vs uncorrelated, scored on the correlated test images, "
                        + "paired over seeds (± 2 SE): " + String.join("; ", parts) + ". " + summary,
                DeepSettings.describe(folder, benches),
                PROVENANCE,
                List.of()));
    }

    private static String word(PairedChange c) {
        return switch (c.direction()) {
            case UP -> "higher";
            case DOWN -> "lower";
            default -> "no clear difference";
        };
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        Optional<ResultTable> shift = folder.table(TableNames.DEEP_ROBUST_SHIFT);
        if (shift.isEmpty() || shift.get().size() == 0) {
            return List.of();
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph("Claim 4: the models of the benchmark trained at ρ = 1/K (`rho=1/K`: the "
                + "background carries no class signal) are scored on the test images of the correlated benchmark with "
                + "the same contrasts, beside the models trained there. `robust_shift` holds their robust accuracy "
                + "(PGD-CE and BETA) per norm and ε."));
        folder.table(TableNames.DEEP_ROBUST).ifPresent(r -> {
            ResultTable.Builder b = ResultTable.builder(
                    BENCHMARK,
                    TRAIN_NORM,
                    TRAIN_EPS,
                    RHO_TEST,
                    "robust_correlated",
                    "robust_uncorrelated",
                    "gain",
                    TWO_SE,
                    OBSERVED,
                    "clean_gain");
            for (Gain g : compute(r, shift.get())) {
                b.row(
                        g.benchmark(),
                        g.trainNorm(),
                        g.trainEps(),
                        g.rhoTest(),
                        round(g.correlated()),
                        round(g.uncorrelated()),
                        round(g.gain().mean()),
                        round(g.gain().twoSe()),
                        word(g.gain()),
                        round(g.cleanGain().mean()));
            }
            blocks.add(new ReportBlock.Table(
                    "Robust accuracy at the training ε, trained with vs without the "
                            + "spurious correlation (computed from deep_robust.csv and deep_robust_shift.csv)",
                    b.build(),
                    20));
        });
        blocks.add(new ReportBlock.Table(
                "Robust accuracy of the ρ = 1/K models on the correlated test images " + "(deep_robust_shift.csv)",
                shift.get(),
                40));
        return List.of(new ReportSection("Deep models: what the correlated background buys (claim 4)", blocks));
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
