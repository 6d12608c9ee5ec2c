package org.layerwise.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.random.SobolSequenceGenerator;
import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;

/**
 * Training and test samples {@code (x_i, y_i)} with {@code x_i} in {@code R^d} and scalar {@code y_i}.
 * Arrays are copied in and out, so a dataset is immutable.
 *
 * @param xTrain training inputs, {@code n x d}, {@code n >= 1}, all finite
 * @param yTrain training targets, length {@code n}, finite
 * @param xTest  test inputs, {@code m x d}, {@code m >= 1}, finite
 * @param yTest  test targets, length {@code m}, finite
 */
public record Dataset(double[][] xTrain, double[] yTrain, double[][] xTest, double[] yTest) {

    /** Default number of training points sampled from a target. */
    public static final int DEFAULT_TRAIN_POINTS = 2000;
    /** Default number of (seeded, uniformly random) test points sampled from a target. */
    public static final int DEFAULT_TEST_POINTS = 1000;
    /** Default fraction of a data file held out for testing. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    public Dataset {
        xTrain = check(xTrain, yTrain, "training");
        yTrain = yTrain.clone();
        int d = xTrain[0].length;
        xTest = check(xTest, yTest, "test");
        yTest = yTest.clone();
        if (xTest[0].length != d) {
            throw new InvalidInputException("test inputs have dimension " + xTest[0].length
                    + " but training inputs have dimension " + d);
        }
    }

    private static double[][] check(double[][] x, double[] y, String what) {
        if (x == null || y == null || x.length == 0) {
            throw new InvalidInputException("no " + what + " points");
        }
        if (x.length != y.length) {
            throw new InvalidInputException(what + " set has " + x.length + " inputs but " + y.length + " targets");
        }
        int d = x[0].length;
        if (d < 1) {
            throw new InvalidInputException(what + " inputs have dimension 0");
        }
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new InvalidInputException(what + " point " + i + " has dimension " + x[i].length + ", expected " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException(what + " point " + i + " has a non-finite coordinate " + v);
                }
            }
            if (!Double.isFinite(y[i])) {
                throw new InvalidInputException(what + " target " + i + " is " + y[i] + " at x = " + Arrays.toString(x[i]));
            }
            copy[i] = x[i].clone();
        }
        return copy;
    }

    public int dim() {
        return xTrain[0].length;
    }

    public int trainSize() {
        return yTrain.length;
    }

    public int testSize() {
        return yTest.length;
    }

    @Override
    public double[][] xTrain() {
        return deepCopy(xTrain);
    }

    @Override
    public double[] yTrain() {
        return yTrain.clone();
    }

    @Override
    public double[][] xTest() {
        return deepCopy(xTest);
    }

    @Override
    public double[] yTest() {
        return yTest.clone();
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * Samples a target: {@code nTrain} training points equally spaced on [0,1] including both ends
     * ({@code x_i = i / (nTrain - 1)}) when {@code d = 1}, or the first {@code nTrain} points of the Sobol sequence
     * (starting at the origin) when {@code d > 1}; and {@code nTest} test points uniformly random in {@code [0,1]^d}
     * from a {@link SplittableRandom} seeded with {@code seed}.
     */
    public static Dataset fromTarget(Target f, int nTrain, int nTest, long seed) {
        return fromTarget(f, nTrain, nTest, seed, 0, 1);
    }

