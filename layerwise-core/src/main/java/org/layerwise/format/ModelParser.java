package org.layerwise.format;

import org.layerwise.net.Activation;
import org.layerwise.net.Layout;
import org.layerwise.numeric.Dyadic;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streaming parser of one model object, the JSON document of versions 1 and 2 or the JSON header of the binary
 * container (versions 3 and 4), into {@link ModelMembers}. It refuses, naming the member and the value, what the format does not
 * allow: unknown or missing members, wrong JSON types, an unknown format, version or layout, a version stored in the
 * wrong container, arrays longer than {@link ModelLimits#maxArrayLength()}, more levels or neurons than the limits,
 * exponents beyond {@link ModelLimits#MAX_EXPONENT}, and constants whose declared size exceeds the string limit or
 * the bit budget of the {@link ReadBudget}. Sizes are checked from the declarations before anything is allocated.
 * Weights stay as {@link WeightText.Parsed} text; {@link ModelAssembly} resolves them.
 */
final class ModelParser {

    private static final ObjectMapper TREE = new ObjectMapper();

    private final JsonParser p;
    private final ModelLimits limits;
    private final ReadBudget budget;

    // the members, as parsed (null: absent)
    private String format;
    private Integer version;
    private Integer dim;
    private Integer base;
    private Integer levels;
    private Integer bits;
    private String layout;
    private String sha;
    private List<Dyadic> amplitudes;
    private Map<String, Object> target;
    private List<Dyadic> constants;
    private List<long[]> declared;
    private List<List<ModelMembers.Pending>> layers;
    private List<ModelMembers.Pending> heads;
    /** The layout named by {@code layout}, once parsed. */
    private Layout known;

    /**
     * @param p      the parser, before the object's first token
     * @param budget the account of this read (source, limits, neurons and bits spent)
     */
    ModelParser(JsonParser p, ReadBudget budget) {
        this(p, budget, null);
    }

    /**
     * @param p      the parser, before the object's first token
     * @param budget the account of this read (source, limits, neurons and bits spent)
     * @param tap    the constants' base-91 texts decoded as they streamed past the parser (which then sees empty
     *               strings), or null: the texts are read as strings
     */
    ModelParser(JsonParser p, ReadBudget budget, ConstantTextTap tap) {
        this.p = p;
        this.budget = budget;
        this.limits = budget.limits();
        this.tap = tap;
    }

    private final ConstantTextTap tap;

    private ModelFormatException fail(String message) {
        return budget.fail(message);
    }

    /**
     * Parses the object (members in any order) and checks that the required ones are present.
     *
     * @param binary whether this is the header of the binary container (versions 3 and 4), whose constants are declared by their
     *               sizes ({@code {"exp":e,"limbs":n}}) and follow it as limbs, and which has no {@code sha256}
     * @return the members read
     * @throws IOException          when the stream fails
     * @throws ModelFormatException when a member is unknown, missing, malformed or beyond a limit
     */
    ModelMembers parse(boolean binary) throws IOException {
        parseMembers(binary);
        return new ModelMembers(version, dim, base, levels, bits, known, sha, amplitudes, target, constants,
                declared, layers, heads);
    }

    /**
     * The {@code version} member as far as the object has been parsed (for a refusal in the middle of it: which
     * checksum the file carries).
     *
     * @return the version read, or 0 while the member has not been read
     */
    int versionSoFar() {
        return version == null ? 0 : version;
    }

    private void parseMembers(boolean binary) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail("not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "format" -> format = string(name);
                case "version" -> version = integer(name);
                case "dim" -> dim = integer(name);
                case "base" -> base = integer(name);
                case "levels" -> {
                    levels = integer(name);
                    if (levels > limits.maxLevels()) {
                        throw fail("levels " + levels + " exceeds the limit " + limits.maxLevels());
                    }
                }
                case "bits" -> bits = integer(name);
                case "layout" -> layout = string(name);
                case "sha256" -> {
                    if (binary) {
                        throw fail("the header of the binary container has no member 'sha256' (its checksum is outside the header)");
                    }
                    sha = string(name);
                }
                case "amplitudes" -> amplitudes = dyadics(name);
                case "target" -> target = target();
                case "constants" -> {
                    if (binary) {
                        declared = array("constants", this::declaration);
                    } else {
                        constants = constants();
                    }
                }
                case "layers" -> layers = layers();
                case "heads" -> heads = heads();
                default -> throw fail("unknown member '" + name + "'");
            }
            if ("format".equals(name) && !ModelFile.FORMAT.equals(format)) {
                throw fail("format is '" + format + "', expected '" + ModelFile.FORMAT + "'");
            }
            if ("version".equals(name)) {
                checkVersion(binary);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw fail("malformed model object");
        }
        require(format, "format");
        require(version, "version");
        require(dim, "dim");
        require(base, "base");
        require(levels, "levels");
        require(bits, "bits");
        require(layout, "layout");
        require(amplitudes, "amplitudes");
        if (version >= 2) {
            require(binary ? declared : constants, "constants");
        } else if (constants != null) {
            throw fail("version 1 has no member 'constants'");
        }
        require(layers, "layers");
        require(heads, "heads");
        if (!binary) {
            require(sha, "sha256");
        }
        known = Layout.byId(layout).orElse(null);
        if (known == null) {
            throw fail("unknown layout '" + layout + "'");
        }
    }

    private void checkVersion(boolean binary) {
        if (version < ModelFile.OLDEST_VERSION || version > ModelFile.VERSION) {
            throw fail("unknown version " + version + " (this program reads versions " + ModelFile.OLDEST_VERSION
                    + " to " + ModelFile.VERSION + ")");
        }
        if (binary != (version >= ModelFile.BINARY_VERSION)) {
            throw fail("version " + version + (binary ? " is not stored in the binary container"
                    : " is stored in the binary container, not as plain JSON"));
        }
    }

    private void require(Object v, String name) {
        if (v == null) {
            throw fail("missing member '" + name + "'");
        }
    }

    private String string(String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw fail("'" + name + "' must be a string");
        }
        return p.getText();
    }

    private long longInteger(String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw fail("'" + name + "' must be an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw fail("'" + name + "' = " + p.getText() + " is out of range");
        }
        return p.getLongValue();
    }

    private int integer(String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw fail("'" + name + "' must be an integer");
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw fail("'" + name + "' = " + p.getText() + " is out of range");
        }
        return p.getIntValue();
    }

    private Dyadic dyadic(String name) throws IOException {
        String s = string(name);
        Dyadic d;
        try {
            d = Dyadic.parse(s);
        } catch (RuntimeException e) {
            throw fail("'" + name + "': " + e.getMessage());
        }
        if (Math.abs(d.exponent()) > ModelLimits.MAX_EXPONENT) {
            throw fail("'" + name + "': exponent " + d.exponent() + " beyond the limit " + ModelLimits.MAX_EXPONENT);
        }
        return d;
    }

    private WeightText.Parsed weight(String where) throws IOException {
        String s = string(where);
        try {
            return WeightText.parse(s, ModelLimits.MAX_EXPONENT);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private void startArray(String name) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail("'" + name + "' must be an array");
        }
    }

    private void checkLength(String name, int n) {
        if (n > limits.maxArrayLength()) {
            throw fail("array '" + name + "' is longer than the limit " + limits.maxArrayLength());
        }
    }


    /** Reads element {@code index} of an array, the parser on its first token. */
    @FunctionalInterface
    private interface Element<T> {
        T read(int index) throws IOException;
    }

    /** The array member {@code name}, at most {@link ModelLimits#maxArrayLength()} elements. */
    private <T> List<T> array(String name, Element<T> element) throws IOException {
        startArray(name);
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            checkLength(name, out.size() + 1);
            out.add(element.read(out.size()));
        }
        return out;
    }

    private void startObject(String where) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail(where + " must be an object");
        }
    }

    private List<Dyadic> dyadics(String name) throws IOException {
        return array(name, k -> dyadic(name));
    }

    private List<WeightText.Parsed> weights(String where) throws IOException {
        return array("w", k -> weight(where + " weight " + k));
    }

    private int[] ints(String name) throws IOException {
        return array(name, k -> integer(name)).stream().mapToInt(Integer::intValue).toArray();
    }

    private Map<String, Object> target() throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("'target' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = TREE.readValue(p, LinkedHashMap.class);
        return m;
    }

    private List<Dyadic> constants() throws IOException {
        return array("constants", this::constant);
    }

    /** The members of a constant object, checked by {@link #constantMembers}. */
    private record ConstantMembers(long exp, int size, String m) {
    }

    /**
     * Reads the members of constant object {@code where}: {@code exp}, the size member {@code sizeName} and, when
     * {@code withText}, the text {@code m}; all must be present, the size positive and {@code |exp|} at most
     * {@link ModelLimits#MAX_EXPONENT}.
     */
    private ConstantMembers constantMembers(String where, String sizeName, boolean withText) throws IOException {
        startObject(where);
        Long exp = null;
        Integer size = null;
        String m = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("exp".equals(name)) {
                exp = longInteger(name);
            } else if (sizeName.equals(name)) {
                size = integer(name);
            } else if (withText && "m".equals(name)) {
                m = string(name);
            } else {
                throw fail("unknown member '" + name + "' in " + where);
            }
        }
        if (exp == null || size == null || withText && m == null) {
            throw fail(where + ": missing member '" + (exp == null ? "exp" : size == null ? sizeName : "m") + "'");
        }
        if (size < 1) {
            throw fail(where + ": '" + sizeName + "' = " + size + " is not positive");
        }
        if (Math.abs(exp) > ModelLimits.MAX_EXPONENT) {
            throw fail(where + ": exponent " + exp + " beyond the limit " + ModelLimits.MAX_EXPONENT);
        }
        return new ConstantMembers(exp, size, m);
    }

    /** A constant of the container's header (versions 3 and 4), {@code {"exp":e,"limbs":n}}: {@code {e, n}}, its bits accounted. */
    private long[] declaration(int index) throws IOException {
        String where = "constant " + index;
        ConstantMembers c = constantMembers(where, "limbs", false);
        int limbs = c.size();
        if (64L * limbs > ModelLimits.MAX_WEIGHT_BITS || 8L * limbs > limits.maxFileBytes()) {
            throw fail(where + ": declares " + limbs + " limbs, more than one number or the file may hold");
        }
        budget.spend(64L * limbs, where + " (" + limbs + " limbs)");
        return new long[] {c.exp(), limbs};
    }

    /** A constant of version 2, {@code {"exp":e,"bytes":n,"m":"<base-91 text>"}}, decoded after its size passed. */
    private Dyadic constant(int index) throws IOException {
        String where = "constant " + index;
        ConstantMembers c = constantMembers(where, "bytes", true);
        int bytes = c.size();
        String m = c.m();
        ConstantTextTap.Capture streamed = tap != null && m.isEmpty() ? tap.next() : null;
        long chars = streamed != null ? streamed.chars() : m.length();
        // declared sizes first: then decoding allocates exactly what was declared and accounted
        long expectedChars = Base91.encodedLength(bytes);
        if (expectedChars > limits.maxStringChars()) {
            throw fail(where + ": declares " + bytes + " bytes, more than a string of at most "
                    + limits.maxStringChars() + " characters holds");
        }
        budget.spend(8L * bytes, where + " (" + bytes + " bytes)");
        if (chars != expectedChars) {
            throw fail(where + ": 'm' has " + chars + " characters but " + bytes + " bytes take "
                    + expectedChars);
        }
        if (streamed != null) {
            if (streamed.error() != null) {
                throw fail(where + ": malformed base-91 text: " + streamed.error());
            }
            try {
                return streamed.value(c.exp());
            } catch (ArithmeticException e) {
                throw fail(where + ": " + e.getMessage());
            }
        }
        byte[] mag;
        try {
            mag = Base91.decode(m);
        } catch (IllegalArgumentException e) {
            throw fail(where + ": malformed base-91 text: " + e.getMessage());
        }
        try {
            return Dyadic.of(new BigInteger(1, mag), c.exp());
        } catch (ArithmeticException e) {
            throw fail(where + ": " + e.getMessage());
        }
    }

    private List<List<ModelMembers.Pending>> layers() throws IOException {
        return array("layers", index -> {
            startObject("layer " + index);
            List<ModelMembers.Pending> neurons = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!"neurons".equals(name)) {
                    throw fail("unknown member '" + name + "' in layer " + index);
                }
                neurons = neurons(index);
            }
            if (neurons == null || neurons.isEmpty()) {
                throw fail("layer " + index + " has no neurons");
            }
            return neurons;
        });
    }

    private List<ModelMembers.Pending> neurons(int layer) throws IOException {
        return array("neurons", index -> {
            budget.countNeuron();
            return node("layer " + layer + " neuron " + index, false);
        });
    }

    private List<ModelMembers.Pending> heads() throws IOException {
        return array("heads", index -> node("head " + (index + 1), true));
    }

    /**
     * A neuron ({@code act, in, w, b}) or a head ({@code layer, in, w, b}), the parser on its start; every member
     * present and consistent.
     */
    private ModelMembers.Pending node(String where, boolean head) throws IOException {
        startObject(where);
        NodeMembers members = new NodeMembers(where, head);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            members.read(name);
        }
        return members.pending();
    }

    /** The members of a neuron or head, as they are read. */
    private final class NodeMembers {
        private final String where;
        private final boolean head;
        private Activation act;
        private Integer layer;
        private int[] in;
        private List<WeightText.Parsed> w;
        private WeightText.Parsed b;

        NodeMembers(String where, boolean head) {
            this.where = where;
            this.head = head;
        }

        /** Reads member {@code name}: {@code act} (neurons), {@code layer} (heads), {@code in}, {@code w}, {@code b}. */
        void read(String name) throws IOException {
            if (!head && "act".equals(name)) {
                String key = string(name);
                act = Activation.ofKey(key);
                if (act == null) {
                    throw fail(where + ": unknown activation '" + key + "'");
                }
                return;
            }
            switch (name) {
                case "layer" -> {
                    if (!head) {
                        throw fail("unknown member '" + name + "' in " + where);
                    }
                    layer = integer(name);
                }
                case "in" -> in = ints(name);
                case "w" -> w = weights(where);
                case "b" -> b = weight(where + " bias");
                default -> throw fail("unknown member '" + name + "' in " + where);
            }
        }

        /** The neuron ({@code head = -1}) or head read, once all members are present and consistent. */
        ModelMembers.Pending pending() {
            if (!head && act == null) {
                throw fail(where + ": missing member 'act'");
            }
            if (head && (layer == null || layer < 0)) {
                throw fail(where + ": missing or negative 'layer'");
            }
            if (in == null || w == null || b == null) {
                throw fail(where + ": missing member '" + (in == null ? "in" : w == null ? "w" : "b") + "'");
            }
            if (in.length != w.size()) {
                throw fail(where + ": " + in.length + " inputs but " + w.size() + " weights");
            }
            WeightText.Parsed[] weights = w.toArray(new WeightText.Parsed[0]);
            return new ModelMembers.Pending(where, act, head ? layer : -1, in, weights, b);
        }
    }
}
