package tradeoffs.reproduce.stage;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.TheoryEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialRisk;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.GaussianModel;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The theory part of {@code reproduce}: population adversarial training of the two-feature
 * core/spurious model (docs/math.md §3.2–§5.3) through the theory module's {@link TradeoffCurve},
 * written as the six theory tables the figures and {@link TheoryEvidence} read. The default model
 * is σ_c = 1, σ_s = 1, η = 0.6, σ_n = 0.5; σ_s = 2 (σ_s|η|/σ_c = 1.2) is the case above the ℓ∞
 * scale condition.
 */
public final class TheoryStage implements ReproduceStage {
    static final double SIGMA_C = 1.0;
    static final double ETA_TRAIN = 0.6;
    static final double NOISE_SD = 0.5;
    static final double SIGMA_S_BELOW = 1.0;
    static final double SIGMA_S_ABOVE = 2.0;
    static final List<LpNorm> NORMS = List.of(LpNorm.L1, LpNorm.L2, LpNorm.LINF);
    static final double[] FRONTIER_ETA_TEST = {-0.6, 0.0, 0.3};
    static final double[] SHIFT_EPS = {0.0, 0.25, 0.5, 1.0};
    /** The fixed test budgets of the frontier (docs/math.md §5.4). */
    static final double[] FIXED_BUDGET_EPS_TEST = {0.25, 0.5, 1.0};
    /** The shifted domain of the fixed-budget frontier: the correlation gone (also the simulation's η′). */
    static final double FIXED_BUDGET_ETA_TEST = 0.0;

    /** Grid sizes of a profile. */
    record Grid(double epsMax, double epsStep, double ratioStep, double etaTestStep) {
        static Grid of(Profile p) {
            return p == Profile.QUICK ? new Grid(1.25, 0.05, 0.05, 0.05) : new Grid(1.25, 0.01, 0.02, 0.02);
        }
    }

    @Override
    public String name() {
        return "theory";
    }

    @Override
    public ReportContributor contributor() {
        return new TheoryEvidence();
    }

