package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
 * Claim 3 on CNNs, from {@code deep_shift} (accuracy of every model on test splits at shifted
 * correlations ρ′ and pairings, written by the deep stage): does adversarial training lose more
 * accuracy under the shift than standard training? The CNN analogue of the shift penalty
 * MSE_η′ − MSE_η of docs/math.md §5.2 [derived analogy].
 *
 * <p>For a benchmark trained at ρ, a model's <em>shift loss</em> at a test correlation c is
 * acc(ρ, same) − acc(c), both on the same test objects. Per training seed r the adversarial model's
 * extra loss is d_r = loss_adv,r − loss_std,r (its own seed's standard model); its binomial variance
 * is the sum of the four accuracies' (treated as independent, which is conservative for the
 * positively correlated paired splits). Over seeds: mean and SE of {@link PairedChange}; "loses
 * more" when d̄ &gt; 2·SE, "loses less" when d̄ &lt; −2·SE.
 *
 * <p>Verdict: claim 3 holds when ℓ2-AT (and ℓ1-AT where present; the theory's claim 3 is about
 * these norms, docs/math.md §12.2) at its largest ε loses more than standard training on every
 * benchmark with a spurious correlation, at ρ′ = 1/K (background independent of the class) and at
 * the reversed pairing (background of class y + 1 with probability ρ) — or, without those, at every
 * shifted split with ρ′ &lt; ρ. ℓ∞ is reported beside it.
 */
public final class DeepShiftEvidence implements ReportContributor {
    private static final String PROVENANCE = "[paper] Moayeri et al. 2022 (claim 3); shift loss of a CNN as the "
            + "analogue of docs/math.md §5.2 [derived]; error rule docs/math.md §11.6 [derived]";
    private static final List<String> FIGURES = List.of("deep_shift");
    /** Observed labels. */
    public static final String LOSES_MORE = "loses more", LOSES_LESS = "loses less", NO_CLEAR = "no clear difference";

    /**
     * The extra shift loss of one adversarial regime at one test correlation.
     *
     * @param stdLoss the standard models' shift loss, mean over seeds
     * @param advLoss the adversarial models' shift loss, mean over seeds
     * @param extra adversarial minus standard, paired over seeds
     * @param deciding whether this point decides the verdict
     */
    public record ShiftTrend(
            String benchmark,
            int classes,
            double rho,
            String trainNorm,
            double trainEps,
            double rhoTest,
            String pairing,
            double stdLoss,
            double advLoss,
            PairedChange extra,
            boolean deciding) {
        /** loses more / loses less / no clear difference. */
        public String observed() {
            return switch (extra.direction()) {
                case UP -> LOSES_MORE;
                case DOWN -> LOSES_LESS;
                default -> NO_CLEAR;
            };
        }

        /** E.g. {@code ρ′=0.2} or {@code ρ′=0.9 next}. */
        public String condition() {
            return String.format(Locale.ROOT, "ρ′ = %s%s", Fmt.g(rhoTest), pairing.equals("same") ? "" : " " + pairing);
        }
    }

    @Override
    public Level level() {
        return Level.DEEP_CNN;
    }

    /** Every (benchmark with ρ &gt; 1/K, adversarial norm at its largest ε, shifted split) of the table. */
    public static List<ShiftTrend> compute(ResultTable shift) {
        ResultTable t = DeepEvidence.correlated(shift);
        List<ShiftTrend> out = new ArrayList<>();
        for (String bench : t.distinct(BENCHMARK)) {
            ResultTable b = t.where(BENCHMARK, bench);
            int k = (int) b.getDouble(0, CLASSES);
            double rho = b.getDouble(0, RHO);
            ResultTable std = b.where(TRAIN_NORM, "standard");
            if (std.size() == 0 || at(std, rho, "same").size() == 0) {
                continue;
            }
            List<String[]> conditions = new ArrayList<>();
            for (int i = 0; i < std.size(); i++) {
                String[] c = {std.get(i, RHO_TEST), std.get(i, PAIRING)};
                boolean in = Double.parseDouble(c[0]) == rho && c[1].equals("same");
                if (!in && conditions.stream().noneMatch(x -> x[0].equals(c[0]) && x[1].equals(c[1]))) {
                    conditions.add(c);
                }
            }
            boolean standardPoints = conditions.stream().anyMatch(c -> isStandardShift(c, k, rho));
            for (String norm : b.distinct(TRAIN_NORM)) {
                if (norm.equals("standard")) {
                    continue;
                }
                ResultTable adv = RelianceTrends.atLargestEps(b.where(TRAIN_NORM, norm));
                double eps = adv.getDouble(0, TRAIN_EPS);
                List<String> reps = RelianceTrends.sharedReplicates(adv, std);
                if (reps.isEmpty() || at(adv, rho, "same").size() == 0) {
                    continue;
                }
                for (String[] c : conditions) {
                    double rt = Double.parseDouble(c[0]);
                    double[] d = new double[reps.size()];
                    double[] b2 = new double[reps.size()];
                    double[] ls = new double[reps.size()];
                    double[] la = new double[reps.size()];
                    for (int i = 0; i < reps.size(); i++) {
                        double[] s0 = acc(at(RelianceTrends.replicate(std, reps.get(i)), rho, "same"));
                        double[] s1 = acc(at(RelianceTrends.replicate(std, reps.get(i)), rt, c[1]));
                        double[] a0 = acc(at(RelianceTrends.replicate(adv, reps.get(i)), rho, "same"));
                        double[] a1 = acc(at(RelianceTrends.replicate(adv, reps.get(i)), rt, c[1]));
                        ls[i] = s0[0] - s1[0];
                        la[i] = a0[0] - a1[0];
                        d[i] = la[i] - ls[i];
                        b2[i] = s0[1] * s0[1] + s1[1] * s1[1] + a0[1] * a0[1] + a1[1] * a1[1];
                    }
                    boolean deciding = (norm.equals("l2") || norm.equals("l1"))
                            && (standardPoints ? isStandardShift(c, k, rho) : rt < rho);
                    out.add(new ShiftTrend(
                            bench,
                            k,
                            rho,
                            norm,
                            eps,
                            rt,
                            c[1],
                            StatUtils.mean(ls),
                            StatUtils.mean(la),
                            new PairedChange(d, b2),
                            deciding));
                }
            }
        }
        return out;
    }

