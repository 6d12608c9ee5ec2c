package org.layerwise.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

import org.layerwise.InvalidInputException;

/**
 * Points in bulk: reads points of {@code [0,1]^d} from CSV text, evaluates them chunk by chunk and writes one
 * output row per point, streaming (memory holds one chunk of {@link #CHUNK} points whatever their number).
 *
 * <p><b>Input:</b> one point per line, {@code d} comma-separated coordinates (decimal or any form
 * {@link Double#parseDouble} accepts, blanks around them ignored); empty lines and lines starting with {@code #} are
 * skipped, and so is a header line {@code x1,...,xd}. A line with the wrong number of coordinates, a coordinate that
 * is not a number or lies outside {@code [0,1]} is refused with an {@link InvalidInputException} naming the source,
 * the line number and the value (nothing after the chunk before it has then been written).
 *
 * <p><b>Output:</b> {@link Format#CSV}: a header {@code x1,...,xd,phi_1,...,phi_L}, then per point its coordinates
 * and readouts, each as {@link Double#toString(double)} (which reads back to the same double);
 * {@link Format#JSON}: {@code {"points":[{"x":[..],"phi":[..]},...]}} on one line.
 */
public final class PointsCsv {

    /** Points evaluated together (in parallel by {@link Evaluator#evaluate}). */
    public static final int CHUNK = 4096;

    /** The output formats. */
    public enum Format {
        /** Header {@code x1,...,xd,phi_1,...,phi_L}, one row per point. */
        CSV,
        /** {@code {"points":[{"x":[..],"phi":[..]},...]}}. */
        JSON
    }

    private final int dim;
    private final int outputs;
    private final UnaryOperator<double[][]> readouts;
    /** With JSON, the per-level certificate written with every point, or null. */
    private final double[] certificate;

    /**
     * @param dim      {@code d}, the coordinates per point
     * @param outputs  {@code L}, the values per point that {@code readouts} returns
     * @param readouts row {@code k} of its result holds the {@code L} values of point {@code k} (for example
     *                 {@link Evaluator#evaluate})
     */
    public PointsCsv(int dim, int outputs, UnaryOperator<double[][]> readouts) {
        if (dim < 1 || outputs < 1) {
            throw new IllegalArgumentException("need d >= 1 and L >= 1, got " + dim + ", " + outputs);
        }
        this.dim = dim;
        this.outputs = outputs;
        this.readouts = readouts;
        this.certificate = null;
    }

    private PointsCsv(PointsCsv base, double[] certificate) {
        this.dim = base.dim;
        this.outputs = base.outputs;
        this.readouts = base.readouts;
        this.certificate = certificate;
    }

    /**
     * A copy whose JSON points also carry {@code "certificate":[c_1..c_L]}: the proven bound on
     * {@code |Phi_l(x) - mu_l(K_l(x))|} of each level (null: none, the means are estimates).
     */
    public PointsCsv withCertificate(double[] perLevel) {
        if (perLevel != null && perLevel.length != outputs) {
            throw new IllegalArgumentException("expected " + outputs + " certificates, got " + perLevel.length);
        }
        return new PointsCsv(this, perLevel == null ? null : perLevel.clone());
    }

    /** For the readouts {@code Phi_1..Phi_L} of {@code ev}'s network. */
    public static PointsCsv of(Evaluator ev) {
        return new PointsCsv(ev.network().dim(), ev.network().levels(), ev::evaluate);
    }

    /**
     * Reads every point of {@code in} (named {@code source} in messages), writes its row to {@code out} and returns
     * the number of points. {@code out} is not flushed or closed.
     */
    public long run(BufferedReader in, String source, Writer out, Format format) throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        header(sb, format);
        double[][] chunk = new double[CHUNK][dim];
        long count = 0;
        long lineNo = 0;
        int n = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (skip(line, lineNo)) {
                continue;
            }
            parse(line, source, lineNo, chunk[n]);
            n++;
            if (n == CHUNK) {
                count += flush(chunk, n, count, sb, format, out);
                n = 0;
            }
        }
        count += flush(chunk, n, count, sb, format, out);
        if (format == Format.JSON) {
            sb.append("]}\n");
        }
        out.append(sb);
        return count;
    }

    private void header(StringBuilder sb, Format format) {
        if (format == Format.JSON) {
            sb.append("{\"points\":[");
            return;
        }
        for (int i = 1; i <= dim; i++) {
            sb.append(i > 1 ? "," : "").append('x').append(i);
        }
        for (int l = 1; l <= outputs; l++) {
            sb.append(",phi_").append(l);
        }
        sb.append('\n');
    }

    private boolean skip(String line, long lineNo) {
        String t = line.strip();
        if (t.isEmpty() || t.charAt(0) == '#') {
            return true;
        }
        if (t.charAt(0) == 'x') {
            StringBuilder h = new StringBuilder();
            for (int i = 1; i <= dim; i++) {
                h.append(i > 1 ? "," : "").append('x').append(i);
            }
            return t.replace(" ", "").contentEquals(h);
        }
        return false;
    }

    /**
     * Parses one point, {@code d} comma-separated coordinates in {@code [0,1]}, into {@code x}; refuses it naming
     * {@code source}, line {@code lineNo} (none when negative) and the value.
     *
     * @throws InvalidInputException for a wrong number of coordinates, a non-number or a value outside [0,1]
     */
    public void parse(String line, String source, long lineNo, double[] x) {
        int start = 0;
        for (int i = 0; i < dim; i++) {
            int comma = line.indexOf(',', start);
            if ((comma < 0) != (i == dim - 1)) {
                throw new InvalidInputException(where(source, lineNo) + ": '" + shorten(line) + "' has "
                        + line.split(",", -1).length + " coordinates, the model has d = " + dim);
            }
            String field = (comma < 0 ? line.substring(start) : line.substring(start, comma)).strip();
            double v;
            try {
                v = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(where(source, lineNo) + ": coordinate " + (i + 1) + " '"
                        + shorten(field) + "' is not a number");
            }
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidInputException(where(source, lineNo) + ": coordinate " + (i + 1) + " = " + v
                        + " is outside [0,1]");
            }
            x[i] = v;
            start = comma + 1;
        }
    }

    private static String where(String source, long lineNo) {
        return lineNo < 0 ? source : source + " line " + lineNo;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Evaluates the first {@code n} points of {@code chunk} and writes their rows; returns {@code n}. */
    private int flush(double[][] chunk, int n, long before, StringBuilder sb, Format format, Writer out)
            throws IOException {
        if (n == 0) {
            return 0;
        }
        double[][] xs = n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n);
        double[][] phi = readouts.apply(xs);
        for (int k = 0; k < n; k++) {
            if (format == Format.JSON) {
                sb.append(before + k > 0 ? ",{\"x\":[" : "{\"x\":[");
                join(sb, xs[k]);
                sb.append("],\"phi\":[");
                join(sb, phi[k]);
                if (certificate != null) {
                    sb.append("],\"certificate\":[");
                    join(sb, certificate);
                }
                sb.append("]}");
            } else {
                join(sb, xs[k]);
                sb.append(',');
                join(sb, phi[k]);
                sb.append('\n');
            }
            if (sb.length() >= 1 << 16) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        return n;
    }

    private static void join(StringBuilder sb, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
    }
}
