package tradeoffs.io.tables;

import static tradeoffs.io.schema.ColumnNames.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.io.CsvWriter;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.OrderedParts;
import tradeoffs.io.ResultTable;
import tradeoffs.io.TableSink;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.EpsValues;
import tradeoffs.theory.regression.GaussianModel;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The table of population solutions that {@code tradeoffs theory} prints (the CSV
 * columns of docs/theory.md): norm, eps, w_core, w_spurious, spurious_reliance, standard_risk, adversarial_risk,
 * [shifted_risk], [risk_with_spurious, risk_core_only, spurious_benefit], kkt_residual,
 * suboptimality_bound, then the model parameters; and the same points as JSON rows. Cells come
 * from {@link TradeoffCells}.
 *
 * <p>{@link #writeCsv} streams the CSV table while the curves are computed: the same bytes as
 * {@link #table}{@code .toCsv()} of the same points, in memory that does not depend on the grid.
 */
public final class TradeoffTable {
    /** Provenance of every output quantity. */
    public static final Map<String, String> PROVENANCE = provenance();

    /** The note on standard error after the CSV table: no column is quoted from the paper. */
    public static final String DERIVED_NOTE =
            "note: every column is [derived] for this project (docs/math.md sections 2-5; docs/theory.md), not quoted from the paper";

    private TradeoffTable() {}

    /**
     * What {@code tradeoffs theory} computes: the population solutions of docs/math.md §4 for
     * training data {@code train} over the ε grid, for each attack norm.
     *
     * @param train the training distribution (Σ, b, v)
     * @param dimCore the number of core features (the first coordinates); fewer than all adds the claim-4 columns
     * @param test the shifted test domain, or null (adds shifted_risk when given)
     * @param norms the attack norms
     * @param eps the radii ε ≥ 0
     * @param model the model's parameters, for the JSON document
     * @param etaTest the shifted domain's η′, or null
     * @param rowParameters parameters repeated on every CSV row, so tables from several runs can be stacked
     * @param manifestParameters the run's parameters for the manifest (model, norms, grid as typed)
     */
    public record Request(
            GaussianModel train,
            int dimCore,
            GaussianModel test,
            List<LpNorm> norms,
            Grid eps,
            Map<String, Object> model,
            Double etaTest,
            Map<String, Object> rowParameters,
            Map<String, Object> manifestParameters) {
        boolean shifted() {
            return test != null;
        }

        boolean claim4() {
            return dimCore < train.dim();
        }
    }

    /**
     * Computes {@code r} on {@code threads} threads and writes it to {@code sink}: CSV streamed as it
     * is computed ({@link #writeCsv}: any grid size, constant memory) followed by {@link
     * #DERIVED_NOTE} on standard error, or the JSON {@link #document}; with a file, {@code manifest}
     * gets the run's parameters, the compute time, the provenance and the file's name.
     */
    public static void write(Request r, TableSink sink, int threads, Manifest manifest) {
        Grid grid = r.eps();
        EpsValues values = sink.csv() ? EpsValues.of(grid.size(), grid::get) : EpsValues.of(grid.values());
        List<TradeoffCurve.Spec> specs = TradeoffCurve.specs(r.train(), r.dimCore(), r.test(), r.norms(), values);
        long t0 = System.nanoTime();
        if (sink.csv()) {
            long rows = sink.stream((out, spillDir) ->
                    writeCsv(specs, r.shifted(), r.claim4(), r.rowParameters(), out, spillDir, threads));
            sink.streamed(rows, manifest(r, manifest, t0, sink));
            sink.stderr().println(DERIVED_NOTE);
        } else {
            List<TradeoffPoint> points = new ArrayList<>();
            TradeoffCurve.curves(specs, threads).forEach(points::addAll);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> doc = document(r.model(), r.etaTest(), points, r.shifted(), r.claim4(), seconds);
            sink.emit(Json.write(doc), points.size(), manifest(r, manifest, t0, sink));
        }
        sink.stderr().flush();
    }

    /** With a file, the manifest of the run; else null. */
    private static Manifest manifest(Request r, Manifest m, long t0, TableSink sink) {
        if (sink.out() == null) {
            return null;
        }
        r.manifestParameters().forEach(m::parameter);
        m.timing("compute_seconds", (System.nanoTime() - t0) / 1e9);
        return m.put("provenance", PROVENANCE)
                .put("output", sink.out().getFileName().toString());
    }

    /** The quantity columns, for points with a shifted domain and/or the claim-4 comparison. */
    public static List<String> columns(boolean shifted, boolean claim4) {
        List<String> c =
                new ArrayList<>(List.of(NORM, EPS, W_CORE, W_SPURIOUS, RELIANCE, STANDARD_RISK, ADVERSARIAL_RISK));
        if (shifted) {
            c.add(SHIFTED_RISK);
        }
        if (claim4) {
            c.addAll(List.of(RISK_WITH_SPURIOUS, RISK_CORE_ONLY, SPURIOUS_BENEFIT));
        }
        c.addAll(List.of(KKT_RESIDUAL, SUBOPTIMALITY_BOUND));
        return c;
    }

    /** One point's cells, column → value, in column order. */
    public static Map<String, Object> row(TradeoffPoint p, boolean shifted, boolean claim4) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String c : columns(shifted, claim4)) {
            r.put(c, TradeoffCells.of(p, c));
        }
        return r;
    }

    /** The CSV table: {@link #columns} then {@code parameters} repeated on every row (so runs can be stacked). */
    public static ResultTable table(
            List<TradeoffPoint> points, boolean shifted, boolean claim4, Map<String, Object> parameters) {
        List<String> cols = columns(shifted, claim4);
        cols.addAll(parameters.keySet());
        ResultTable.Builder b = ResultTable.builder(cols);
        for (TradeoffPoint p : points) {
            Map<String, Object> r = row(p, shifted, claim4);
            r.putAll(parameters);
            b.row(r);
        }
        return b.build();
    }

    /**
     * Computes the curves of {@code specs} on {@code threads} threads and writes their CSV table to
     * {@code out} as rows are computed: header, then each curve's rows in the order of
     * {@code specs} (byte for byte {@link #table}{@code (points, shifted, claim4, parameters).toCsv()}
     * of the concatenated curves). A curve that runs while an earlier one is unfinished is spilled
     * to a temporary file in {@code spillDir} ({@link OrderedParts}). Returns the number of rows.
     */
    public static long writeCsv(
            List<TradeoffCurve.Spec> specs,
            boolean shifted,
            boolean claim4,
            Map<String, Object> parameters,
            OutputStream out,
            Path spillDir,
            int threads)
            throws IOException {
        TradeoffRows rows = new TradeoffRows(shifted, claim4, parameters);
        new CsvWriter(out).header(rows.header()).flush();
        return OrderedParts.write(out, spillDir, specs.size(), threads, i -> part -> {
            CsvWriter w = new CsvWriter(part);
            TradeoffCurve.forEachPoint(specs.get(i), p -> {
                try {
                    rows.write(w, p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            w.flush();
            return w.rows();
        });
    }

    /**
     * The {@code theory --format json} document: command, model (its parameters as the caller
     * names them), eta_test (when given), provenance, the points of every curve ({@link #jsonRows})
     * and the compute time.
     */
    public static Map<String, Object> document(
            Map<String, Object> model,
            Double etaTest,
            List<TradeoffPoint> points,
            boolean shifted,
            boolean claim4,
            double seconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "theory");
        root.put("model", model);
        if (etaTest != null) {
            root.put("eta_test", etaTest);
        }
        root.put("provenance", PROVENANCE);
        root.put("points", jsonRows(points, shifted, claim4));
        root.put("seconds", seconds);
        return root;
    }

    /**
     * The points as JSON rows: the table's cells with undefined values (no spurious block,
     * reliance at w = 0) as null rather than NaN, plus the full weight vector {@code w} and the
     * solver that certified it.
     */
    public static List<Map<String, Object>> jsonRows(List<TradeoffPoint> points, boolean shifted, boolean claim4) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TradeoffPoint p : points) {
            Map<String, Object> r = TableSink.nanToNull(row(p, shifted, claim4));
            r.put("w", p.w());
            r.put("solver", p.certificate().method());
            rows.add(r);
        }
        return rows;
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ADVERSARIAL_RISK, "[derived] docs/math.md 2.2: R = s^2 + 2 c eps ||w||_q s + eps^2 ||w||_q^2");
        p.put(STANDARD_RISK, "[derived] docs/math.md 2.2: s^2 = v - 2 w'b + w'Sigma w");
        p.put(
                "w",
                "[derived] docs/math.md 4: argmin of R over w (population adversarial training), with an optimality certificate");
        p.put(RELIANCE, "[derived definition] docs/math.md 5.1: sigma_s||w_s|| / (sigma_c||w_c|| + sigma_s||w_s||)");
        p.put(SHIFTED_RISK, "[derived] docs/math.md 5.2: v - 2 w'b' + w'Sigma' w at the test-domain eta'");
        p.put(RISK_CORE_ONLY, "[derived] docs/math.md 5.3 (claim 4): min R with the spurious weights fixed at 0");
        p.put(KKT_RESIDUAL, "min over the subdifferential of R at w of the Euclidean norm (0 at the optimum)");
        p.put(SUBOPTIMALITY_BOUND, "[derived] certified bound on R(w) - min R (docs/theory.md)");
        p.put("claims", "[paper] Moayeri, Banihashem, Feizi 2022 (docs/math.md 12.1); the formulas above are ours");
        return Collections.unmodifiableMap(p);
    }
}
