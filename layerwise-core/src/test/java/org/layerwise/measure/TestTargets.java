package org.layerwise.measure;

import java.util.function.ToDoubleFunction;

import org.layerwise.target.PiecewiseConstantTarget;
import org.layerwise.target.Target;

/** Lambda targets for the tests. */
final class TestTargets {

    private TestTargets() {
    }

    static Target of(int d, ToDoubleFunction<double[]> f) {
        return new Target() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public int dim() {
                return d;
            }

            @Override
            public double value(double[] x) {
                return f.applyAsDouble(x);
            }
        };
    }

    /** Pixel grid, first axis fastest in {@code values}. */
    static PiecewiseConstantTarget pixels(int[] shape, double[] values) {
        return new PiecewiseConstantTarget() {
            @Override
            public int[] shape() {
                return shape.clone();
            }

            @Override
            public double cellValue(int[] index) {
                int flat = 0;
                int w = 1;
                for (int i = 0; i < shape.length; i++) {
                    flat += index[i] * w;
                    w *= shape[i];
                }
                return values[flat];
            }

            @Override
            public String name() {
                return "pixels";
            }

            @Override
            public int dim() {
                return shape.length;
            }

            @Override
            public double value(double[] x) {
                int[] j = new int[shape.length];
                for (int i = 0; i < shape.length; i++) {
                    j[i] = Math.min(shape[i] - 1, (int) Math.floor(x[i] * shape[i]));
                }
                return cellValue(j);
            }
        };
    }
}
