package tradeoffs.deep.benchmark;

/**
 * One foreground object in its own frame: the square [-1,1]² (u to the right, v down), which the
 * generator maps onto the image with a random pose.
 */
@FunctionalInterface
public interface Sprite {
    /** Outside the object: any negative value. */
    float OUTSIDE = -1f;

    /** The object's shading g ∈ [0,1] at (u, v), or a negative value where (u, v) is not on the object. */
    float at(double u, double v);
}
