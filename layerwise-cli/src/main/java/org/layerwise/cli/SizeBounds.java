package org.layerwise.cli;

import java.util.List;
import java.util.Locale;

import org.layerwise.InvalidInputException;
import org.layerwise.train.GradeSpec;

/**
 * Up-front bounds on the options that size an array: the memory an option's value needs (bytes per unit times the
 * value, estimated from the data structures) must fit in half of the JVM's maximum heap (the other half is left to
 * the table of cell means, whose own limit is {@code --memory}), otherwise the command is refused before any work,
 * naming the option; so no size option ends in an {@link OutOfMemoryError}.
 */
final class SizeBounds {

    /** Bytes of one Sobol point of dimension {@code d} as stored: an array header, {@code d} doubles, a reference. */
    static long sobolPointBytes(int d) {
        return 24L + 8L * d;
    }

    private SizeBounds() {
    }

    /** The budget of one sized structure: half of {@link Runtime#maxMemory()}. */
    static long budget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * Refuses {@code option value} when {@code value * bytesEach} exceeds {@link #budget()}.
     *
     * @param what what the bytes hold, for the message ("Sobol points")
     */
    static void check(String option, long value, double bytesEach, String what) {
        double need = value * bytesEach;
        long budget = budget();
        if (need > budget) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s %d needs about %s for %s, more than the %s "
                    + "available (half the Java heap of %s); lower %s or raise the heap with "
                    + "LAYERWISE_JAVA_OPTS=-Xmx...", option, value, human(need), what, human(budget),
                    human(Runtime.getRuntime().maxMemory()), option));
        }
    }

    /** {@code --points} and {@code --shifts} of the network-error QMC estimate for {@code levels} levels. */
    static void qmc(int points, int shifts, int dim, int levels) {
        check("--points", points, sobolPointBytes(dim), "the Sobol points");
        check("--shifts", shifts, 8.0 * (levels + 2), "the per-shift sums of every level");
    }

    /**
     * Training with {@code trainPoints + testPoints} points of dimension {@code dim} and the given grades: per grade
     * its parameters {@code sum (in+1) out} with gradients and Adam's two moments (4 values each, float64 at most:
     * 32 bytes), and per training point the activations of every hidden layer kept for backpropagation (about 3
     * values per neuron). Checked per grade (the widest decides) and per point.
     */
    static void training(int dim, List<GradeSpec> grades, long trainPoints, long testPoints, String gradesOption) {
        check("--train-points", trainPoints, 16.0 * (dim + 1), "the training data");
        check("--test-points", testPoints, 16.0 * (dim + 1), "the test data");
        for (GradeSpec g : grades) {
            double params = 0;
            double neurons = 0;
            int in = dim;
            for (int w : g.hidden()) {
                params += (in + 1.0) * w;
                neurons += w;
                in = w;
            }
            params += in + 1.0;
            long widest = 0;
            for (int w : g.hidden()) {
                widest = Math.max(widest, w);
            }
            double perWidth = (32.0 * params + 24.0 * Math.max(1, trainPoints) * neurons) / Math.max(1, widest);
            check(gradesOption + " width", widest, perWidth, "the parameters and activations of the grade "
                    + g.toSpecString());
        }
    }

    /** {@code 1.5 GB}, {@code 12 MB}: binary units. */
    static String human(double bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", bytes) : String.format(Locale.ROOT, "%.1f %s", bytes,
                units[u]);
    }
}
