package org.layerwise.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.layerwise.InvalidInputException;
import org.layerwise.eval.Evaluator;
import org.layerwise.eval.Evaluators;
import org.layerwise.eval.PointsCsv;
import org.layerwise.format.AtomicFiles;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layerwise eval}: the readouts {@code Phi_1..Phi_L} of a saved model at given points, evaluated exactly: a
 * few points with {@code --x}, or any number streamed from {@code --input FILE} (CSV, {@link PointsCsv}) to
 * {@code --output FILE} (CSV with the header {@code x1,...,xd,phi_1,...,phi_L}).
 */
@Command(name = "eval", header = "Evaluate the readouts Phi_1..Phi_L of a saved model at given points, exactly.", mixinStandardHelpOptions = true,
        description = {"Prints the readouts Phi_1..Phi_L of a saved model at each point, evaluated exactly "
                + "(dyadic arithmetic; only sin is rounded, see the decoder bound). Every point must lie in [0,1]^d.",
                "Points in bulk: --input FILE (CSV: one point per line, d comma-separated coordinates, '#' comments; "
                + "'-' reads standard input) streams them to --output FILE ('-' or omitted: standard output) as CSV "
                + "with the header x1,...,xd,phi_1,...,phi_L; memory does not grow with the number of points."})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file saved by construct.")
    Path model;

    static final class Points {
        @Option(names = "--x", paramLabel = "x1,x2,...", required = true,
                description = "A point, comma-separated coordinates in [0,1]; repeat for more points.")
        List<String> points;

        @Option(names = "--input", paramLabel = "FILE", required = true,
                description = "Points in bulk: a CSV file, one point per line ('#' comments; '-' = standard input).")
        String input;
    }

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Points source;

    @Option(names = {"--output", "--out"}, paramLabel = "FILE",
            description = "Write the CSV (or with --json the JSON) to FILE, atomically ('-': standard output, the default).")
    String output;

    @Option(names = "--json", description = "Print {\"points\":[{\"x\":[..],\"phi\":[..]},...]}.")
    boolean json;

    @Option(names = "--csv", description = "CSV for --x points too (the default with --input or --output).")
    boolean csv;

    @Option(names = "--reference", description = "Use the reference evaluator even when a faster exact one exists.")
    boolean reference;

    /**
     * {@code DecoderBound_l + eta_l} for {@code l = 1..L} when the model records certified means
     * ({@link org.layerwise.construct.Construction#meanHalfWidths}), else null.
     */
    static double[] certificates(Network net, java.util.Map<String, Object> block) {
        double[] eta = org.layerwise.construct.Construction.meanHalfWidths(block);
        if (eta == null || eta.length < net.levels() + 1) {
            return null;
        }
        double[] c = new double[net.levels()];
        for (int l = 1; l <= net.levels(); l++) {
            c[l - 1] = ConstructionRun.certificate(net, l, eta[l]);
        }
        return c;
    }

    @Override
    public void run() {
        if ("-".equals(model.toString())) {
            throw new InvalidInputException("--model -: a model cannot be read from standard input; give its file");
        }
        Path outFile = output == null || output.equals("-") ? null : Path.of(output);
        if (outFile != null) {
            AtomicFiles.checkFile("--output", outFile);
        }
        org.layerwise.format.Model loaded = ModelFile.load(model);
        Network net = loaded.network();
        Evaluator ev = Evaluators.forNetwork(net, reference);
        PointsCsv bulk = PointsCsv.of(ev).withCertificate(certificates(net, loaded.target()));
        PointsCsv.Format format = json ? PointsCsv.Format.JSON : PointsCsv.Format.CSV;
        if (source.points != null && !json && !csv && output == null) {
            printText(net, ev, bulk);
            return;
        }
        if (outFile != null) {
            AtomicFiles.write(outFile, o -> {
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                stream(bulk, w, format);
                w.flush();
            });
        } else {
            PrintWriter out = spec.commandLine().getOut();
            try {
                stream(bulk, out, format);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the output: " + AtomicFiles.reason(e), e);
            }
            out.flush();
        }
    }

    /** Reads the points ({@code --x} or {@code --input}) through {@code bulk} into {@code w}. */
    private void stream(PointsCsv bulk, Writer w, PointsCsv.Format format) throws IOException {
        if (source.points != null) {
            bulk.run(new BufferedReader(new StringReader(String.join("\n", source.points))), "--x", w, format);
        } else if (source.input.equals("-")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
            bulk.run(in, "standard input", w, format);
        } else {
            Path in = Path.of(source.input);
            try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
                bulk.run(r, "--input " + in, w, format);
            } catch (NoSuchFileException | AccessDeniedException e) {
                throw new InvalidInputException("--input " + in + ": cannot read: " + AtomicFiles.reason(e), e);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new InvalidInputException("--input " + in + ": not a text file (not UTF-8)", e);
            }
        }
    }

    /** Today's text output of {@code --x} points: {@code x = (..)} then {@code Phi_l = ..} per level. */
    private void printText(Network net, Evaluator ev, PointsCsv bulk) {
        List<String> points = source.points;
        double[][] xs = new double[points.size()][net.dim()];
        for (int k = 0; k < xs.length; k++) {
            bulk.parse(points.get(k), "point '" + points.get(k) + "'", -1, xs[k]);
        }
        double[][] phi = ev.evaluate(xs);
        PrintWriter out = spec.commandLine().getOut();
        for (int k = 0; k < xs.length; k++) {
            StringBuilder sb = new StringBuilder("x = (");
            for (int i = 0; i < xs[k].length; i++) {
                sb.append(i > 0 ? ", " : "").append(xs[k][i]);
            }
            sb.append(')');
            out.println(sb);
            for (int l = 1; l <= phi[k].length; l++) {
                out.println("  Phi_" + l + " = " + phi[k][l - 1]);
            }
        }
        out.flush();
    }
}
