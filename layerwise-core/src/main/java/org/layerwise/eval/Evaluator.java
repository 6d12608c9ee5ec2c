package org.layerwise.eval;

import org.layerwise.net.Network;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;

/**
 * Evaluates the readouts {@code Phi_1(x)..Phi_L(x)} of a network. Implementations differ in how
 * (exact reference, structure-aware fast exact, float64) and can be compared bit for bit.
 */
public interface Evaluator {

    Network network();

    /**
     * The readouts of levels {@code 1..L} at {@code x} (entry {@code l-1} is {@code Phi_l(x)}).
     *
     * @throws InvalidInputException if {@code x} has the wrong length or a coordinate is NaN or outside {@code [0,1]}
     */
    double[] readouts(double[] x);

    /** {@link #readouts} for every point, in parallel; row {@code k} belongs to {@code xs[k]}. */
    default double[][] evaluate(double[][] xs) {
        for (double[] x : xs) {
            checkPoint(network().dim(), x);
        }
        double[][] out = new double[xs.length][];
        IntStream.range(0, xs.length).parallel().forEach(k -> out[k] = readouts(xs[k]));
        return out;
    }

    /** Checks that {@code x} is a point of {@code [0,1]^dim}. */
    static void checkPoint(int dim, double[] x) {
        if (x == null || x.length != dim) {
            throw new InvalidInputException("point has " + (x == null ? 0 : x.length) + " coordinates, expected " + dim);
        }
        for (int i = 0; i < dim; i++) {
            if (!(x[i] >= 0.0 && x[i] <= 1.0)) {
                throw new InvalidInputException("coordinate " + (i + 1) + " of the point is " + x[i]
                        + ", outside [0,1]");
            }
        }
    }
}
