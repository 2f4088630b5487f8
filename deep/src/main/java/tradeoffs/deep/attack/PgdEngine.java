package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Function;
import tradeoffs.deep.model.Classifier;

/**
 * Projected gradient ascent for a stack of rows on the model's device: each row is one trajectory
 * of one example (rows are trajectory-major: row t·n + i is trajectory t of example i), all sharing
 * one ascent rule (norm, steps, SLIDE percentile; see {@link Pgd} for the steps and projections).
 * The radius ε and the step size α are the rule's, or per row each trajectory's own
 * ({@link Trajectory#pgd}) when they differ (ℓ∞ and ℓ2 only): then ε and α are columns of the
 * state, so one stack can hold a whole ε grid. The perturbation δ, the steps, the projections and
 * the bookkeeping are tensor operations; nothing crosses to the JVM during the steps except, in
 * {@link #anyFooled}, one flag per row to drop decided examples.
 *
 * <p>Precision: δ is kept in double precision, as the JVM implementation before it did, and every
 * step performs the same IEEE operations in the same order (sums over a row are taken as the last
 * column of a cumulative sum, which the CPU accumulates in index order like the JVM loops did), so
 * on the CPU ℓ∞ and ℓ2 trajectories are bit for bit those of the JVM implementation; the ℓ1
 * projection agrees with its JVM reference to rounding ({@link L1BallBoxProjection}). The model
 * sees x + δ rounded to float32.
 *
 * <p>Forward passes run in chunks of at most {@link #chunkRows} rows: on a CPU, batches much larger
 * than the caches were measured 3–8× slower per image, and in inference mode each row's
 * arithmetic does not depend on the other rows of its chunk (for chunks of at least four rows; see
 * {@link InputGradient#pass}).
 *
 * <p>Random starts are drawn on the JVM from the caller's stream ({@link Pgd#drawStarts}) so the
 * streams, and results, do not depend on the device; they cross to the device once per attack.
 */
final class PgdEngine implements AutoCloseable {
    /** Padding of small chunks in {@link #anyFooled} (see {@link InputGradient#pass}). */
    static final int MIN_ROWS = 8;

    /**
     * Per-row constants: the clean image in double precision (rows, D), the bounds of δ (ball ∩ box
     * for ℓ∞, the box for ℓ2 and ℓ1), the label (int64), its one-hot row, the one-hot target minus
     * the one-hot label (targeted rows; zero elsewhere; null when no row is targeted), and the
     * weight of each objective kind (rows, 3; null when all rows share one kind), and each row's
     * radius ε and step size α (rows, 1; float64; null when every row has the rule's).
     */
    private record State(
            NDArray x64,
            NDArray lower,
            NDArray upper,
            NDArray labels,
            NDArray oneHot,
            NDArray targetMinusLabel,
            NDArray kindWeights,
            NDArray eps,
            NDArray alpha) {

        State map(Function<NDArray, NDArray> f) {
            return new State(
                    f.apply(x64),
                    f.apply(lower),
                    f.apply(upper),
                    f.apply(labels),
                    f.apply(oneHot),
                    targetMinusLabel == null ? null : f.apply(targetMinusLabel),
                    kindWeights == null ? null : f.apply(kindWeights),
                    eps == null ? null : f.apply(eps),
                    alpha == null ? null : f.apply(alpha));
        }

        void close() {
            for (NDArray a :
                    new NDArray[] {x64, lower, upper, labels, oneHot, targetMinusLabel, kindWeights, eps, alpha}) {
                if (a != null) {
                    a.close();
                }
            }
        }
    }

    private final Classifier model;
    private final Pgd rule;
    private final NDManager manager;
    private final Shape imageShape;
    private final int d;
    private final int chunk;
    private final boolean[] kinds = new boolean[3];
    private State state;
    private NDArray delta;
    private int rows;

    /**
     * @param images the n examples (n, C, H, W), float32, on the model's device
     * @param labels their labels (n), int64
     * @param trajectories the trajectories, each run for every example; all with {@code rule}'s
     *     ascent rule, except that ℓ∞ and ℓ2 trajectories may each have their own ε and step size
     * @param starts the random starts (rows·D, row-major, not yet projected), or null for δ = 0
     */
    PgdEngine(
            Classifier model,
            Pgd rule,
            NDArray images,
            NDArray labels,
            List<Trajectory> trajectories,
            double[] starts) {
        this(model, rule, images, labels, trajectories, starts, null);
    }

