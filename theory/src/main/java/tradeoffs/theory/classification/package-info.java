/**
 * Classification models behind multi-perturbation and invariance tradeoffs, and the exact BETA
 * margin attack on linear multi-class models; closed forms researchers use to cross-check deep
 * results.
 *
 * <ul>
 *   <li>docs/math.md §10.1–§10.4 (Tramèr &amp; Boneh 2019): {@link tradeoffs.theory.classification.TramerBonehDistribution},
 *       exact clean/robust/union/average accuracy of linear classifiers
 *       ({@link tradeoffs.theory.classification.MultiPerturbationAccuracy}), the MEP bound
 *       ({@link tradeoffs.theory.classification.MepBound}), optimal robust linear classifiers
 *       ({@link tradeoffs.theory.classification.OptimalLinearClassifier}) and the ℓ∞-vs-ℓ1 tradeoff path
 *       ({@link tradeoffs.theory.classification.MultiPerturbationTradeoff}).</li>
 *   <li>docs/math.md §10.5 (invariance vs sensitivity): {@link tradeoffs.theory.classification.InvarianceToy} and
 *       {@link tradeoffs.theory.classification.InvarianceSensitivity}.</li>
 *   <li>docs/math.md §10.6 (BETA, Robey et al. 2024): {@link tradeoffs.theory.classification.LinearBeta}.</li>
 * </ul>
 * Every formula here is tagged [derived] in docs/math.md: derived for this project and checked
 * numerically (Monte Carlo, brute force), not quoted from the papers.
 */
package tradeoffs.theory.classification;
