package tradeoffs.report.evidence;

import static tradeoffs.figures.Palette.normLabel;
import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tradeoffs.figures.Columns;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;
import tradeoffs.report.Verdict;

/**
 * Simulation-level evidence, computed from the Monte Carlo table {@code sim_agreement.csv} (means
 * of finite-sample adversarial training, docs/math.md §6.1, with standard errors) by fitting trends
 * in ε with {@link TrendFit}:
 * <ul>
 * <li>claim 1: the slope of mean spurious reliance in ε has a 95% interval above 0 for ℓ1 and ℓ2 at
 * every σ_s;</li>
 * <li>claim 2: for ℓ∞, the slope is significantly positive at every σ_s with σ_s|η| &gt; σ_c and not
 * significantly positive (interval reaches 0) at every σ_s with σ_s|η| ≤ σ_c;</li>
 * <li>claim 3: for ℓ1 and ℓ2, the slope of the shifted risk exceeds that of the in-domain
 * (standard) risk: the difference of slopes has a 95% interval above 0 (standard errors combined
 * as if independent, which widens the interval when the two are positively correlated);</li>
 * <li>claim 4: with {@code sim_core_only.csv} (the same training restricted to the core feature),
 * the held-out adversarial risk without x_s is significantly above the one with x_s somewhere and
 * significantly below it nowhere (Bonferroni over the grid);</li>
 * </ul>
 * Its section summarises theory-vs-simulation agreement ({@link AgreementSummary}: z-scores at smooth
 * points, and at non-smooth points the bias ladders of {@code sim_nonsmooth.csv}, docs/math.md §7.4)
 * and the convergence slope that the convergence study wrote into {@code sim_convergence.csv}.
 */
public final class SimulationEvidence implements ReportContributor {
    private static final String PROVENANCE = "[paper] finite-sample adversarial training, Ribeiro et al. 2023 "
            + "(docs/math.md §6.1); Monte Carlo means with standard errors; trend: least-squares slope, 95% interval";

    @Override
    public Level level() {
        return Level.SIMULATION;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        if (folder.missing(SIM_AGREEMENT, List.of(NORM, EPS, QUANTITY, MEAN, SE))
                .isPresent()) {
            return List.of();
        }
        ResultTable t = folder.require(SIM_AGREEMENT);
        List<ClaimEvidence> out = new ArrayList<>();
        claim1(t).ifPresent(out::add);
        claim2(t).ifPresent(out::add);
        claim3(t).ifPresent(out::add);
        claim4(t, folder.table(SIM_CORE_ONLY).orElse(null)).ifPresent(out::add);
        return out;
    }

    static TrendFit trend(ResultTable rows) {
        return TrendFit.of(rows.doubles(EPS), rows.doubles(MEAN), rows.doubles(SE));
    }

    Optional<ClaimEvidence> claim1(ResultTable t) {
        ResultTable rel = t.where(QUANTITY, RELIANCE);
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        int tested = 0;
        for (String norm : List.of("l1", "l2")) {
            for (ResultTable rows : TheoryEvidence.bySigma(rel.where(NORM, norm))) {
                TrendFit f = trend(rows);
                if (Double.isNaN(f.slope())) {
                    continue;
                }
                tested++;
                ok &= f.increasing();
                parts.add(normLabel(norm) + TheoryEvidence.sigmaLabel(rows) + ": slope of ρ_s in ε " + f.describe());
            }
        }
        if (tested == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClaimEvidence(
                Claim.L1_L2_INCREASE_RELIANCE,
                Level.SIMULATION,
                Verdict.of(ok),
                "Monte Carlo spurious reliance rises with ε when the 95% interval of the slope is above 0: "
                        + String.join("; ", parts) + ".",
                TableText.parameters(rel),
                PROVENANCE,
                List.of("reliance_vs_eps")));
    }

