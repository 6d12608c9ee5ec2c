package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.net.Head;
import org.layerwise.net.Layer;
import org.layerwise.net.Network;
import org.layerwise.net.Neuron;
import org.layerwise.numeric.Dyadic;

/**
 * {@link ModelLimits.Bounds}: every number the construction stores lies within the bounds its header gives, and a
 * crafted file (valid checksum) with one number beyond them is refused while reading, before any arithmetic.
 */
class ModelBoundsTest {

    @TempDir
    Path dir;

    private static void visit(Network net, java.util.function.Consumer<Dyadic> f) {
        for (Layer l : net.layers()) {
            for (Neuron n : l.neurons()) {
                for (Dyadic w : n.weights()) {
                    f.accept(w);
                }
                f.accept(n.bias());
            }
        }
        for (Head h : net.heads()) {
            for (Dyadic w : h.affine().weights()) {
                f.accept(w);
            }
            f.accept(h.affine().bias());
        }
        net.amplitudes().forEach(f);
    }

    @Test
    void theConstructionsNumbersLieWithinTheBoundsOfTheirHeader() {
        int[][] shapes = {{1, 2, 1, 64}, {1, 2, 6, 64}, {2, 2, 3, 64}, {2, 3, 2, 32}, {3, 2, 2, 16}, {1, 5, 3, 64},
            {2, 2, 3, 8}, {1, 3, 2, 2}, {1, 2, 4, 128}, {2, 2, 2, 200}};
        for (int[] s : shapes) {
            Network net = ModelFileTest.network(s[0], s[1], s[2], s[3], 7L * s[2] + s[3]);
            ModelLimits.Bounds b = ModelLimits.Bounds.of(s[0], s[1], s[2], s[3]);
            long[] extremes = {0, 0, 0};
            visit(net, x -> {
                if (!x.isZero()) {
                    assertEquals(null, b.violation(x.exponent(), x.bitLength()), java.util.Arrays.toString(s));
                    extremes[0] = Math.max(extremes[0], x.exponent());
                    extremes[1] = Math.min(extremes[1], x.exponent());
                    extremes[2] = Math.max(extremes[2], x.bitLength());
                }
            });
            // the bounds are not loose by orders of magnitude: the steepness reaches the top within 64 + 2
            assertTrue(b.maxExponent() - extremes[0] <= 66, java.util.Arrays.toString(s) + " " + extremes[0]);
        }
    }

    /** {@code net} with the first weight of the first neuron replaced by {@code w}. */
    private static Network withWeight(Network net, Dyadic w) {
        List<Layer> layers = new ArrayList<>(net.layers());
        List<Neuron> first = new ArrayList<>(layers.get(0).neurons());
        Neuron n = first.get(0);
        Dyadic[] ws = n.weights();
        ws[0] = w;
        first.set(0, new Neuron(n.activation(), new org.layerwise.net.Affine(n.inputs(), ws, n.bias())));
        layers.set(0, new Layer(first));
        return new Network(net.dim(), net.base(), net.levels(), net.bits(), net.layout(), layers, net.heads(),
                net.amplitudes());
    }

    @Test
    void aCraftedHugeExponentOrMantissaIsRefusedWhileReading() {
        Network net = ModelFileTest.network(1, 2, 3, 64, 5);
        Path file = dir.resolve("crafted.json");
        ModelFile.save(file, withWeight(net, Dyadic.of(1, 999_999_999)), Map.of());
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertEquals(file + ": layer 0 neuron 0 weight 0: exponent 999999999 outside [-640, 635] for d = 1, N = 2,"
                + " L = 3, b = 64", e.getMessage());
        ModelFile.save(file, withWeight(net, Dyadic.of(BigInteger.ONE.shiftLeft(100_000).add(BigInteger.ONE), 0)),
                Map.of());
        ModelFormatException m = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        // the writer stores a long mantissa as a constant: refused there
        assertTrue(m.getMessage().endsWith(": 100001 mantissa bits, more than 1280 for d = 1, N = 2, L = 3, b = 64"),
                m.getMessage());
    }
}