    /**
     * As {@link #PgdEngine(Classifier, Pgd, NDArray, NDArray, List, double[])}, with the one-hot
     * labels of the cross-entropy objective replaced by {@code soft} (n, K), a probability row per
     * example (repeated for every trajectory): the objective −Σ_j p_j log softmax(f)_j, which is
     * KL(p ‖ softmax f) + H(p) and so has the KL's input gradient (TRADES' inner maximisation,
     * {@link TradesAttack}). Null keeps the one-hot labels; untargeted trajectories only.
     */
    PgdEngine(
            Classifier model,
            Pgd rule,
            NDArray images,
            NDArray labels,
            List<Trajectory> trajectories,
            double[] starts,
            NDArray soft) {
        this.model = model;
        this.rule = rule;
        this.manager = model.manager().newSubManager();
        int n = (int) images.getShape().get(0);
        int t = trajectories.size();
        this.rows = n * t;
        this.imageShape = images.getShape().slice(1);
        this.d = (int) imageShape.size();
        this.chunk = chunkRows(imageShape);
        int k = model.numClasses();
        float[] weights = new float[3 * rows];
        long[] shifts = new long[rows];
        double[] rowEps = new double[rows];
        double[] rowAlpha = new double[rows];
        boolean perRow = false;
        for (int j = 0; j < t; j++) {
            Trajectory tr = trajectories.get(j);
            int kind = tr.loss() == null ? 2 : tr.loss().ordinal();
            kinds[kind] = true;
            perRow |= tr.pgd().eps() != rule.eps() || tr.pgd().stepSize() != rule.stepSize();
            for (int i = 0; i < n; i++) {
                weights[3 * (j * n + i) + kind] = 1;
                shifts[j * n + i] = tr.targetShift();
                rowEps[j * n + i] = tr.pgd().eps();
                rowAlpha[j * n + i] = tr.pgd().stepSize();
            }
        }
        if (perRow && rule.norm() == PerturbationNorm.L1) {
            throw new IllegalArgumentException("l1 trajectories of one stack must share their radius and step size");
        }
        NDArray epsColumn = perRow ? manager.create(rowEps, new Shape(rows, 1)) : null;
        NDArray alphaColumn = perRow ? manager.create(rowAlpha, new Shape(rows, 1)) : null;
        boolean mixed = (kinds[0] ? 1 : 0) + (kinds[1] ? 1 : 0) + (kinds[2] ? 1 : 0) > 1;
        NDArray x = repeat(images.reshape(n, d).toType(DataType.FLOAT64, true), t);
        NDArray y = repeat(labels.duplicate(), t);
        NDArray oneHot = y.oneHot(k, DataType.FLOAT32);
        if (soft != null) {
            if (kinds[2]) {
                throw new IllegalArgumentException("soft labels need untargeted trajectories");
            }
            oneHot.close();
            oneHot = repeat(soft.toType(DataType.FLOAT32, true), t);
        }
        NDArray targetMinusLabel = null;
        if (kinds[2]) {
            try (NDArray shift = manager.create(shifts);
                    NDArray target = y.add(shift).modi(k);
                    NDArray targetHot = target.oneHot(k, DataType.FLOAT32)) {
                targetMinusLabel = targetHot.sub(oneHot);
            }
        }
        // Bounds of δ: [max(−ε, −x), min(ε, 1 − x)] for ℓ∞ (as −min(ε, x) and 1 − x = −(x − 1), both
        // exact rewrites), [−x, 1 − x] otherwise; ε per row when the rows have their own.
        boolean linf = rule.norm() == PerturbationNorm.LINF;
        NDArray lower = (linf ? (perRow ? x.minimum(epsColumn) : x.minimum(rule.eps())) : x.duplicate()).negi();
        NDArray upper = x.sub(1).negi();
        if (linf) {
            NDArray capped = perRow ? upper.minimum(epsColumn) : upper.minimum(rule.eps());
            upper.close();
            upper = capped;
        }
        this.state = new State(
                x,
                lower,
                upper,
                y,
                oneHot,
                targetMinusLabel,
                mixed ? manager.create(weights, new Shape(rows, 3)) : null,
                epsColumn,
                alphaColumn);
        for (NDArray a : new NDArray[] {x, lower, upper, y, oneHot, targetMinusLabel}) {
            if (a != null) {
                a.attach(manager);
            }
        }
        if (starts == null) {
            this.delta = manager.zeros(new Shape(rows, d), DataType.FLOAT64);
        } else {
            try (NDManager sm = manager.newSubManager()) {
                delta = project(sm.create(starts, new Shape(rows, d)), state);
                delta.attach(manager);
            }
        }
    }

