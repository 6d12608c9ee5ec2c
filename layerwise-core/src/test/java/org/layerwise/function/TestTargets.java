package org.layerwise.function;

import java.util.function.ToDoubleFunction;

/** Targets for the tests of every package: lambdas and pixel grids. */
public final class TestTargets {

    private TestTargets() {
    }

    /** The target {@code f} on {@code [0,1]^d}, named "test". */
    public static Target of(int d, ToDoubleFunction<double[]> f) {
        return of("test", d, f);
    }

    /** The target {@code f} on {@code [0,1]^d} with the given name. */
    public static Target of(String name, int d, ToDoubleFunction<double[]> f) {
        return Targets.of(name, d, f);
    }

    /** A d-dimensional pixel grid with the given values (row-major with the first axis fastest). */
    public static PiecewiseConstantTarget pixels(int[] shape, double[] values) {
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
