package tradeoffs.simulation.classification;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.ResultTable;
import tradeoffs.io.tables.InvarianceTable;
import tradeoffs.io.tables.MultiPerturbationTable;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.theory.classification.InvarianceToy;
import tradeoffs.theory.classification.TramerBonehDistribution;

/**
 * The classification Monte Carlo tables (docs/classification.md §4): wide tables, one row
 * per classifier, point or ε, each estimated quantity q as four columns q (the Monte Carlo mean),
 * q_se, q_theory (the closed form; empty when there is none) and q_z ((q − q_theory)/q_se).
 */
public final class ClassificationTables {
    private ClassificationTables() {}

    /** {@code class_mep}: the distribution, the radii, then per classifier its ℓ∞ and ℓ1 accuracies and error sum. */
    public static ResultTable mep(
            TramerBonehDistribution dist,
            double epsLinf,
            double epsL1,
            int samples,
            List<MepMonteCarlo.Result> results) {
        List<String> cols = new ArrayList<>(
                List.of(P0, DIM, ALPHA, ETA, EPS_LINF, EPS_L1, MEP_APPLIES, CLASSIFIER, THETA, SAMPLES));
        estimateColumns(cols, LINF_ACCURACY, L1_ACCURACY, ERROR_SUM);
        ResultTable.Builder b = ResultTable.builder(cols);
        for (MepMonteCarlo.Result r : results) {
            Map<String, Object> row = MultiPerturbationTable.lead(dist, epsLinf, epsL1);
            row.put(CLASSIFIER, r.candidate().label());
            row.put(THETA, r.candidate().theta());
            row.put(SAMPLES, samples);
            put(row, r.linf(), r.l1(), r.errorSum());
            b.row(row);
        }
        return b.build();
    }

    /** {@code class_invariance}: the toy, then per (a, ε) the robust accuracy, its complement the sensitivity error, and the invariance error. */
    public static ResultTable invariance(InvarianceToy toy, int samples, List<InvarianceMonteCarlo.Point> points) {
        List<String> cols = new ArrayList<>(List.of(MU_S, SIGMA_S, MU_R, SIGMA_R, MIX, CLASSIFIER, EPS, SAMPLES));
        estimateColumns(cols, ROBUST_ACCURACY, SENSITIVITY_ERROR, INVARIANCE_ERROR);
        ResultTable.Builder b = ResultTable.builder(cols);
        for (InvarianceMonteCarlo.Point p : points) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(MU_S, toy.muS());
            row.put(SIGMA_S, toy.sigmaS());
            row.put(MU_R, toy.muR());
            row.put(SIGMA_R, toy.sigmaR());
            row.put(MIX, p.mix());
            row.put(CLASSIFIER, InvarianceTable.classifier(p.mix()));
            row.put(EPS, p.eps());
            row.put(SAMPLES, samples);
            put(row, p.robustAccuracy(), p.sensitivityError(), p.invarianceError());
            b.row(row);
        }
        return b.build();
    }

    /** {@code class_beta}: per scenario and ε, the exact, BETA and cross-entropy success rates. */
    public static ResultTable beta(int samples, List<AttackComparison.Row> rows) {
        List<String> cols = new ArrayList<>(List.of(
                MODEL, CLASSES, DIM, TARGET_OFFSET, DECOY_OFFSET, SPREAD, EPS, ATTACK_STEPS, STEP_SIZE, SAMPLES));
        estimateColumns(cols, EXACT_ERROR, BETA_SUCCESS, CE_SUCCESS, CE_MISSED);
        cols.add(BETA_MARGIN_GAP);
        cols.add(EXCEEDS_EXACT);
        ResultTable.Builder b = ResultTable.builder(cols);
        for (AttackComparison.Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(MODEL, r.scenario().label());
            row.put(CLASSES, r.scenario().classes());
            row.put(DIM, r.scenario().dim());
            row.putAll(r.scenario().parameters());
            row.put(EPS, r.pgd().eps());
            row.put(ATTACK_STEPS, r.pgd().steps());
            row.put(STEP_SIZE, r.pgd().stepSize());
            row.put(SAMPLES, samples);
            put(row, r.exact(), r.beta(), r.crossEntropy(), r.missed());
            row.put(BETA_MARGIN_GAP, r.betaMarginGap());
            row.put(EXCEEDS_EXACT, r.exceedsExact());
            b.row(row);
        }
        return b.build();
    }

    private static void estimateColumns(List<String> cols, String... quantities) {
        for (String q : quantities) {
            cols.addAll(List.of(q, se(q), theory(q), z(q)));
        }
    }

    private static void put(Map<String, Object> row, Estimate... estimates) {
        for (Estimate e : estimates) {
            row.put(e.quantity(), e.mean());
            row.put(se(e.quantity()), e.se());
            row.put(theory(e.quantity()), Double.isNaN(e.theory()) ? null : e.theory());
            row.put(z(e.quantity()), Double.isNaN(e.z()) ? null : e.z());
        }
    }
}
