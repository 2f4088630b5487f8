package tradeoffs.deep.train;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.theory.ParameterException;

/**
 * A training method in the plain parameters a user gives, and the one place a {@link TrainConfig}'s
 * method is built from them: standard training ({@code none} or {@code standard}), PGD adversarial
 * training in one norm (Madry et al. 2018), multi-perturbation training over several norms
 * combined by {@code multi} (Tramèr &amp; Boneh 2019), or the method named by {@code method}
 * (BETA-AT, TRADES; see {@link TrainConfig#withMethod(String, String, Double, List)}). Radii are in
 * pixel units of images in [0, 1].
 *
 * @param norms {@code none} / {@code standard}, or the attack norms {@code l1}, {@code l2},
 *     {@code linf} (distinct; several mean multi-perturbation training)
 * @param eps one training radius per attack norm, each ≥ 0; empty for standard training
 * @param steps PGD steps per example (≥ 1, also checked for standard training)
 * @param stepSize the PGD step size, or null for 2.5·ε/steps; adversarial training only
 * @param multi {@code max} or {@code avg} with several norms, or null when not given (then max)
 * @param method standard, pgd, max, avg, beta or trades, or null for what the norms imply
 * @param tradesBeta TRADES' weight β of the KL term (≥ 0), or null for the default; method trades only
 */
public record MethodSpec(
        List<String> norms,
        List<Double> eps,
        int steps,
        Double stepSize,
        String multi,
        String method,
        Double tradesBeta) {
    public MethodSpec {
        norms = List.copyOf(norms);
        eps = List.copyOf(eps);
    }

    /** The method the norms imply (standard, PGD, or MAX/AVG by {@code multi}). */
    public MethodSpec(List<String> norms, List<Double> eps, int steps, Double stepSize, String multi) {
        this(norms, eps, steps, stepSize, multi, null, null);
    }

    /** The training configuration of this method on top of {@code base}'s model, optimiser and seed. */
    public TrainConfig config(TrainConfig base) {
        ParameterException.requireAtLeast("train_steps", steps, 1);
        if (multi != null) {
            TrainConfig.MultiMode.parse(multi); // a bad name is refused before any other check
        }
        if (norms.isEmpty() || norms.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(
                    "norm",
                    "must be none, or l1, l2, linf (a comma list for multi-perturbation training)",
                    "'" + String.join(",", norms) + "'");
        }
        if (norms.size() == 1
                && (norms.get(0).equalsIgnoreCase("none") || norms.get(0).equalsIgnoreCase("standard"))) {
            if (!eps.isEmpty()) {
                throw new ParameterException(
                        "eps", "needs an attack norm l1, l2 or linf (standard training has no radius)", eps);
            }
            if (stepSize != null) {
                throw new ParameterException(
                        "step_size", "needs an attack norm l1, l2 or linf (standard training has no attack)", stepSize);
            }
            if (multi != null) {
                throw new ParameterException(
                        "multi", "needs several attack norms (it combines their attacks)", "standard training");
            }
            return method == null && tradesBeta == null ? base : base.withMethod(method, null, tradesBeta, List.of());
        }
        List<PerturbationNorm> ns = PerturbationNorm.parseAll(norms, "norm");
        if (multi != null && ns.size() < 2) {
            throw new ParameterException(
                    "multi", "needs several attack norms (it combines their attacks)", ns.size() + " norm");
        }
        if (eps.size() != ns.size()) {
            throw new ParameterException(
                    "eps", "needs one value per attack norm (" + ns.size() + " norms)", eps.size() + " values");
        }
        List<Pgd> attacks = new ArrayList<>();
        for (int i = 0; i < ns.size(); i++) {
            double e = eps.get(i);
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new ParameterException("eps", "must be >= 0", e);
            }
            Pgd p = Pgd.of(ns.get(i), e, steps);
            attacks.add(stepSize == null ? p : p.withStepSize(stepSize));
        }
        return base.withMethod(method, multi, tradesBeta, attacks);
    }
}
