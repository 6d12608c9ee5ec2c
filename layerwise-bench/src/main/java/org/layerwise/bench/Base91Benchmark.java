package org.layerwise.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.layerwise.format.Base91;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark (10), the base-91 text of version-2 model files: {@link Base91#encode} and {@link Base91#decode} (a
 * block's value in two longs, two long divisions per digit) against the former byte-by-byte long division of each
 * 13-byte block ({@code encodeBytewise}, {@code decodeBytewise}, kept here only as the baseline; same output, checked
 * in {@link #setUp}). Input: {@code bytes} random bytes (seeded). Throughput in MB/s is {@code bytes / time}.
 * Ratios prints {@code base91EncodeVsBytewise} and {@code base91DecodeVsBytewise}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class Base91Benchmark {

    /** The alphabet of {@link Base91}: {@code '!'..'~'} without {@code "}, {@code '} and {@code \}. */
    private static final String ALPHABET =
            "!#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    /** Digit values by character, as the former decoder looked them up. */
    private static final int[] VALUE = new int[128];

    static {
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    @Param({"4194304"})
    public int bytes;

    private byte[] data;
    private String text;

    @Setup
    public void setUp() {
        data = new byte[bytes];
        SplittableRandom rng = new SplittableRandom(91);
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) rng.nextInt(256);
        }
        text = Base91.encode(data);
        if (!text.equals(encodeBytewise(data)) || !java.util.Arrays.equals(data, decodeBytewise(text))) {
            throw new IllegalStateException("the baseline and Base91 disagree");
        }
    }

    @Benchmark
    public String encode() {
        return Base91.encode(data);
    }

    @Benchmark
    public String encodeBytewise() {
        return encodeBytewise(data);
    }

    @Benchmark
    public byte[] decode() {
        return Base91.decode(text);
    }

    @Benchmark
    public byte[] decodeBytewise() {
        return decodeBytewise(text);
    }

    /** The former encoder: each digit is a long division of the block, byte by byte. */
    static String encodeBytewise(byte[] in) {
        char[] out = new char[(int) Base91.encodedLength(in.length)];
        int[] block = new int[Base91.BLOCK_BYTES];
        int pos = 0;
        for (int start = 0; start < in.length; start += Base91.BLOCK_BYTES) {
            int r = Math.min(Base91.BLOCK_BYTES, in.length - start);
            for (int k = 0; k < r; k++) {
                block[k] = in[start + k] & 0xff;
            }
            int m = (int) Base91.encodedLength(r);
            for (int c = m - 1; c >= 0; c--) {
                int rem = 0;
                for (int k = 0; k < r; k++) {
                    int cur = (rem << 8) | block[k];
                    block[k] = cur / 91;
                    rem = cur % 91;
                }
                out[pos + c] = ALPHABET.charAt(rem);
            }
            pos += m;
        }
        return new String(out);
    }

    /** The former decoder: each digit multiplies the block, byte by byte (input assumed valid). */
    static byte[] decodeBytewise(String text) {
        int len = text.length();
        int rest = len % Base91.BLOCK_CHARS;
        int restBytes = 0;
        while (rest != 0 && Base91.encodedLength(restBytes) != rest) {
            restBytes++;
        }
        byte[] out = new byte[len / Base91.BLOCK_CHARS * Base91.BLOCK_BYTES + restBytes];
        int[] block = new int[Base91.BLOCK_BYTES + 1];
        int pos = 0;
        int outPos = 0;
        while (pos < len) {
            int m = Math.min(Base91.BLOCK_CHARS, len - pos);
            int r = m == Base91.BLOCK_CHARS ? Base91.BLOCK_BYTES : restBytes;
            java.util.Arrays.fill(block, 0, r + 1, 0);
            for (int c = 0; c < m; c++) {
                int carry = VALUE[text.charAt(pos + c)];
                for (int k = r; k >= 0; k--) {
                    int cur = block[k] * 91 + carry;
                    block[k] = cur & 0xff;
                    carry = cur >>> 8;
                }
            }
            for (int k = 1; k <= r; k++) {
                out[outPos++] = (byte) block[k];
            }
            pos += m;
        }
        return out;
    }
}
