package tradeoffs.cli.reproduce;

import tradeoffs.figures.report.ReportContributor;

/**
 * One part of {@code tradeoffs reproduce}: runs its computation, writes result tables into the
 * results folder, and names the {@link ReportContributor} that turns those tables into rows of the
 * claims ledger (and its own report sections).
 *
 * <p>The theory and simulation stages are built in. Other stages (the deep part) register through
 * {@link java.util.ServiceLoader}: a line with the class name in
 * {@code cli/src/main/resources/META-INF/services/tradeoffs.cli.reproduce.ReproduceStage}. See
 * docs/dev/report-extension.md.
 */
public interface ReproduceStage {
    /** Short name used in progress lines and the manifest, e.g. {@code "deep"}. */
    String name();

    /** Runs the stage; writes its CSV tables into {@code ctx.outDir()}. */
    void run(ReproduceContext ctx) throws Exception;

    /** Reads this stage's tables and produces ledger rows and sections. */
    ReportContributor contributor();

    /** Order among stages (theory 100, simulation 200; the deep part should use 300). */
    default int order() {
        return 500;
    }
}