    /**
     * Rows per forward pass: 256 for 16×16 images, fewer for larger ones (the same number of pixels:
     * 64 at 32×32), at least 16. Measured on this project's CNN (one CPU thread, forward and input
     * gradient, microseconds per image): 16×16 at 64/256/512/1024 rows 68/56/61/175; 32×32 at
     * 64/128/256/512 rows 221/214/229/901. Larger batches fall out of the caches.
     */
    static int chunkRows(Shape imageShape) {
        long pixels = imageShape.get(imageShape.dimension() - 1) * imageShape.get(imageShape.dimension() - 2);
        return (int) Math.max(16, 256 * 256 / Math.max(1, pixels));
    }

    /** t copies of {@code a} one after the other along the first axis, attached to this engine. */
    private NDArray repeat(NDArray a, int t) {
        a.attach(manager);
        if (t == 1) {
            return a;
        }
        NDList copies = new NDList();
        for (int i = 0; i < t; i++) {
            copies.add(a);
        }
        NDArray out = NDArrays.concat(copies, 0);
        a.close();
        return out;
    }

    /**
     * Runs all steps and returns the final iterates x + δ (rows, C, H, W), float32, attached to
     * {@code out}: what adversarial training needs, with no forward pass at the final iterate.
     */
    NDArray finalIterates(NDManager out) {
        for (int s = 0; s < rule.steps(); s++) {
            step(false, 0);
        }
        NDArray x = current(manager);
        x.attach(out);
        return x;
    }

    /**
     * Per row after all steps, attached to the caller's manager.
     *
     * @param images final iterates x + δ (rows, C, H, W), float32
     * @param fooled whether any iterate, the final one included, was misclassified (bool)
     * @param finalFooled whether the final iterate is misclassified (bool)
     * @param objective the objective at the final iterate, float64
     */
    record Outcome(NDArray images, NDArray fooled, NDArray finalFooled, NDArray objective) {}

    /** All steps, then one forward pass at the final iterates (no gradient). */
    Outcome run(NDManager out) {
        NDArray fooled = manager.zeros(new Shape(rows), DataType.BOOLEAN);
        for (int s = 0; s < rule.steps(); s++) {
            NDArray wrong = step(true, 0);
            NDArray f = fooled.logicalOr(wrong);
            wrong.close();
            fooled.close();
            fooled = f;
        }
        NDArray images = current(manager);
        NDArray[] last = finalPass(true, 0);
        NDArray any = fooled.logicalOr(last[0]);
        fooled.close();
        for (NDArray a : new NDArray[] {images, any, last[0], last[1]}) {
            a.attach(out);
        }
        return new Outcome(images, any, last[0], last[1]);
    }

    /**
     * Whether any iterate of any row of each group was misclassified, with early exit: after every
     * forward pass the rows of groups already fooled leave the stack, since further iterates cannot
     * change the answer. Chunks are padded to {@value #MIN_ROWS} rows so that each row's arithmetic
     * does not depend on how many rows remain.
     *
     * @param group per row, its group (the example), in [0, fooled.length)
     * @param fooled per group, updated in place (groups already true are dropped at once)
     */
    void anyFooled(int[] group, boolean[] fooled) {
        anyFooled(group, fooled, null);
    }

    /**
     * As {@link #anyFooled(int[], boolean[])}, where a fooled group also decides others: group g
     * fooled makes {@code implied[g]} fooled (when ≥ 0), and so on along the chain. For an ε grid
     * with group k·n + i for radius k and example i, implied[k·n + i] = (k + 1)·n + i: a point
     * misclassified inside the ε_k-ball also lies in every larger ball, so the rows of larger radii
     * leave the stack too.
     *
     * @param implied per group, the group its being fooled implies, or −1; null for none
     */
    void anyFooled(int[] group, boolean[] fooled, int[] implied) {
        if (implied != null) {
            for (int q = 0; q < fooled.length; q++) {
                if (fooled[q]) {
                    imply(q, fooled, implied);
                }
            }
        }
        int[] g = drop(group.clone(), fooled);
        for (int s = 0; s <= rule.steps() && rows > 0; s++) {
            NDArray wrong = s < rule.steps() ? step(true, MIN_ROWS) : finalPass(false, MIN_ROWS)[0];
            boolean[] w = wrong.toBooleanArray();
            wrong.close();
            for (int r = 0; r < w.length; r++) {
                if (w[r]) {
                    fooled[g[r]] = true;
                    if (implied != null) {
                        imply(g[r], fooled, implied);
                    }
                }
            }
            g = drop(g, fooled);
        }
    }

    /** Marks every group that {@code q} implies, along the chain. */
    private static void imply(int q, boolean[] fooled, int[] implied) {
        for (int next = implied[q]; next >= 0 && !fooled[next]; next = implied[next]) {
            fooled[next] = true;
        }
    }