    /**
     * As {@link #fromTarget(Target, int, int, long)} on the box {@code [low, high]^d}: every coordinate {@code u} of
     * a point in {@code [0,1]^d} becomes {@code low + (high - low) u} (so {@code [0,1]} gives the same points).
     *
     * @throws InvalidInputException when {@code low >= high} or either is not finite
     */
    public static Dataset fromTarget(Target f, int nTrain, int nTest, long seed, double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new InvalidInputException("the domain [" + low + ", " + high + "] needs finite ends with low < high");
        }
        if (nTrain < 2) {
            throw new InvalidInputException("number of training points must be >= 2, got " + nTrain);
        }
        if (nTest < 1) {
            throw new InvalidInputException("number of test points must be >= 1, got " + nTest);
        }
        int d = f.dim();
        double[][] xTrain = new double[nTrain][];
        if (d == 1) {
            for (int i = 0; i < nTrain; i++) {
                xTrain[i] = new double[] {(double) i / (nTrain - 1)};
            }
        } else {
            SobolSequenceGenerator sobol = new SobolSequenceGenerator(d);
            for (int i = 0; i < nTrain; i++) {
                xTrain[i] = sobol.nextVector();
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] xTest = new double[nTest][d];
        for (double[] x : xTest) {
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextDouble();
            }
        }
        if (low != 0 || high != 1) {
            scale(xTrain, low, high);
            scale(xTest, low, high);
        }
        return new Dataset(xTrain, values(f, xTrain), xTest, values(f, xTest));
    }

    private static void scale(double[][] xs, double low, double high) {
        for (double[] x : xs) {
            for (int j = 0; j < x.length; j++) {
                x[j] = low + (high - low) * x[j];
            }
        }
    }

    /** The target's values at given training and test points. */
    public static Dataset of(Target f, double[][] xTrain, double[][] xTest) {
        return new Dataset(xTrain, values(f, xTrain), xTest, values(f, xTest));
    }

    private static double[] values(Target f, double[][] xs) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = f.value(xs[i]);
            if (!Double.isFinite(y[i])) {
                throw new InvalidInputException("target " + f.name() + " is " + y[i] + " at x = " + Arrays.toString(xs[i]));
            }
        }
        return y;
    }

    /** Rows {@code (x_1, ..., x_d, y)} of a data file. */
    public record Samples(double[][] x, double[] y) {
    }

    /**
     * Reads a CSV file whose rows are {@code x1,...,xd,y} (d >= 1). A first line that is not numeric is a header;
     * blank lines and lines starting with {@code #} are skipped. Every row must have the same number of columns
     * and only finite numbers; errors name the file, line and column.
     */
    public static Samples readCsv(Path file) {
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        int firstDataLine = -1;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean seenContent = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split(",", -1);
                if (!seenContent) {
                    seenContent = true;
                    if (!isNumber(f[0].strip())) {
                        if (f.length < 2) {
                            throw new InvalidInputException(file + " line " + lineNo
                                    + ": header has " + f.length + " column; expected x1,...,xd,y (at least 2)");
                        }
                        cols = f.length;
                        continue; // header
                    }
                }
                if (cols < 0) {
                    cols = f.length;
                    firstDataLine = lineNo;
                    if (cols < 2) {
                        throw new InvalidInputException(file + " line " + lineNo + ": has 1 column; expected x1,...,xd,y (at least 2)");
                    }
                }
                if (f.length != cols) {
                    throw new InvalidInputException(file + " line " + lineNo + ": has " + columns(f.length) + ", expected "
                            + cols + (firstDataLine > 0 ? " (like line " + firstDataLine + ")" : " (like the header)"));
                }
                if (firstDataLine < 0) {
                    firstDataLine = lineNo;
                }
                double[] row = new double[cols];
                for (int j = 0; j < cols; j++) {
                    String cell = f[j].strip();
                    try {
                        row[j] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(file + " line " + lineNo + ", column " + (j + 1)
                                + ": '" + cell + "' is not a number");
                    }
                    if (!Double.isFinite(row[j])) {
                        throw new InvalidInputException(file + " line " + lineNo + ", column " + (j + 1)
                                + ": '" + cell + "' is not finite");
                    }
                }
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("data file " + file + " does not exist");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidInputException("cannot read data file " + file + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("data file " + file + " has no data rows");
        }
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            double[] row = rows.get(i);
            x[i] = Arrays.copyOf(row, row.length - 1);
            y[i] = row[row.length - 1];
        }
        return new Samples(x, y);
    }

    private static String columns(int n) {
        return n + (n == 1 ? " column" : " columns");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Reads a CSV data file and holds out a seeded random {@code testFraction} of its rows (at least one,
     * leaving at least one) for testing.
     */
    public static Dataset fromCsv(Path file, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("test fraction must be in (0,1), got " + testFraction);
        }
        Samples s = readCsv(file);
        int n = s.y().length;
        if (n < 2) {
            throw new InvalidInputException("data file " + file + " has " + n + " row; at least 2 are needed to hold out test points");
        }
        int nTest = Math.min(n - 1, Math.max(1, (int) Math.round(testFraction * n)));
        int[] perm = permutation(n, new SplittableRandom(seed));
        double[][] xTr = new double[n - nTest][];
        double[] yTr = new double[n - nTest];
        double[][] xTe = new double[nTest][];
        double[] yTe = new double[nTest];
        for (int i = 0; i < n; i++) {
            int r = perm[i];
            if (i < nTest) {
                xTe[i] = s.x()[r];
                yTe[i] = s.y()[r];
            } else {
                xTr[i - nTest] = s.x()[r];
                yTr[i - nTest] = s.y()[r];
            }
        }
        return new Dataset(xTr, yTr, xTe, yTe);
    }

    /** Reads separate training and test CSV files. */
    public static Dataset fromCsv(Path trainFile, Path testFile) {
        Samples tr = readCsv(trainFile);
        Samples te = readCsv(testFile);
        return new Dataset(tr.x(), tr.y(), te.x(), te.y());
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates with the given generator). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