    @Override
    public void run(ReproduceContext ctx) {
        Grid g = Grid.of(ctx.profile());
        double[] eps = grid(0.0, g.epsMax(), g.epsStep());
        ctx.manifest()
                .parameter("theory.sigma_core", SIGMA_C)
                .parameter("theory.eta", ETA_TRAIN)
                .parameter("theory.noise", NOISE_SD)
                .parameter("theory.sigma_spurious", List.of(SIGMA_S_BELOW, SIGMA_S_ABOVE))
                .parameter("theory.eps", List.of(0.0, g.epsMax(), g.epsStep()));
        ctx.manifest()
                .parameter("theory.fixed_budget_eps_test", FIXED_BUDGET_EPS_TEST)
                .parameter("theory.fixed_budget_eta_test", FIXED_BUDGET_ETA_TEST);
        try (Progress progress = ctx.progress().start("theory", 6, "tables")) {
            epsTable(eps, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_EPS)));
            progress.step();
            phaseTable(g, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_PHASE)));
            progress.step();
            frontierTable(eps, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_FRONTIER)));
            progress.step();
            fixedBudgetTable(eps, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_FIXED_BUDGET)));
            progress.step();
            shiftTable(g, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_SHIFT)));
            progress.step();
            claim4Table(eps, ctx.threads()).writeCsv(ctx.outDir().resolve(file(THEORY_CLAIM4)));
            progress.step();
        }
    }

    static CoreSpuriousModel model(double sigmaS) {
        return CoreSpuriousModel.twoFeature(SIGMA_C, sigmaS, ETA_TRAIN, NOISE_SD);
    }

    /** Reliance, weights and risks over ε for each norm at σ_s below and above the ℓ∞ condition. */
    static ResultTable epsTable(double[] eps, int threads) {
        ResultTable.Builder b = ResultTable.builder(THEORY_EPS_COLUMNS);
        for (double s : new double[] {SIGMA_S_BELOW, SIGMA_S_ABOVE}) {
            for (List<TradeoffPoint> curve : TradeoffCurve.coreSpurious(model(s), null, NORMS, eps, false, threads)) {
                for (TradeoffPoint p : curve) {
                    b.row(
                            p.attack().name(),
                            p.eps(),
                            SIGMA_C,
                            s,
                            ETA_TRAIN,
                            NOISE_SD,
                            p.wCore(),
                            p.wSpurious(),
                            p.spuriousReliance(),
                            p.standardRisk(),
                            p.adversarialRisk(),
                            p.certificate().kktResidual());
                }
            }
        }
        return b.build();
    }

    /**
     * ℓ∞ spurious weight over (σ_s|η|/σ_c, ε > 0); σ_s = ratio·σ_c/|η|. The boundary ratio 1 itself
     * is left out: in floating point σ_s·|η| lands a rounding error on either side of σ_c.
     */
    static ResultTable phaseTable(Grid g, int threads) {
        double[] ratios = java.util.Arrays.stream(grid(g.ratioStep(), 2.0, g.ratioStep()))
                .filter(r -> Math.abs(r - 1.0) > 1e-9)
                .toArray();
        double[] eps = grid(g.epsStep(), g.epsMax(), g.epsStep());
        List<TradeoffCurve.Spec> specs = new ArrayList<>();
        for (double r : ratios) {
            CoreSpuriousModel m = model(r * SIGMA_C / Math.abs(ETA_TRAIN));
            specs.add(new TradeoffCurve.Spec(m.toGaussian(), 1, null, LpNorm.LINF, eps, false));
        }
        List<List<TradeoffPoint>> curves = TradeoffCurve.curves(specs, threads);
        ResultTable.Builder b = ResultTable.builder(
                SCALE_RATIO, SIGMA_CORE, SIGMA_SPURIOUS, ETA, NOISE, EPS, W_CORE, W_SPURIOUS, RELIANCE, KKT_RESIDUAL);
        for (int i = 0; i < ratios.length; i++) {
            double sigmaS = ratios[i] * SIGMA_C / Math.abs(ETA_TRAIN);
            double ratio = sigmaS * Math.abs(ETA_TRAIN) / SIGMA_C; // the model's own ratio, rounding included
            for (TradeoffPoint p : curves.get(i)) {
                b.row(
                        ratio,
                        SIGMA_C,
                        sigmaS,
                        ETA_TRAIN,
                        NOISE_SD,
                        p.eps(),
                        p.wCore(),
                        p.wSpurious(),
                        p.spuriousReliance(),
                        p.certificate().kktResidual());
            }
        }
        return b.build();
    }

    /** Adversarial and shifted-domain risk over ε at a few η′ (default model). */
    static ResultTable frontierTable(double[] eps, int threads) {
        ResultTable.Builder b = ResultTable.builder(
                NORM,
                EPS,
                SIGMA_CORE,
                SIGMA_SPURIOUS,
                ETA,
                NOISE,
                ETA_TEST,
                W_CORE,
                W_SPURIOUS,
                STANDARD_RISK,
                ADVERSARIAL_RISK,
                SHIFTED_RISK);
        for (double et : FRONTIER_ETA_TEST) {
            for (List<TradeoffPoint> curve :
                    TradeoffCurve.coreSpurious(model(SIGMA_S_BELOW), et, NORMS, eps, false, threads)) {
                for (TradeoffPoint p : curve) {
                    b.row(
                            p.attack().name(),
                            p.eps(),
                            SIGMA_C,
                            SIGMA_S_BELOW,
                            ETA_TRAIN,
                            NOISE_SD,
                            et,
                            p.wCore(),
                            p.wSpurious(),
                            p.standardRisk(),
                            p.adversarialRisk(),
                            p.shiftedRisk());
                }
            }
        }
        return b.build();
    }

    /**
     * The tradeoff at fixed test budgets (docs/math.md §5.4 [derived]): for each norm, test budget
     * ε_test and training ε of the grid, the adversarial risk R_{ε_test}(w(ε)) of the model trained
     * at ε (§2.2, the attack of the training norm) and its shifted-domain risk MSE_η′(w(ε)) (§5.2),
     * default model, η′ = {@link #FIXED_BUDGET_ETA_TEST}. Along ε ∈ [0, ε_test] the first falls while
     * the second rises.
     */
    static ResultTable fixedBudgetTable(double[] eps, int threads) {
        ResultTable.Builder b = ResultTable.builder(
                NORM,
                EPS,
                EPS_TEST,
                SIGMA_CORE,
                SIGMA_SPURIOUS,
                ETA,
                NOISE,
                ETA_TEST,
                W_CORE,
                W_SPURIOUS,
                ADVERSARIAL_RISK,
                SHIFTED_RISK);
        CoreSpuriousModel m = model(SIGMA_S_BELOW);
        GaussianModel train = m.toGaussian();
        for (List<TradeoffPoint> curve :
                TradeoffCurve.coreSpurious(m, FIXED_BUDGET_ETA_TEST, NORMS, eps, false, threads)) {
            for (double epsTest : FIXED_BUDGET_EPS_TEST) {
                for (TradeoffPoint p : curve) {
                    b.row(
                            p.attack().name(),
                            p.eps(),
                            epsTest,
                            SIGMA_C,
                            SIGMA_S_BELOW,
                            ETA_TRAIN,
                            NOISE_SD,
                            FIXED_BUDGET_ETA_TEST,
                            p.wCore(),
                            p.wSpurious(),
                            AdversarialRisk.population(train, p.w(), p.attack(), epsTest),
                            p.shiftedRisk());
                }
            }
        }
        return b.build();
    }

    /** Shifted-domain risk over η′ ∈ (−1, 1) at a few ε (default model). */
    static ResultTable shiftTable(Grid g, int threads) {
        double[] etaTest = grid(-0.8, 0.8, g.etaTestStep());
        ResultTable.Builder b = ResultTable.builder(
                NORM, EPS, SIGMA_CORE, SIGMA_SPURIOUS, ETA, NOISE, ETA_TEST, STANDARD_RISK, SHIFTED_RISK);
        CoreSpuriousModel m = model(SIGMA_S_BELOW);
        List<TradeoffCurve.Spec> specs = new ArrayList<>();
        for (LpNorm norm : NORMS) {
            for (double et : etaTest) {
                specs.add(
                        new TradeoffCurve.Spec(m.toGaussian(), 1, m.withEta(et).toGaussian(), norm, SHIFT_EPS, false));
            }
        }
        List<List<TradeoffPoint>> curves = TradeoffCurve.curves(specs, threads);
        int k = 0;
        for (LpNorm norm : NORMS) {
            for (double et : etaTest) {
                for (TradeoffPoint p : curves.get(k)) {
                    b.row(
                            norm.name(),
                            p.eps(),
                            SIGMA_C,
                            SIGMA_S_BELOW,
                            ETA_TRAIN,
                            NOISE_SD,
                            et,
                            p.standardRisk(),
                            p.shiftedRisk());
                }
                k++;
            }
        }
        return b.build();
    }

    /** Best adversarial risk with and without the spurious feature (claim 4, default model). */
    static ResultTable claim4Table(double[] eps, int threads) {
        ResultTable.Builder b = ResultTable.builder(
                NORM, EPS, SIGMA_CORE, SIGMA_SPURIOUS, ETA, NOISE, W_SPURIOUS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY);
        for (List<TradeoffPoint> curve :
                TradeoffCurve.coreSpurious(model(SIGMA_S_BELOW), null, NORMS, eps, true, threads)) {
            for (TradeoffPoint p : curve) {
                b.row(
                        p.attack().name(),
                        p.eps(),
                        SIGMA_C,
                        SIGMA_S_BELOW,
                        ETA_TRAIN,
                        NOISE_SD,
                        p.wSpurious(),
                        p.adversarialRisk(),
                        p.coreOnlyRisk());
            }
        }
        return b.build();
    }

    /** start, start + step, …, up to stop (inclusive to 1e-9), each rounded to 12 decimals. */
    static double[] grid(double start, double stop, double step) {
        int n = (int) Math.floor((stop - start) / step + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.round((start + i * step) * 1e12) / 1e12;
        }
        return g;
    }
}