    /** Keeps the rows whose group is not fooled; returns their groups. */
    private int[] drop(int[] group, boolean[] fooled) {
        boolean[] keep = new boolean[rows];
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            keep[r] = !fooled[group[r]];
            kept += keep[r] ? 1 : 0;
        }
        if (kept == rows) {
            return group;
        }
        int[] g = new int[kept];
        for (int r = 0, j = 0; r < rows; r++) {
            if (keep[r]) {
                g[j++] = group[r];
            }
        }
        try (NDArray mask = manager.create(keep)) {
            NDIndex chosen = new NDIndex("{}", mask);
            State old = state;
            state = old.map(a -> a.get(chosen));
            old.close();
            NDArray kd = delta.get(chosen);
            delta.close();
            delta = kd;
        }
        rows = kept;
        return g;
    }

    /**
     * One forward and backward pass at x + δ and one projected ascent step on δ, chunk by chunk.
     * Returns, attached to this engine's manager, which rows the pass misclassified (when
     * {@code track}; else null).
     */
    private NDArray step(boolean track, int minRows) {
        NDList next = new NDList();
        NDList wrong = new NDList();
        try (NDManager sm = manager.newSubManager()) {
            delta.attach(sm);
            for (int from = 0; from < rows; from += chunk) {
                int to = Math.min(rows, from + chunk);
                try (NDManager cm = sm.newSubManager()) {
                    State s = slice(state, from, to, cm);
                    NDArray old = slice(delta, from, to, cm);
                    InputGradient.Pass p = InputGradient.pass(
                            model, compose(old, s.x64()), logits -> objective(logits, s), true, minRows);
                    // The float32 gradient is exact in double; ℓ∞ needs only its sign.
                    NDArray g32 = p.gradient().reshape(to - from, d);
                    NDArray g = rule.norm() == PerturbationNorm.LINF
                            ? g32.sign().toType(DataType.FLOAT64, false)
                            : g32.toType(DataType.FLOAT64, false);
                    NDArray moved = project(ascend(old, g, s), s);
                    moved.attach(sm);
                    next.add(moved);
                    if (track) {
                        NDArray w = p.logits().argMax(1).neq(s.labels());
                        w.attach(sm);
                        wrong.add(w);
                    }
                }
            }
            delta = join(next);
            delta.attach(manager);
            if (!track) {
                return null;
            }
            NDArray w = join(wrong);
            w.attach(manager);
            return w;
        }
    }

    /**
     * One forward pass at x + δ, chunk by chunk: {misclassified (bool), objective (float64, when
     * {@code withObjective})}, attached to this engine's manager.
     */
    private NDArray[] finalPass(boolean withObjective, int minRows) {
        NDList wrong = new NDList();
        NDList objective = new NDList();
        try (NDManager sm = manager.newSubManager()) {
            for (int from = 0; from < rows; from += chunk) {
                int to = Math.min(rows, from + chunk);
                try (NDManager cm = sm.newSubManager()) {
                    State s = slice(state, from, to, cm);
                    NDArray x = compose(slice(delta, from, to, cm), s.x64());
                    InputGradient.Pass p = InputGradient.pass(
                            model, x, logits -> withObjective ? objective(logits, s) : logits, false, minRows);
                    NDArray w = p.logits().argMax(1).neq(s.labels());
                    w.attach(sm);
                    wrong.add(w);
                    if (withObjective) {
                        NDArray o = p.objective().toType(DataType.FLOAT64, false);
                        o.attach(sm);
                        objective.add(o);
                    }
                }
            }
            NDArray[] out = {join(wrong), withObjective ? join(objective) : null};
            for (NDArray a : out) {
                if (a != null) {
                    a.attach(manager);
                }
            }
            return out;
        }
    }

    private static NDArray join(NDList parts) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
    }

    /** Rows [from, to) of {@code a} as a view attached to {@code m}; {@code a} itself when that is all of it. */
    private NDArray slice(NDArray a, int from, int to, NDManager m) {
        if (from == 0 && to == rows) {
            return a;
        }
        NDArray v = a.get(new NDIndex(from + ":" + to));
        v.attach(m);
        return v;
    }

    private State slice(State s, int from, int to, NDManager m) {
        return from == 0 && to == rows ? s : s.map(a -> slice(a, from, to, m));
    }

    /** x + δ of all rows, in {@code m}. */
    private NDArray current(NDManager m) {
        NDArray copy = delta.duplicate();
        copy.attach(m);
        return compose(copy, state.x64());
    }

    /**
     * x + δ rounded to float32, shaped (rows, C, H, W), in {@code delta}'s manager. No clipping is
     * needed: δ ∈ [−x, 1 − x] in double precision gives 0 ≤ x + δ ≤ 1 exactly (x + (−x) = 0 and
     * x + (1 − x) = 1 are exact for a float x), and rounding to float32 is monotone and keeps 0 and 1.
     */
    private NDArray compose(NDArray delta, NDArray x64) {
        long n = delta.getShape().get(0);
        return delta.add(x64).toType(DataType.FLOAT32, false).reshape(new Shape(n).addAll(imageShape));
    }

    /** The rows' objectives (rows) for logits (rows, K). */
    private NDArray objective(NDArray logits, State s) {
        NDArray o = null;
        for (int kind = 0; kind < 3; kind++) {
            if (!kinds[kind]) {
                continue;
            }
            NDArray v = kind == 2
                    ? logits.mul(s.targetMinusLabel()).sum(new int[] {1})
                    : AttackLoss.values()[kind].objective(logits, s.oneHot());
            if (s.kindWeights() != null) {
                v = v.mul(s.kindWeights().get(new NDIndex(":, {}", kind)));
            }
            o = o == null ? v : o.add(v);
        }
        return o;
    }

    /**
     * The ascent step before projection: δ + α·(direction of g) per {@link Pgd}'s rules. For ℓ∞,
     * {@code g} is already sign(g) (and is overwritten).
     */
    private NDArray ascend(NDArray delta, NDArray g, State s) {
        double alpha = rule.stepSize();
        return switch (rule.norm()) {
            case LINF -> (s.alpha() == null ? g.muli(alpha) : g.muli(s.alpha())).addi(delta);
            case L2 -> {
                NDArray sq = rowSum(g.mul(g));
                NDArray root = sq.sqrt();
                NDArray q = s.alpha() == null ? quotient(alpha, root) : quotient(s.alpha(), root);
                NDArray k = NDArrays.where(sq.gt(0), q, sq.zerosLike());
                yield delta.add(g.mul(k));
            }
            case L1 -> {
                // SLIDE: coordinates at the pixel bound in the gradient's direction cannot move.
                NDArray v = delta.add(s.x64());
                NDArray stuck = v.gte(1).logicalAnd(g.gt(0)).logicalOr(v.lte(0).logicalAnd(g.lt(0)));
                NDArray abs = NDArrays.where(stuck, g.zerosLike(), g.abs());
                NDArray cut =
                        abs.topK(rule.slideCount(d), 1, true, false).get(0).min(new int[] {1}, true);
                NDArray chosen = abs.gte(cut.maximum(Double.MIN_VALUE));
                NDArray count = chosen.sum(new int[] {1}, true).toType(DataType.FLOAT64, false);
                NDArray a = NDArrays.where(count.gt(0), quotient(alpha, count), count.zerosLike());
                yield delta.add(NDArrays.where(chosen, g.sign().mul(a), g.zerosLike()));
            }
        };
    }

    /** Projection of each row onto the ball ∩ pixel box. */
    private NDArray project(NDArray z, State s) {
        return switch (rule.norm()) {
            case LINF -> z.maximum(s.lower()).minimum(s.upper());
            case L2 -> {
                NDArray norm = rowSum(z.mul(z)).sqrt();
                NDArray k = s.eps() == null
                        ? NDArrays.where(norm.gt(rule.eps()), quotient(rule.eps(), norm), norm.onesLike())
                        : NDArrays.where(norm.gt(s.eps()), quotient(s.eps(), norm), norm.onesLike());
                yield z.mul(k).maximum(s.lower()).minimum(s.upper());
            }
            case L1 -> L1BallBoxProjection.project(z, s.lower(), s.upper(), rule.eps());
        };
    }

    /** c / a elementwise, rounded once as the JVM's c / a (c·1 is exact). */
    private static NDArray quotient(double c, NDArray a) {
        return a.onesLike().mul(c).div(a);
    }

    /** c_i / a_i per row for a column c (rows, 1), rounded once as with a scalar c. */
    private static NDArray quotient(NDArray c, NDArray a) {
        return a.onesLike().mul(c).div(a);
    }

    /**
     * Σ_j a_ij per row as a column (rows, 1): the last column of the cumulative sum, which the CPU
     * accumulates in index order, as the JVM loops did.
     */
    private static NDArray rowSum(NDArray a) {
        return a.cumSum(1).get(new NDIndex(":, {}:", a.getShape().get(1) - 1));
    }

    @Override
    public void close() {
        manager.close();
    }
}
