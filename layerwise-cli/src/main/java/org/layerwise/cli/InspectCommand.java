package org.layerwise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.layerwise.eval.Float64Evaluator;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.net.Network;
import org.layerwise.net.NetworkCounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerwise inspect}: the size of a saved model, its target block, and where float64 evaluation fails. */
@Command(name = "inspect", header = "Describe a saved model: sizes, neurons, bits per level, float64 check.", mixinStandardHelpOptions = true,
        description = {"Describes a saved model: d, N, L, bits, layout, width versus the paper's 2dN+d+2, depth, "
                + "neurons by kind, parameters, bits per level (phases and address coefficients), file size, "
                + "the target block, and the float64 check: the same weights evaluated in IEEE doubles, compared "
                + "with the exact evaluation on " + InspectCommand.RANDOM_POINTS + " seeded random points plus edge points "
                + "(corners, centre, breakpoints j/N^m): the first failing level and why, or 'agrees'."})
public final class InspectCommand implements Runnable {

    /** Seeded random points of the float64 check. */
    static final int RANDOM_POINTS = 256;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model file.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public void run() {
        Model m = ModelFile.load(model);
        Network net = m.network();
        long size;
        try {
            size = Files.size(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model + ": " + e.getMessage(), e);
        }
        NetworkCounts c = NetworkCounts.of(net);
        double[][] xs = checkPoints(net);
        Float64Evaluator.Diagnosis diag = new Float64Evaluator(net).diagnose(xs);
        PrintWriter out = spec.commandLine().getOut();
        ObjectMapper mapper = new ObjectMapper();
        if (json) {
            ObjectNode root = mapper.createObjectNode();
            LevelTable.putNetwork(root, net, c);
            root.put("weights", c.weights());
            root.put("fileBytes", size);
            root.put("formatVersion", m.version());
            root.put("fileBitsVsTable", 8.0 * size / ModelFile.tableBits(net));
            ArrayNode lv = root.putArray("levelBits");
            for (NetworkCounts.LevelBits b : c.levelBits()) {
                ObjectNode o = lv.addObject();
                o.put("level", b.level());
                o.put("headLayer", net.headLayer(b.level()));
                o.put("phaseBits", b.phaseBits());
                o.put("addressBits", b.addressBits());
            }
            root.set("target", mapper.valueToTree(m.target()));
            double[] cert = EvalCommand.certificates(net, m.target());
            root.put("status", cert == null ? "estimate" : "certified");
            if (cert != null) {
                com.fasterxml.jackson.databind.node.ArrayNode a = root.putArray("certificate");
                for (double v : cert) {
                    a.add(v);
                }
            }
            ObjectNode f = root.putObject("float64");
            f.put("points", xs.length);
            f.put("agrees", !diag.failed());
            if (diag.failed()) {
                f.put("firstFailingLevel", diag.level());
                f.put("float64", diag.float64());
                f.put("reference", diag.reference());
            }
            f.put("reason", diag.reason());
            out.println(root.toString());
        } else {
            out.println("model " + model + " (" + size + " bytes, format version " + m.version() + ", "
                    + String.format(java.util.Locale.ROOT, "%.3f", 8.0 * size / ModelFile.tableBits(net))
                    + " file bits per phase bit b x cells)");
            out.println("d = " + net.dim() + ", N = " + net.base() + ", L = " + net.levels() + ", b = " + net.bits()
                    + " bits per phase, layout " + net.layout());
            out.println("width " + c.width() + " (paper width 2dN+d+2 = " + c.paperWidth() + "), depth " + c.depth()
                    + " hidden layers");
            out.println("neurons: " + c.reluNeurons() + " ReLU, " + c.sineNeurons() + " sine; " + c.weights()
                    + " weights, " + c.parameters() + " parameters (weights + biases)");
            out.println("bits per level:");
            out.println(String.format(java.util.Locale.ROOT, "  %5s  %10s  %14s  %14s", "level", "head layer",
                    "phase bits", "address bits"));
            for (NetworkCounts.LevelBits b : c.levelBits()) {
                out.println(String.format(java.util.Locale.ROOT, "  %5d  %10d  %14d  %14d", b.level(),
                        net.headLayer(b.level()), b.phaseBits(), b.addressBits()));
            }
            out.println("target: " + targetText(m.target()));
            double[] cert = EvalCommand.certificates(net, m.target());
            if (cert == null) {
                out.println("cell means: estimate (no certificate of |Phi_l - mu_l|)");
            } else {
                StringBuilder sb = new StringBuilder("cell means: certified; certificate |Phi_l(x) - mu_l(K_l(x))| <="
                        + " DecoderBound_l + eta_l:");
                for (int l = 1; l <= cert.length; l++) {
                    sb.append(String.format(java.util.Locale.ROOT, " %d: %.3g", l, cert[l - 1]));
                }
                out.println(sb);
            }
            out.println("float64 check (" + xs.length + " points): " + (diag.failed()
                    ? "fails first at level " + diag.level() + " (float64 " + diag.float64() + ", exact "
                    + diag.reference() + "): " + diag.reason()
                    : "agrees with the exact evaluation at every level"));
        }
        out.flush();
    }

    private static String targetText(Map<String, Object> target) {
        if (target.isEmpty()) {
            return "(none recorded)";
        }
        StringBuilder sb = new StringBuilder();
        target.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.length() > 0 ? ", " : "").append(e.getKey()).append(" = ").append(e.getValue()));
        return sb.toString();
    }

    /**
     * The float64 check points: {@link #RANDOM_POINTS} seeded uniform points, every corner of the cube (up to d = 4),
     * the centre, and the diagonal points at the breakpoints {@code j N^-m} of every level.
     */
    static double[][] checkPoints(Network net) {
        int d = net.dim();
        List<double[]> pts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20261129L);
        for (int k = 0; k < RANDOM_POINTS; k++) {
            double[] x = new double[d];
            for (int i = 0; i < d; i++) {
                x[i] = random.nextDouble();
            }
            pts.add(x);
        }
        if (d <= 4) {
            for (int mask = 0; mask < (1 << d); mask++) {
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = (mask >> i & 1);
                }
                pts.add(x);
            }
        }
        double[] centre = new double[d];
        java.util.Arrays.fill(centre, 0.5);
        pts.add(centre);
        for (int m = 1; m <= net.levels() && pts.size() < RANDOM_POINTS + 64; m++) {
            double step = Math.pow(net.base(), -m);
            for (int j = 1; j < Math.min(net.base(), 8); j++) {
                double[] x = new double[d];
                java.util.Arrays.fill(x, j * step);
                pts.add(x);
            }
        }
        return pts.toArray(new double[0][]);
    }
}
