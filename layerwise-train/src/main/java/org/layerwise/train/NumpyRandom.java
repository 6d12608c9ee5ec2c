package org.layerwise.train;

import org.layerwise.InvalidInputException;

/**
 * The draws of numpy's legacy {@code numpy.random.RandomState(seed).uniform(low, high, n)} for an integer seed,
 * reproduced bit for bit, so that presets can use the authors' own random test points.
 *
 * <p>Generator: MT19937 (Matsumoto and Nishimura 1998). Seeding of an integer {@code s} in {@code [0, 2^32)}, as
 * numpy's {@code RandomState} does it ({@code mt19937_seed}, the reference {@code init_genrand}):
 * {@code mt[0] = s}, {@code mt[i] = 1812433253 (mt[i-1] xor (mt[i-1] >>> 30)) + i mod 2^32}, {@code i = 1..623}.
 * A double in {@code [0,1)} takes two 32-bit outputs {@code a, b}:
 * {@code ((a >>> 5) 2^26 + (b >>> 6)) / 2^53}; {@code uniform(low, high)} is {@code low + (high - low) u}.
 * Not thread-safe; one instance per sequence.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    /**
     * A generator in the state of {@code RandomState(seed)}.
     *
     * @param seed in {@code [0, 2^32 - 1]}, as numpy requires
     * @throws InvalidInputException when the seed is outside that range
     */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new InvalidInputException("a numpy seed must be in [0, 2^32 - 1], got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    /** The next 32-bit output, as an unsigned value in a {@code long}. */
    public long nextUnsigned32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        pos = 0;
    }

    /** numpy's {@code random_sample()}: {@code ((a >>> 5) * 67108864 + (b >>> 6)) / 9007199254740992}. */
    public double nextDouble() {
        long a = nextUnsigned32() >>> 5;
        long b = nextUnsigned32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** numpy's {@code uniform(low, high, n)}: {@code low + (high - low) * nextDouble()}, {@code n} times. */
    public double[] uniform(double low, double high, int n) {
        double scale = high - low;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = low + scale * nextDouble();
        }
        return out;
    }

    /**
     * numpy's {@code linspace(a, b, n)} (endpoint included): {@code x_i = i * ((b - a) / (n - 1)) + a} for
     * {@code i < n - 1} and {@code x_{n-1} = b} exactly, so that grids match the authors' bit for bit.
     */
    public static double[] linspace(double a, double b, int n) {
        if (n < 2) {
            throw new InvalidInputException("a grid needs at least 2 points, got " + n);
        }
        double step = (b - a) / (n - 1);
        double[] x = new double[n];
        for (int i = 0; i < n - 1; i++) {
            x[i] = i * step + a;
        }
        x[n - 1] = b;
        return x;
    }
}
