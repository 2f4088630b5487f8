package tradeoffs.report.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * The deep level of the claims ledger, computed from the deep tables only ({@link RelianceTrends}):
 * <ul>
 * <li>claim 1: ℓ2 adversarial training shows more background reliance than standard training on
 *     every benchmark;</li>
 * <li>claim 2: ℓ∞ adversarial training shows more reliance where background contrast exceeds
 *     foreground contrast and not where it is below;</li>
 * <li>deep claim: on each benchmark, both ℓ2- and ℓ∞-trained models (largest ε) show more
 *     reliance than the standard model.</li>
 * </ul>
 * "More reliance" for a (benchmark, norm): at least two of BG-gap, RFS, average and worst-group
 * accuracy move towards the background by more than two standard errors, and none moves the other
 * way ({@link RelianceTrends#overall}). Each move is the mean over training replicates (seeds) of the
 * paired change from the standard model of the same replicate; its standard error adds the spread
 * of those changes over seeds to the binomial error of the test set
 * (SE² = s_d²/S + mean binomial variance, {@link RelianceTrends}), so replicates that disagree give
 * no clear change.
 */
public final class DeepEvidence implements ReportContributor {
    private static final String TRAINING = TableNames.DEEP_TRAINING;
    private static final String RELIANCE = TableNames.DEEP_RELIANCE;
    private static final String ROBUST = TableNames.DEEP_ROBUST;
    private static final List<String> FIGURES = List.of("deep_bg_gap");
    private static final String PROVENANCE = "[paper] Moayeri et al. 2022 (claim); metrics THEORY.md §5; predicted "
            + "direction [derived] from THEORY.md §1.5 with background contrast as σ_s and foreground contrast as σ_c";

    @Override
    public Level level() {
        return Level.DEEP_CNN;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        Optional<ResultTable> t = folder.table(RELIANCE);
        if (t.isEmpty()) {
            return List.of(ClaimEvidence.notTested(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, "deep part not run"));
        }
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(t.get());
        List<String> benches = t.get().distinct("benchmark");
        List<ClaimEvidence> out = new ArrayList<>();
        String params = parameters(folder);

        // Claim 1 (ℓ2 part): more reliance on every benchmark.
        List<String> parts = new ArrayList<>();
        boolean ok1 = true;
        boolean tested1 = false;
        for (String b : benches) {
            String o = RelianceTrends.overall(trends, b, "l2");
            if (o != null) {
                tested1 = true;
                ok1 &= o.equals(RelianceTrends.MORE);
                parts.add(describe(trends, b, "l2", o));
            }
        }
        if (tested1) {
            out.add(new ClaimEvidence(Claim.L1_L2_INCREASE_RELIANCE, Level.DEEP_CNN, Verdict.of(ok1),
                    "ℓ2-AT vs standard (largest ε): " + String.join("; ", parts), params, PROVENANCE, FIGURES));
        }

        // Claim 2: ℓ∞ more reliance iff background contrast > foreground contrast.
        List<String> parts2 = new ArrayList<>();
        boolean ok2 = true;
        boolean above = false;
        boolean below = false;
        for (String b : benches) {
            String o = RelianceTrends.overall(trends, b, "linf");
            if (o == null) {
                continue;
            }
            ResultTable bt = t.get().where("benchmark", b);
            boolean bgAbove = bt.getDouble(0, "bg_contrast") > bt.getDouble(0, "fg_contrast");
            above |= bgAbove;
            below |= !bgAbove;
            ok2 &= bgAbove ? o.equals(RelianceTrends.MORE) : !o.equals(RelianceTrends.MORE);
            parts2.add(describe(trends, b, "linf", o) + " (predicted: " + (bgAbove ? "more" : "not more") + ")");
        }
        if (above && below) {
            out.add(new ClaimEvidence(Claim.LINF_SCALE_CONDITION, Level.DEEP_CNN, Verdict.of(ok2),
                    "ℓ∞-AT vs standard (largest ε): " + String.join("; ", parts2), params, PROVENANCE, FIGURES));
        }

        // Deep claim: per benchmark, every adversarial regime relies more on the background.
        for (String b : benches) {
            List<String> p = new ArrayList<>();
            boolean ok = true;
            boolean any = false;
            for (String norm : List.of("l2", "linf", "l1")) {
                String o = RelianceTrends.overall(trends, b, norm);
                if (o != null) {
                    any = true;
                    ok &= o.equals(RelianceTrends.MORE);
                    p.add(describe(trends, b, norm, o));
                }
            }
            if (any) {
                out.add(new ClaimEvidence(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, Verdict.of(ok),
                        "benchmark " + b + ": " + String.join("; ", p), params, PROVENANCE, FIGURES));
            }
        }
        if (out.isEmpty()) {
            out.add(ClaimEvidence.notTested(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, "no adversarially trained models in "
                    + RELIANCE));
        }
        return out;
    }

    private static String describe(List<RelianceTrends.Trend> trends, String bench, String norm, String overall) {
        StringBuilder sb = new StringBuilder(bench + " " + norm + " → " + overall + " (");
        boolean first = true;
        int seeds = 0;
        for (RelianceTrends.Trend tr : trends) {
            if (tr.benchmark().equals(bench) && tr.trainNorm().equals(norm)) {
                sb.append(first ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f→%.3f ±%.3f", tr.metric(),
                        tr.values()[0], tr.values()[tr.values().length - 1], tr.twoSe()));
                first = false;
                seeds = tr.replicateChanges().length;
            }
        }
        return sb.append(seeds > 1 ? "; mean of " + seeds + " seeds" : "").append(')').toString();
    }

    private static String parameters(ResultsFolder folder) {
        Optional<ResultTable> tr = folder.table(TRAINING);
        if (tr.isEmpty() || tr.get().size() == 0) {
            return "";
        }
        ResultTable t = tr.get();
        int seeds = t.hasColumn(ColumnNames.REPLICATE) ? t.distinct(ColumnNames.REPLICATE).size() : 1;
        return String.format(Locale.ROOT, "%s CNN, %s epochs, %s training images, %s PGD steps in training, "
                + "%d training seed%s per regime; benchmarks %s", t.get(0, "architecture"), t.get(0, "epochs"),
                t.get(0, "train_images"),
                t.distinct("attack_steps").stream().filter(s -> !s.equals("0")).findFirst().orElse("0"), seeds,
                seeds == 1 ? "" : "s", String.join(", ", t.distinct("benchmark")));
    }

    /**
     * {@code deep_reliance_by_eps}: each reliance metric's mean over training seeds per training ε
     * with its standard error ({@link RelianceTrends#byEps}), what the BG-gap figure plots.
     */
    @Override
    public Map<String, ResultTable> derivedTables(ResultsFolder folder) {
        Optional<ResultTable> rel = folder.table(RELIANCE);
        if (rel.isEmpty() || rel.get().size() == 0) {
            return Map.of();
        }
        return Map.of(TableNames.DEEP_RELIANCE_BY_EPS, RelianceTrends.byEps(RelianceTrends.compute(rel.get())));
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        Optional<ResultTable> rel = folder.table(RELIANCE);
        if (rel.isEmpty()) {
            return List.of();
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph("Standard vs ℓ2- vs ℓ∞-adversarial training of a small CNN on two "
                + "shifted-backgrounds benchmarks: background contrast below the foreground's (`bg<fg`) and above it "
                + "(`bg>fg`). Background reliance per training radius beside the direction the theory predicts "
                + "(ℓ2: more reliance; ℓ∞: more only when background contrast > foreground contrast). Every regime is "
                + "trained with several training seeds (`replicates`) on the same benchmark and test sets; values are "
                + "means over seeds. `reliance_change` is the mean over seeds of the paired change from the standard "
                + "model to the largest ε (each seed's change in `change_by_replicate`), signed so that positive means "
                + "more reliance on the background; it counts when larger than `two_se`, two standard errors with "
                + "SE² = (variance of the changes over seeds)/seeds + mean binomial variance of the test set. With "
                + "two seeds the seed part rests on one degree of freedom and is rough."));
        blocks.add(new ReportBlock.FigureRef("deep_bg_gap", ""));
        blocks.add(new ReportBlock.Table("Background reliance vs training ε (computed from deep_reliance.csv)",
                RelianceTrends.table(RelianceTrends.compute(rel.get())), 40));
        folder.table(TRAINING).ifPresent(t -> blocks.add(new ReportBlock.Table(
                "Training runs (throughput measured on the machine that ran this report)", t, 20)));
        folder.table(ROBUST).ifPresent(t -> blocks.add(new ReportBlock.Table(
                "Robust accuracy (PGD-CE and BETA must both fail; never rises with ε by construction)", t, 60)));
        return List.of(new ReportSection("Deep models: background reliance under adversarial training", blocks));
    }
}
