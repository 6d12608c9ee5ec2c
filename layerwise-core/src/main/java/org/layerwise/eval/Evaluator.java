package org.layerwise.eval;

import org.layerwise.net.Network;
import java.util.stream.IntStream;

import org.layerwise.InvalidInputException;

/**
 * Evaluates the readouts {@code Phi_1(x)..Phi_L(x)} of a network. Implementations differ in how
 * (exact reference, structure-aware fast exact, float64) and can be compared bit for bit.
 */
public interface Evaluator {

    /** @return the network this evaluator evaluates */
    Network network();

    /**
     * The readouts of levels {@code 1..L} at {@code x}.
     *
     * @param x a point of {@code [0,1]^d}
     * @return {@code L} values, entry {@code l-1} is {@code Phi_l(x)}
     * @throws InvalidInputException if {@code x} has the wrong length or a coordinate is NaN or outside {@code [0,1]}
     */
    double[] readouts(double[] x);

    /**
     * {@link #readouts} for every point, in parallel; the result does not depend on the number of threads.
     *
     * @param xs points of {@code [0,1]^d}, all checked before any is evaluated
     * @return one row per point: row {@code k} is {@code readouts(xs[k])}
     * @throws InvalidInputException if a point has the wrong length or a coordinate is NaN or outside {@code [0,1]}
     */
    default double[][] evaluate(double[][] xs) {
        for (double[] x : xs) {
            checkPoint(network().dim(), x);
        }
        double[][] out = new double[xs.length][];
        IntStream.range(0, xs.length).parallel().forEach(k -> out[k] = readouts(xs[k]));
        return out;
    }

    /**
     * Checks that {@code x} is a point of {@code [0,1]^dim}.
     *
     * @param dim the dimension {@code d}
     * @param x   the point
     * @throws InvalidInputException if {@code x} is null or has not {@code dim} coordinates (the message gives both
     *                               counts), or a coordinate is NaN or outside {@code [0,1]} (the message names it)
     */
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
