package org.layerwise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.layerwise.InvalidInputException;
import org.layerwise.eval.Evaluator;
import org.layerwise.eval.Evaluators;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise eval}: the readouts {@code Phi_1..Phi_L} of a saved model at given points, evaluated exactly. */
@Command(name = "eval", header = "Evaluate the readouts Phi_1..Phi_L of a saved model at given points, exactly.", mixinStandardHelpOptions = true,
        description = {"Prints the readouts Phi_1..Phi_L of a saved model at each point, evaluated exactly",
                "(dyadic arithmetic; only sin is rounded, see the decoder bound). Every point must lie in [0,1]^d."})
public final class EvalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file saved by construct.")
    Path model;

    @Option(names = "--x", paramLabel = "x1,x2,...", required = true,
            description = "A point, comma-separated coordinates in [0,1]; repeat for more points.")
    List<String> points;

    @Option(names = "--json", description = "Print {\"points\":[{\"x\":[..],\"phi\":[..]},...]}.")
    boolean json;

    @Option(names = "--reference", description = "Use the reference evaluator even when a faster exact one exists.")
    boolean reference;

    @Override
    public void run() {
        Network net = ModelFile.load(model).network();
        double[][] xs = new double[points.size()][];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = parsePoint(points.get(k), net.dim());
        }
        Evaluator ev = Evaluators.forNetwork(net, reference);
        double[][] phi = ev.evaluate(xs);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            ArrayNode arr = root.putArray("points");
            for (int k = 0; k < xs.length; k++) {
                ObjectNode o = arr.addObject();
                ArrayNode x = o.putArray("x");
                for (double v : xs[k]) {
                    x.add(v);
                }
                ArrayNode ph = o.putArray("phi");
                for (double v : phi[k]) {
                    ph.add(v);
                }
            }
            out.println(root.toString());
        } else {
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
        }
        out.flush();
    }

    /** Parses "x1,x2,..." into a point of [0,1]^dim; bad input names the point. */
    static double[] parsePoint(String text, int dim) {
        String[] parts = text.split(",", -1);
        if (parts.length != dim) {
            throw new InvalidInputException("point '" + text + "' has " + parts.length + " coordinates, the model has d = "
                    + dim);
        }
        double[] x = new double[dim];
        for (int i = 0; i < dim; i++) {
            try {
                x[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("point '" + text + "': coordinate " + (i + 1) + " '" + parts[i].trim()
                        + "' is not a number");
            }
            if (!(x[i] >= 0 && x[i] <= 1)) {
                throw new InvalidInputException("point '" + text + "': coordinate " + (i + 1) + " = " + x[i]
                        + " is outside [0,1]");
            }
        }
        return x;
    }
}