    /** ρ′ = 1/K with the identity pairing, or ρ′ = ρ with another pairing. */
    private static boolean isStandardShift(String[] c, int k, double rho) {
        double rt = Double.parseDouble(c[0]);
        return c[1].equals("same") ? Math.abs(rt * k - 1) < 1e-9 : rt == rho;
    }

    private static ResultTable at(ResultTable t, double rhoTest, String pairing) {
        return t.where(RHO_TEST, x -> Double.parseDouble(x) == rhoTest).where(PAIRING, pairing);
    }

    /** {accuracy, its binomial SE} of a one-row selection. */
    private static double[] acc(ResultTable one) {
        double p = one.getDouble(0, ACCURACY);
        return new double[] {p, PairedChange.binomialSe(p, one.getDouble(0, N))};
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        Optional<ResultTable> t = folder.table(TableNames.DEEP_SHIFT);
        if (t.isEmpty() || t.get().size() == 0) {
            return List.of();
        }
        List<ShiftTrend> trends = compute(t.get());
        List<ShiftTrend> deciding = trends.stream().filter(ShiftTrend::deciding).toList();
        if (deciding.isEmpty()) {
            return List.of(ClaimEvidence.notTested(
                    Claim.SHIFT_HURTS,
                    Level.DEEP_CNN,
                    "no ℓ1- or ℓ2-trained CNN with a " + "standard model and a shifted test split in "
                            + TableNames.DEEP_SHIFT));
        }
        boolean ok = deciding.stream().allMatch(s -> s.observed().equals(LOSES_MORE));
        long more =
                deciding.stream().filter(s -> s.observed().equals(LOSES_MORE)).count();
        long less =
                deciding.stream().filter(s -> s.observed().equals(LOSES_LESS)).count();
        List<String> parts = new ArrayList<>();
        for (ShiftTrend s : trends) {
            if (s.deciding()
                    || s.trainNorm().equals("linf")
                            && deciding.stream()
                                    .anyMatch(d -> d.benchmark().equals(s.benchmark())
                                            && d.rhoTest() == s.rhoTest()
                                            && d.pairing().equals(s.pairing()))) {
                parts.add(String.format(
                        Locale.ROOT,
                        "%s %s at %s: accuracy lost %.3f vs standard %.3f, extra %s → %s",
                        s.benchmark(),
                        s.trainNorm(),
                        s.condition(),
                        s.advLoss(),
                        s.stdLoss(),
                        s.extra().describe(),
                        s.observed()));
            }
        }
        String summary = String.format(
                Locale.ROOT,
                "%s: ℓ2/ℓ1-trained CNNs lose more than standard ones at %d of %d " + "deciding shifts (less at %d)",
                ok
                        ? "adversarial training loses more under the shift everywhere it " + "was tested"
                        : "adversarial training does not lose more at every deciding shift",
                more,
                deciding.size(),
                less);
        List<String> benches =
                deciding.stream().map(ShiftTrend::benchmark).distinct().toList();
        return List.of(new ClaimEvidence(
                Claim.SHIFT_HURTS,
                Level.DEEP_CNN,
                Verdict.of(ok),
                "accuracy lost from the training correlation to a shifted test split, adversarial (largest ε) minus "
                        + "standard, paired over seeds (± 2 SE): " + String.join("; ", parts) + ". " + summary,
                DeepSettings.describe(folder, benches),
                PROVENANCE,
                FIGURES));
    }

