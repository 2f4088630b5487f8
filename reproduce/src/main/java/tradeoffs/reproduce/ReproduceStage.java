package tradeoffs.reproduce;

import tradeoffs.report.ReportContributor;

/**
 * One part of {@code tradeoffs reproduce}: runs its computation, writes result tables into the
 * results folder, and names the {@link ReportContributor} that turns those tables into rows of the
 * claims ledger (and its own report sections). The stages are the plain list of
 * {@code tradeoffs.reproduce.stage.Stages}; see docs/architecture.md for adding one.
 */
public interface ReproduceStage {
    /** Short name used in progress lines, the manifest and {@code --stages}, e.g. {@code "deep"}. */
    String name();

    /** Runs the stage; writes its CSV tables into {@code ctx.outDir()}. */
    void run(ReproduceContext ctx) throws Exception;

    /** Reads this stage's tables and produces ledger rows and sections. */
    ReportContributor contributor();
}