    Optional<ClaimEvidence> claim2(ResultTable t) {
        ResultTable rel = t.where(QUANTITY, RELIANCE).where(NORM, "linf");
        if (rel.size() == 0) {
            return Optional.empty();
        }
        double[] ratio = ratios(rel);
        if (ratio == null) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.LINF_SCALE_CONDITION,
                    Level.SIMULATION,
                    "the Monte Carlo table has no scale ratio (needs scale_ratio, or sigma_core and eta)"));
        }
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        int below = 0, above = 0;
        for (ResultTable rows : TheoryEvidence.bySigma(rel)) {
            double r = ratios(rows)[0];
            TrendFit f = trend(rows);
            if (Double.isNaN(f.slope())) {
                continue;
            }
            boolean isAbove = r > 1.0;
            if (isAbove) {
                above++;
                ok &= f.increasing();
            } else {
                below++;
                ok &= !f.increasing();
            }
            double[] mean = rows.doubles(MEAN);
            double maxMean =
                    java.util.Arrays.stream(mean).filter(Double::isFinite).max().orElse(Double.NaN);
            parts.add("σ_s|η|/σ_c=" + Fmt.g(r) + (isAbove ? " (above)" : " (below)") + ": slope " + f.describe()
                    + ", largest mean ρ_s " + Fmt.g(maxMean));
        }
        if (below == 0 || above == 0) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.LINF_SCALE_CONDITION,
                    Level.SIMULATION,
                    "the ℓ∞ Monte Carlo runs do not cover both sides of σ_s|η| = σ_c"));
        }
        return Optional.of(new ClaimEvidence(
                Claim.LINF_SCALE_CONDITION,
                Level.SIMULATION,
                Verdict.of(ok),
                "ℓ∞: reliance must rise significantly with ε above the scale condition and not below it: "
                        + String.join("; ", parts) + ".",
                TableText.parameters(rel),
                PROVENANCE,
                List.of("reliance_vs_eps")));
    }

    Optional<ClaimEvidence> claim3(ResultTable t) {
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        int tested = 0;
        for (String norm : List.of("l1", "l2")) {
            ResultTable byNorm = t.where(NORM, norm);
            List<ResultTable> shifted = TheoryEvidence.bySigma(byNorm.where(QUANTITY, SHIFTED_RISK));
            List<ResultTable> standard = TheoryEvidence.bySigma(byNorm.where(QUANTITY, STANDARD_RISK));
            for (int i = 0; i < Math.min(shifted.size(), standard.size()); i++) {
                TrendFit a = trend(shifted.get(i));
                TrendFit b = trend(standard.get(i));
                if (Double.isNaN(a.slope()) || Double.isNaN(b.slope())) {
                    continue;
                }
                tested++;
                double d = a.slope() - b.slope();
                double hwA = (a.high() - a.low()) / 2, hwB = (b.high() - b.low()) / 2;
                double hw = Math.sqrt(hwA * hwA + hwB * hwB);
                ok &= d - hw > 0;
                parts.add(normLabel(norm) + TheoryEvidence.sigmaLabel(shifted.get(i)) + ": slope of shifted risk "
                        + Fmt.g(a.slope()) + " vs in-domain " + Fmt.g(b.slope()) + ", difference " + Fmt.g(d) + " ± "
                        + Fmt.g(hw));
            }
        }
        if (tested == 0) {
            return Optional.empty();
        }
        return Optional.of(new ClaimEvidence(
                Claim.SHIFT_HURTS,
                Level.SIMULATION,
                Verdict.of(ok),
                "Shifted-domain risk grows faster in ε than in-domain risk (95% interval of the slope difference "
                        + "above 0): " + String.join("; ", parts) + ".",
                TableText.parameters(t.where(QUANTITY, SHIFTED_RISK)),
                PROVENANCE,
                List.of("shifted_risk_l2")));
    }

    /**
     * Claim 4 at finite n: held-out adversarial risk of the model trained with x_s ({@code t}) against
     * the one trained on the core feature only ({@code core}), matched by (norm, ε, σ_s). The two come
     * from independent samples, so the difference has standard error √(se₁² + se₂²). With m matched
     * points, a difference counts as significant beyond z_{1 − 0.05/(2m)} standard errors
     * (Bonferroni), so a correct implementation wrongly reports a significant loss with probability
     * below 5% over the whole grid.
     */
    Optional<ClaimEvidence> claim4(ResultTable t, ResultTable core) {
        if (core == null || !core.columns().containsAll(List.of(NORM, EPS, QUANTITY, MEAN, SE))) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.SPURIOUS_HELPS_ROBUSTNESS,
                    Level.SIMULATION,
                    "no Monte Carlo of core-only models (" + file(SIM_CORE_ONLY) + ")"));
        }
        ResultTable c = core.where(QUANTITY, ADVERSARIAL_RISK);
        ResultTable w = t.where(QUANTITY, ADVERSARIAL_RISK);
        List<double[]> pairs = new ArrayList<>(); // d, se, eps
        List<String> norms = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            String norm = c.get(i, NORM);
            double eps = c.getDouble(i, EPS);
            ResultTable m = Columns.whereNear(w.where(NORM, norm), EPS, eps);
            if (c.hasColumn(SIGMA_SPURIOUS) && m.hasColumn(SIGMA_SPURIOUS)) {
                m = Columns.whereNear(m, SIGMA_SPURIOUS, c.getDouble(i, SIGMA_SPURIOUS));
            }
            if (m.size() != 1) {
                continue;
            }
            double d = c.getDouble(i, MEAN) - m.getDouble(0, MEAN);
            double se = Math.hypot(c.getDouble(i, SE), m.getDouble(0, SE));
            if (Double.isFinite(d) && se > 0) {
                pairs.add(new double[] {d, se, eps});
                norms.add(norm);
            }
        }
        if (pairs.isEmpty()) {
            return Optional.of(ClaimEvidence.notTested(
                    Claim.SPURIOUS_HELPS_ROBUSTNESS,
                    Level.SIMULATION,
                    "no (norm, ε, σ_s) of the core-only Monte Carlo matches the main grid"));
        }
        double zCrit = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
                .inverseCumulativeProbability(1 - 0.05 / (2 * pairs.size()));
        List<String> parts = new ArrayList<>();
        int gains = 0, losses = 0;
        for (String norm : new java.util.LinkedHashSet<>(norms)) {
            double best = Double.NEGATIVE_INFINITY, bestSe = Double.NaN, bestEps = Double.NaN;
            int g = 0;
            for (int k = 0; k < pairs.size(); k++) {
                if (!norms.get(k).equals(norm)) {
                    continue;
                }
                double[] p = pairs.get(k);
                if (p[0] > zCrit * p[1]) {
                    g++;
                } else if (p[0] < -zCrit * p[1]) {
                    losses++;
                }
                if (p[0] > best) {
                    best = p[0];
                    bestSe = p[1];
                    bestEps = p[2];
                }
            }
            gains += g;
            parts.add(normLabel(norm) + ": core-only minus with-x_s adversarial risk up to " + Fmt.g(best) + " ± "
                    + Fmt.g(bestSe) + " (ε=" + Fmt.g(bestEps) + "), significant gain at " + g + " ε");
        }
        return Optional.of(new ClaimEvidence(
                Claim.SPURIOUS_HELPS_ROBUSTNESS,
                Level.SIMULATION,
                Verdict.of(gains > 0 && losses == 0),
                "Held-out adversarial risk of finite-sample adversarial training with and without the spurious feature "
                        + "(a difference counts beyond " + Fmt.g(zCrit) + " standard errors, Bonferroni over "
                        + pairs.size() + " points): " + String.join("; ", parts) + "; significant losses: " + losses
                        + ".",
                TableText.parameters(c),
                PROVENANCE,
                List.of("claim4_spurious_helps")));
    }

    /** σ_s|η|/σ_c per row, from scale_ratio or from sigma_core, sigma_spurious, eta; null if neither. */
    static double[] ratios(ResultTable rows) {
        if (rows.hasColumn(SCALE_RATIO)) {
            return rows.doubles(SCALE_RATIO);
        }
        if (rows.hasColumn(SIGMA_CORE) && rows.hasColumn(SIGMA_SPURIOUS) && rows.hasColumn(ETA)) {
            double[] c = rows.doubles(SIGMA_CORE), s = rows.doubles(SIGMA_SPURIOUS), e = rows.doubles(ETA);
            double[] r = new double[c.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = s[i] * Math.abs(e[i]) / c[i];
            }
            return r;
        }
        return null;
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        List<ReportBlock> blocks = new ArrayList<>();
        AgreementSummary agreement = AgreementSummary.of(folder);
        if (agreement != null) {
            blocks.addAll(agreement.blocks());
            blocks.add(new ReportBlock.FigureRef("theory_vs_simulation", ""));
        }
        folder.table(SIM_CONVERGENCE)
                .filter(t -> t.columns().containsAll(SIM_CONVERGENCE_COLUMNS))
                .ifPresent(t -> {
                    List<String> parts = new ArrayList<>();
                    boolean allNearHalf = true;
                    for (String norm : t.distinct(NORM)) {
                        ResultTable rows = t.where(NORM, norm);
                        // the convergence study wrote its fitted slope and 95% interval on every row of its (norm, ε)
                        double slope = rows.getDouble(0, SLOPE);
                        double halfWidth = (rows.getDouble(0, SLOPE_CI_HIGH) - rows.getDouble(0, SLOPE_CI_LOW)) / 2;
                        if (Double.isNaN(slope)) {
                            continue;
                        }
                        allNearHalf &= Math.abs(slope + 0.5) <= 0.1;
                        parts.add(normLabel(norm) + ": " + Fmt.g(slope)
                                + (Double.isNaN(halfWidth) ? "" : " ± " + Fmt.g(halfWidth)));
                    }
                    blocks.add(new ReportBlock.Paragraph(
                            "Convergence of the finite-sample weights to the population solution: "
                                    + "fitted log–log slope of the RMSE against n (−0.5 is the n^(−1/2) rate; 95% intervals): "
                                    + String.join("; ", parts) + ". "
                                    + (allNearHalf
                                            ? "Every slope is within 0.1 of −0.5."
                                            : "Not every slope is within 0.1 of −0.5.")
                                    + " Parameters: " + TableText.parameters(t) + "."));
                    blocks.add(new ReportBlock.FigureRef("convergence", ""));
                });
        if (blocks.isEmpty()) {
            return List.of();
        }
        return List.of(new ReportSection("Theory against simulation", blocks));
    }
}
