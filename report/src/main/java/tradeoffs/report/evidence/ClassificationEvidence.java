package tradeoffs.report.evidence;

import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportBlock;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.ReportSection;

/**
 * The classification claims C1–C4 at the theory level (exact values, docs/math.md §10) and the simulation
 * level (Monte Carlo with explicit per-sample attacks), from the tables of the {@code classification} stage:
 * <ul>
 * <li>C1, the MEP bound: every classifier tried has exact error sum ≥ 1 under the premise, and no Monte
 * Carlo error sum is significantly below 1 ({@link MepEvidence});</li>
 * <li>C2, where the optima meet it: on the bound under the premise, approached as d grows, beaten outside
 * the premise ({@link MepEvidence});</li>
 * <li>C3, excessive invariance: the invariance error rises with ε for every classifier that uses the
 * non-semantic feature, and is 0 for the semantic one ({@link InvarianceEvidence});</li>
 * <li>C4, BETA against cross-entropy: on the linear counterexample cross-entropy misses misclassifying
 * perturbations that exist and BETA finds them ({@link BetaEvidence}).</li>
 * </ul>
 * The rules are in docs/math.md §12.6. The deep level does not test
 * these claims; its rows say so when the classification tables are present.
 */
public final class ClassificationEvidence implements ReportContributor {
    private static final List<String> TABLES = List.of(CLASS_FRONTIER, CLASS_MEP, CLASS_INVARIANCE, CLASS_BETA);

    /** One check: the claim and level it speaks for, and how. */
    private record Check(Claim claim, Level level, Function<ResultsFolder, Optional<ClaimEvidence>> test) {}

    private static final List<Check> CHECKS = List.of(
            new Check(Claim.MEP_BOUND, Level.THEORY, MepEvidence::boundTheory),
            new Check(Claim.MEP_BOUND, Level.SIMULATION, MepEvidence::boundSimulation),
            new Check(Claim.MEP_OPTIMA, Level.THEORY, MepEvidence::optimaTheory),
            new Check(Claim.MEP_OPTIMA, Level.SIMULATION, MepEvidence::optimaSimulation),
            new Check(Claim.EXCESSIVE_INVARIANCE, Level.THEORY, InvarianceEvidence::exact),
            new Check(Claim.EXCESSIVE_INVARIANCE, Level.SIMULATION, InvarianceEvidence::monteCarlo),
            new Check(Claim.BETA_FINDS_WHAT_CE_MISSES, Level.THEORY, BetaEvidence::exact),
            new Check(Claim.BETA_FINDS_WHAT_CE_MISSES, Level.SIMULATION, BetaEvidence::monteCarlo));

    @Override
    public Level level() {
        return Level.THEORY;
    }

    @Override
    public List<ClaimEvidence> evidence(ResultsFolder folder) {
        if (TABLES.stream().noneMatch(t -> folder.table(t).isPresent())) {
            return List.of();
        }
        List<ClaimEvidence> out = new ArrayList<>();
        for (Check c : CHECKS) {
            try {
                c.test().apply(folder).ifPresent(out::add);
            } catch (RuntimeException e) {
                // a table this check cannot read costs this row only
                out.add(ClaimEvidence.notTested(
                        c.claim(),
                        c.level(),
                        "could not evaluate the classification tables: "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        for (Claim claim : List.of(
                Claim.MEP_BOUND, Claim.MEP_OPTIMA, Claim.EXCESSIVE_INVARIANCE, Claim.BETA_FINDS_WHAT_CE_MISSES)) {
            for (Level deep : List.of(Level.DEEP_LINEAR, Level.DEEP_CNN)) {
                out.add(ClaimEvidence.notTested(
                        claim,
                        deep,
                        "the deep stage trains no networks for the "
                                + "classification claims; the deep attacks are checked against the exact linear margins of "
                                + "docs/math.md §10.6 in the test suite"));
            }
        }
        return out;
    }

    @Override
    public List<ReportSection> sections(ResultsFolder folder) {
        String[][] tables = {
            {
                CLASS_FRONTIER,
                "exact ℓ∞ and ℓ1 robust accuracies along the path from the robust to the weak features "
                        + "and of the four optimal linear classifiers, at several d and radii (docs/math.md §10.2–§10.4)"
            },
            {
                CLASS_MEP,
                "Monte Carlo ℓ∞ and ℓ1 robust accuracies and error sums of every classifier tried (random, path, "
                        + "optimal), each beside its exact value and z-score"
            },
            {
                CLASS_INVARIANCE,
                "robust accuracy, sensitivity error and invariance error of the invariance toy against ε "
                        + "(docs/math.md §10.5), Monte Carlo beside exact"
            },
            {
                CLASS_BETA,
                "success rates of cross-entropy PGD and BETA on linear multi-class models against ε, with the "
                        + "exact error rate (docs/math.md §10.6)"
            }
        };
        StringBuilder sb = new StringBuilder();
        for (String[] t : tables) {
            folder.table(t[0])
                    .ifPresent(tab -> sb.append("- `")
                            .append(file(t[0]))
                            .append("` (")
                            .append(tab.size())
                            .append(" rows): ")
                            .append(t[1])
                            .append('\n'));
        }
        if (sb.length() == 0) {
            return List.of();
        }
        List<ReportBlock> blocks = new ArrayList<>();
        blocks.add(new ReportBlock.Paragraph("The classification models of docs/math.md §10, computed exactly and "
                + "checked by Monte Carlo with an explicit attack on every sample; how to read them is in "
                + "docs/classification.md §4 (rules: docs/math.md §12.6):\n\n" + sb));
        blocks.add(new ReportBlock.FigureRef("mep_frontier", ""));
        blocks.add(new ReportBlock.FigureRef("invariance_vs_eps", ""));
        blocks.add(new ReportBlock.FigureRef("beta_vs_ce", ""));
        return List.of(new ReportSection("Classification tables", blocks));
    }
}
