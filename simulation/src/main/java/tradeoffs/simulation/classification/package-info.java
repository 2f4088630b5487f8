/**
 * Monte Carlo checks of the classification models of docs/math.md §10, each drawing samples from
 * seeded streams and applying an explicit attack to every sample, so that its estimates are an
 * independent route to the closed forms of {@code tradeoffs.theory.classification}:
 * <ul>
 *   <li>{@link tradeoffs.simulation.classification.MepMonteCarlo}: ℓ∞ and ℓ1 robust accuracies and the
 *       MEP error sum of linear classifiers on the Tramèr–Boneh distribution (§10.1–§10.3);</li>
 *   <li>{@link tradeoffs.simulation.classification.InvarianceMonteCarlo}: robust accuracy and invariance
 *       error on the invariance toy (§10.5);</li>
 *   <li>{@link tradeoffs.simulation.classification.AttackComparison}: cross-entropy PGD against BETA on
 *       linear multi-class models, with the exact margins of §10.6 as the reference, on the
 *       {@link tradeoffs.simulation.classification.BetaCounterexample} and on random linear models.</li>
 * </ul>
 */
package tradeoffs.simulation.classification;
