package tradeoffs.report.evidence;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The CNN row of the claims ledger for claims 1 and 2 and the deep claim, computed from the deep
 * reliance table only ({@link RelianceTrends}; docs/math.md §12.5), over the benchmarks with a
 * spurious correlation (ρ &gt; 1/K; the uncorrelated benchmark of claim 4 has no background signal
 * to rely on):
 * <ul>
 * <li>claim 1: ℓ2 adversarial training shows more background reliance than standard training on
 *     every benchmark;</li>
 * <li>claim 2 (the CNN phase diagram): ℓ∞ adversarial training shows more reliance on every
 *     benchmark whose scale ratio r = κ_bg|η_ρ|/κ_fg exceeds 1 and not on any with r ≤ 1; benchmarks
 *     on both sides must be present;</li>
 * <li>deep claim: on each benchmark, every adversarially trained norm (largest ε) shows more
 *     reliance than the standard model.</li>
 * </ul>
 * "More reliance" for a (benchmark, norm): at least two of BG-gap, RFS, average and worst-group
 * accuracy move towards the background by more than two standard errors, and none moves the other
 * way ({@link RelianceTrends#overall}). Each move is the mean over training seeds of the paired
 * change from the standard model of the same seed, with SE² = s_d²/S + mean binomial variance
 * ({@link PairedChange}), so seeds that disagree give no clear change.
 */
public final class DeepEvidence implements ReportContributor {
    private static final String RELIANCE = TableNames.DEEP_RELIANCE;
    private static final List<String> FIGURES = List.of("deep_bg_gap");
    private static final List<String> PHASE_FIGURES = List.of("deep_phase");
    private static final String PROVENANCE = "[paper] Moayeri et al. 2022 (claim); metrics docs/math.md §11.2–§11.4; "
            + "decision rule [derived] docs/math.md §11.6, §12.5; predicted direction [derived] from docs/math.md §4.3 "
            + "with the scale ratio r = κ_bg|η_ρ|/κ_fg as σ_s|η|/σ_c (docs/deep-benchmark.md)";

    @Override
    public Level level() {
        return Level.DEEP_CNN;
    }

    /** The rows of the benchmarks that carry a spurious correlation (ρ &gt; 1/K, or no {@code rho} column). */
    static ResultTable correlated(ResultTable t) {
        if (!t.hasColumn(RHO) || t.size() == 0) {
            return t;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.getDouble(i, RHO) * t.getDouble(i, CLASSES) > 1 + 1e-9) {
                rows.add(t.rows().get(i));
            }
        }
        return new ResultTable(t.columns(), rows);
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        Optional<ResultTable> t = folder.table(RELIANCE);
        if (t.isEmpty()) {
            return List.of(ClaimEvidence.notTested(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, "deep part not run"));
        }
        ResultTable rel = correlated(t.get());
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(rel);
        List<String> benches = rel.distinct(BENCHMARK);
        List<ClaimEvidence> out = new ArrayList<>();

        // Claim 1 (ℓ2 part): more reliance on every benchmark.
        List<String> parts = new ArrayList<>();
        boolean ok1 = true;
        for (String b : benches) {
            String o = RelianceTrends.overall(trends, b, "l2");
            if (o != null) {
                ok1 &= o.equals(RelianceTrends.MORE);
                parts.add(describe(trends, b, "l2", o));
            }
        }
        if (!parts.isEmpty()) {
            out.add(new ClaimEvidence(
                    Claim.L1_L2_INCREASE_RELIANCE,
                    Level.DEEP_CNN,
                    Verdict.of(ok1),
                    "ℓ2-AT vs standard (largest ε): " + String.join("; ", parts),
                    DeepSettings.describe(folder, benches),
                    PROVENANCE,
                    FIGURES));
        }

        claim2(folder, trends, benches).ifPresent(out::add);

        // Deep claim: per benchmark, every adversarial regime relies more on the background.
        for (String b : benches) {
            List<String> p = new ArrayList<>();
            boolean ok = true;
            for (String norm : List.of("l2", "linf", "l1")) {
                String o = RelianceTrends.overall(trends, b, norm);
                if (o != null) {
                    ok &= o.equals(RelianceTrends.MORE);
                    p.add(describe(trends, b, norm, o));
                }
            }
            if (!p.isEmpty()) {
                out.add(new ClaimEvidence(
                        Claim.DEEP_BACKGROUNDS,
                        Level.DEEP_CNN,
                        Verdict.of(ok),
                        "benchmark " + b + ": " + String.join("; ", p),
                        DeepSettings.describe(folder, List.of(b)),
                        PROVENANCE,
                        FIGURES));
            }
        }
        if (out.isEmpty()) {
            out.add(ClaimEvidence.notTested(
                    Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN, "no adversarially trained models in " + RELIANCE));
        }
        return out;
    }

    /**
     * Claim 2 on CNNs: ℓ∞-AT more reliance exactly where r &gt; 1. The text lists every benchmark by
     * its ratio and ends with what the CNNs did, in words.
     */
    private static Optional<ClaimEvidence> claim2(
            ResultsFolder folder, List<RelianceTrends.Trend> trends, List<String> benches) {
        List<String> parts = new ArrayList<>();
        int below = 0, moreBelow = 0, above = 0, moreAbove = 0;
        List<String> used = new ArrayList<>();
        for (String b : benches) {
            String o = RelianceTrends.overall(trends, b, "linf");
            if (o == null) {
                continue;
            }
            RelianceTrends.Trend any = first(trends, b, "linf");
            boolean isAbove = RelianceTrends.aboveScaleCondition(any.scaleRatio(), any.fgContrast(), any.bgContrast());
            boolean more = o.equals(RelianceTrends.MORE);
            if (isAbove) {
                above++;
                moreAbove += more ? 1 : 0;
            } else {
                below++;
                moreBelow += more ? 1 : 0;
            }
            used.add(b);
            String where =
                    Double.isNaN(any.scaleRatio()) ? "" : String.format(Locale.ROOT, "r = %.2f, ", any.scaleRatio());
            parts.add(where + describe(trends, b, "linf", o) + " (predicted: " + (isAbove ? "more" : "not more") + ")");
        }
        if (above == 0 || below == 0) {
            return parts.isEmpty()
                    ? Optional.empty()
                    : Optional.of(ClaimEvidence.notTested(
                            Claim.LINF_SCALE_CONDITION,
                            Level.DEEP_CNN,
                            "ℓ∞-trained CNNs only on one side of the scale condition (r ≤ 1: " + below
                                    + " benchmarks, r > 1: " + above + ")"));
        }
        boolean ok = moreBelow == 0 && moreAbove == above;
        String what;
        if (ok) {
            what = "as predicted, ℓ∞-trained CNNs lean more on the background above r = 1 and not below";
        } else if (moreBelow > 0) {
            what = String.format(
                    Locale.ROOT,
                    "ℓ∞-trained CNNs lean more on the background below the boundary too "
                            + "(%d of %d benchmarks with r ≤ 1; above: %d of %d)",
                    moreBelow,
                    below,
                    moreAbove,
                    above);
        } else {
            what = String.format(
                    Locale.ROOT,
                    "ℓ∞-trained CNNs do not lean clearly more on the background above the "
                            + "boundary (%d of %d benchmarks with r > 1 show more reliance; below: %d of %d)",
                    moreAbove,
                    above,
                    moreBelow,
                    below);
        }
        return Optional.of(new ClaimEvidence(
                Claim.LINF_SCALE_CONDITION,
                Level.DEEP_CNN,
                Verdict.of(ok),
                "ℓ∞-AT vs standard (largest ε), by scale ratio r = κ_bg|η_ρ|/κ_fg: " + String.join("; ", parts) + ". "
                        + what,
                DeepSettings.describe(folder, used),
                PROVENANCE,
                PHASE_FIGURES));
    }

    private static RelianceTrends.Trend first(List<RelianceTrends.Trend> trends, String bench, String norm) {
        return trends.stream()
                .filter(t -> t.benchmark().equals(bench) && t.trainNorm().equals(norm))
                .findFirst()
                .orElseThrow();
    }

    private static String describe(List<RelianceTrends.Trend> trends, String bench, String norm, String overall) {
        StringBuilder sb = new StringBuilder(bench + " " + norm + " → " + overall + " (");
        boolean first = true;
        int seeds = 0;
        for (RelianceTrends.Trend tr : trends) {
            if (tr.benchmark().equals(bench) && tr.trainNorm().equals(norm)) {
                sb.append(first ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT,
                                "%s %.3f→%.3f ±%.3f",
                                tr.metric(),
                                tr.values()[0],
                                tr.values()[tr.values().length - 1],
                                tr.twoSe()));
                first = false;
                seeds = tr.replicateChanges().length;
            }
        }
        return sb.append(seeds > 1 ? "; mean of " + seeds + " seeds" : "")
                .append(')')
                .toString();
    }

    /**
     * {@code deep_reliance_by_eps}: each reliance metric's mean over training seeds per training ε
     * with its standard error ({@link RelianceTrends#byEps}), what the BG-gap figure plots; and
     * {@code deep_phase}: the CNN phase diagram ({@link #phase}).
     */
    @Override
    public Map<String, ResultTable> derivedTables(ResultsFolder folder) {
        Optional<ResultTable> rel = folder.table(RELIANCE);
        if (rel.isEmpty() || rel.get().size() == 0) {
            return Map.of();
        }
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(correlated(rel.get()));
        Map<String, ResultTable> out = new LinkedHashMap<>();
        out.put(TableNames.DEEP_RELIANCE_BY_EPS, RelianceTrends.byEps(trends));
        out.put(TableNames.DEEP_PHASE, phase(trends));
        return out;
    }

    /**
     * The CNN phase diagram: one row per (benchmark, adversarial norm, metric) with the benchmark's
     * scale ratio, the standard and the adversarial model's value (largest ε, mean over seeds), the
     * paired change towards the background with two standard errors, the metric's own direction
     * and the (benchmark, norm)'s overall direction ({@link RelianceTrends#overall}), and the
     * predicted one.
     */
    static ResultTable phase(List<RelianceTrends.Trend> trends) {
        ResultTable.Builder b = ResultTable.builder(TableNames.DEEP_PHASE_COLUMNS);
        for (RelianceTrends.Trend t : trends) {
            int last = t.values().length - 1;
            b.row(
                    t.benchmark(),
                    t.rho(),
                    t.fgContrast(),
                    t.bgContrast(),
                    t.scaleRatio(),
                    t.trainNorm(),
                    t.eps()[last],
                    t.replicateChanges().length,
                    t.metric(),
                    t.values()[0],
                    t.values()[last],
                    t.relianceChange(),
                    t.twoSe(),
                    t.observed(),
                    RelianceTrends.overall(trends, t.benchmark(), t.trainNorm()),
                    t.predicted());
        }
        return b.build();
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        Optional<ResultTable> rel = folder.table(RELIANCE);
        if (rel.isEmpty()) {
            return List.of();
        }
        List<RelianceTrends.Trend> trends = RelianceTrends.compute(correlated(rel.get()));
        List<ReportBlock> blocks = new ArrayList<>();
        folder.table(TableNames.DEEP_SETTINGS)
                .ifPresent(t -> blocks.add(new ReportBlock.Table(
                        "Deep settings: every benchmark with what its CNNs were trained and measured with (deep_settings.csv; "
                                + "r = κ_bg·|η_ρ|/κ_fg, the analogue of σ_s|η|/σ_c)",
                        t,
                        40)));
        blocks.add(new ReportBlock.Paragraph("Standard vs ℓ2- vs ℓ∞-adversarial training of a small CNN on "
                + "shifted-backgrounds benchmarks with a spurious correlation: background contrast below the foreground's "
                + "(`bg<fg`), above it (`bg>fg`) and the scale-ratio benchmarks (`r=…`, the default contrasts with the "
                + "background contrast set so that r takes the value in the label). Background reliance per training "
                + "radius beside the direction the theory predicts (ℓ2: more reliance; ℓ∞: more only when r > 1). Every "
                + "regime is trained with several training seeds (`replicates`) on the same benchmark and test sets; values "
                + "are means over seeds. `reliance_change` is the mean over seeds of the paired change from the standard "
                + "model to the largest ε (each seed's change in `change_by_replicate`), signed so that positive means "
                + "more reliance on the background; it counts when larger than `two_se`, two standard errors with "
                + "SE² = (variance of the changes over seeds)/seeds + mean binomial variance of the test set. With "
                + "two seeds the seed part rests on one degree of freedom and is rough."));
        blocks.add(new ReportBlock.FigureRef("deep_bg_gap", ""));
        blocks.add(new ReportBlock.FigureRef("deep_phase", ""));
        blocks.add(new ReportBlock.Table(
                "Background reliance vs training ε (computed from deep_reliance.csv)",
                RelianceTrends.table(trends),
                60));
        folder.table(TableNames.DEEP_TRAINING)
                .ifPresent(t -> blocks.add(new ReportBlock.Table(
                        "Training runs (throughput measured on the machine that ran this report)", t, 40)));
        folder.table(TableNames.DEEP_ROBUST)
                .ifPresent(t -> blocks.add(new ReportBlock.Table(
                        "Robust accuracy (PGD-CE and BETA must both fail; never rises with ε by construction)",
                        t,
                        60)));
        return List.of(new ReportSection("Deep models: background reliance under adversarial training", blocks));
    }
}