    /**
     * {@code deep_shift_by_rho}: accuracy against the test split, mean over seeds with its SE, for the
     * standard model and each norm's largest ε; {@code agreement} is the share of test images whose
     * background type is their class's, ρ′ for the identity pairing and (1 − ρ′)/(K − 1) for the
     * pairing y → y + 1 mod K; {@code role} from deep_settings when present.
     */
    @Override
    public Map<String, ResultTable> derivedTables(ResultsFolder folder) {
        Optional<ResultTable> t = folder.table(TableNames.DEEP_SHIFT);
        if (t.isEmpty() || t.get().size() == 0) {
            return Map.of();
        }
        Map<String, String> roles = new LinkedHashMap<>();
        folder.table(TableNames.DEEP_SETTINGS).ifPresent(s -> {
            for (int i = 0; i < s.size(); i++) {
                roles.put(s.get(i, BENCHMARK), s.get(i, ROLE));
            }
        });
        ResultTable shift = DeepEvidence.correlated(t.get());
        ResultTable.Builder b = ResultTable.builder(TableNames.DEEP_SHIFT_BY_RHO_COLUMNS);
        for (String bench : shift.distinct(BENCHMARK)) {
            ResultTable bt = shift.where(BENCHMARK, bench);
            int k = (int) bt.getDouble(0, CLASSES);
            for (String norm : bt.distinct(TRAIN_NORM)) {
                ResultTable nt = RelianceTrends.atLargestEps(bt.where(TRAIN_NORM, norm));
                double eps = nt.getDouble(0, TRAIN_EPS);
                TreeSet<String> seen = new TreeSet<>();
                for (int i = 0; i < nt.size(); i++) {
                    String rt = nt.get(i, RHO_TEST);
                    String pairing = nt.get(i, PAIRING);
                    if (!seen.add(rt + "|" + pairing)) {
                        continue;
                    }
                    ResultTable cell = at(nt, Double.parseDouble(rt), pairing);
                    double[] a = cell.doubles(ACCURACY);
                    double[] v = new double[a.length];
                    for (int j = 0; j < a.length; j++) {
                        double se = PairedChange.binomialSe(a[j], cell.getDouble(j, N));
                        v[j] = se * se;
                    }
                    double r = Double.parseDouble(rt);
                    double agreement =
                            pairing.equals("same") ? r : pairing.equals("next") ? (1 - r) / (k - 1) : Double.NaN;
                    b.row(
                            bench,
                            roles.getOrDefault(bench, ""),
                            k,
                            bt.getDouble(0, RHO),
                            norm,
                            eps,
                            r,
                            pairing,
                            agreement,
                            a.length,
                            StatUtils.mean(a),
                            PairedChange.se(a, v));
                }
            }
        }
        return Map.of(TableNames.DEEP_SHIFT_BY_RHO, b.build());
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        Optional<ResultTable> t = folder.table(TableNames.DEEP_SHIFT);
        if (t.isEmpty() || t.get().size() == 0) {
            return List.of();
        }
        ResultTable.Builder b = ResultTable.builder(
                BENCHMARK,
                TRAIN_NORM,
                TRAIN_EPS,
                RHO_TEST,
                PAIRING,
                "std_loss",
                "adv_loss",
                "extra_loss",
                TWO_SE,
                "extra_by_replicate",
                OBSERVED,
                "decides");
        for (ShiftTrend s : compute(t.get())) {
            StringBuilder reps = new StringBuilder();
            for (double d : s.extra().changes()) {
                reps.append(reps.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", d));
            }
            b.row(
                    s.benchmark(),
                    s.trainNorm(),
                    s.trainEps(),
                    s.rhoTest(),
                    s.pairing(),
                    round(s.stdLoss()),
                    round(s.advLoss()),
                    round(s.extra().mean()),
                    round(s.extra().twoSe()),
                    reps.toString(),
                    s.observed(),
                    s.deciding() ? "yes" : "no");
        }
        return List.of(new ReportSection(
                "Deep models: accuracy under a shifted background correlation (claim 3)",
                List.of(
                        new ReportBlock.Paragraph("Every CNN is tested on splits whose backgrounds follow another "
                                + "correlation: background type = class with probability ρ′ (`pairing` same; ρ′ = 1/K makes "
                                + "background and class independent, ρ′ = 0 never pairs them), or the background of class y + 1 "
                                + "with probability ρ (`pairing` next: the background points to a wrong class). The objects are "
                                + "those of the in-distribution test split, so each shift is a paired comparison. `std_loss` and "
                                + "`adv_loss` are the accuracy lost from the training correlation (mean over seeds); "
                                + "`extra_loss` is their paired difference, counted when larger than `two_se`."),
                        new ReportBlock.FigureRef("deep_shift", ""),
                        new ReportBlock.Table(
                                "Extra accuracy lost under the shift by adversarial training (computed "
                                        + "from deep_shift.csv)",
                                b.build(),
                                60))));
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
