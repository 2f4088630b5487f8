package tradeoffs.deep.train;

/**
 * One training epoch.
 *
 * @param epoch 1-based
 * @param loss mean cross-entropy over the epoch's training examples (adversarial ones under
 *     adversarial training)
 * @param accuracy share of training examples classified correctly at the time of their step
 * @param seconds wall time of the epoch
 * @param imagesPerSecond training images per second (each original image counts once, however
 *     many attack steps it took)
 */
public record EpochLog(int epoch, double loss, double accuracy, double seconds, double imagesPerSecond) {}
