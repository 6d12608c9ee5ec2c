package org.layerwise.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.layerwise.function.BuiltinTarget;
import org.layerwise.function.Regularity;
import org.layerwise.function.Targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code layerwise targets [--json]}: the built-in catalog with dimension, regularity and description. The help
 * footer documents every way to give a target (formula, built-in, image, CSV grid).
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "List the built-in targets: name, dimension d, regularity on [0,1]^d (Euclidean norm), "
                + "description.",
        footer = {"",
            "Targets, for every command that takes one:",
            "--target EXPR  a formula in x1..xd, or x, y, z (= x1, x2, x3) when d <= 3;",
            "    the two styles may be mixed. d is --dim, else the largest index used",
            "    (1 if none). Constants pi, e. Operators + - * / ^ %% (write 2*x, not 2x).",
            "    Functions: sin cos tan cot asin acos atan sinh cosh tanh exp expm1 log",
            "    log2 log10 log1p sqrt cbrt abs floor ceil pow signum, and step(t)",
            "    (1 for t >= 0, else 0), sign(t), min(a,b), max(a,b), clamp(t,lo,hi).",
            "--builtin NAME  one of the names listed by this command.",
            "--image FILE  PNG or JPEG, d = 2, value = luminance in [0,1]:",
            "    (0.2126 R + 0.7152 G + 0.0722 B)/255, or the gray level of a gray image.",
            "    x1 points right, x2 points UP: in a W x H image the pixel in column c",
            "    and file row r (counted from the top) covers",
            "    [c/W, (c+1)/W) x [(H-1-r)/H, (H-r)/H); the origin is the bottom-left pixel.",
            "--grid FILE  CSV of cell values on a regular grid, d = 1..3.",
            "    d = 1: one row, or one value per line.",
            "    d = 2: a matrix; column c of data row r (both from 0, first row first)",
            "    covers [c/n1, (c+1)/n1) x [r/n2, (r+1)/n2): x2 grows DOWN the file,",
            "    unlike an image.",
            "    d = 3: such matrices separated by blank lines; matrix b covers",
            "    x3 in [b/n3, (b+1)/n3).",
            "    Lines starting with '#' are comments; an optional '# shape n1[,n2[,n3]]'",
            "    line before the data is checked against it. Values must be finite.",
            "A coordinate equal to 1 belongs to the last cell. At most 2^26 pixels/values."})
public final class TargetsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<BuiltinTarget> catalog = Targets.catalog();
        if (json) {
            out.println(json(catalog));
            return;
        }
        int nameWidth = "NAME".length();
        int regWidth = "REGULARITY".length();
        for (BuiltinTarget t : catalog) {
            nameWidth = Math.max(nameWidth, t.name().length());
            regWidth = Math.max(regWidth, regularity(t.regularity()).length());
        }
        String format = "%-" + nameWidth + "s  %s  %-" + regWidth + "s  %s%n";
        out.printf(format, "NAME", "D", "REGULARITY", "DESCRIPTION");
        for (BuiltinTarget t : catalog) {
            out.printf(format, t.name(), t.dim(), regularity(t.regularity()), t.description());
        }
    }

    /** A short regularity column: {@code Lipschitz 7.2832}, {@code Hoelder-0.5, constant 1}, {@code discontinuous}. */
    static String regularity(Regularity r) {
        if (r.hasRate()) {
            if (r.exponent() == 1.0) {
                return "Lipschitz " + number(r.constant());
            }
            return "Hoelder-" + number(r.exponent()) + ", constant " + number(r.constant());
        }
        return r.continuous() ? "continuous" : "discontinuous";
    }

    private static String number(double v) {
        BigDecimal b = new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    static String json(List<BuiltinTarget> catalog) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (BuiltinTarget t : catalog) {
            Regularity r = t.regularity();
            ObjectNode o = array.addObject();
            o.put("name", t.name());
            o.put("dimension", t.dim());
            o.put("continuous", r.continuous());
            // NaN (unknown) is written as null: JSON has no NaN.
            if (Double.isNaN(r.exponent())) {
                o.putNull("hoelderExponent");
            } else {
                o.put("hoelderExponent", r.exponent());
            }
            if (Double.isNaN(r.constant())) {
                o.putNull("constant");
            } else {
                o.put("constant", r.constant());
            }
            o.put("regularity", r.description());
            o.put("description", t.description());
            o.put("formula", t.formula());
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the catalog as JSON", e);
        }
    }
}
