package org.layerwise.format;

import org.layerwise.numeric.Dyadic;
import org.layerwise.numeric.LimbStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;

/**
 * The one place where a model file meets the limbs of a stored constant (in practice a level's packed phase
 * {@code theta_l}, the only constants the construction produces): the version-3 and -4 writer streams a constant's magnitude
 * as little-endian 64-bit words, least significant first ({@link #write}), and the reader puts those words straight
 * into a {@link LimbStore} ({@link #read}), the form the fast evaluator reads; no {@link BigInteger} of the constant is
 * built on either side when it is held in limbs.
 *
 * <p>A constant {@code m 2^e} ({@code m > 0}, odd) is stored as {@code words(m) = ceil(bitLength(m) / 64)} words; its
 * top word is never zero. Memory: writing a constant held in limbs streams them through a 64 KiB buffer (shifted by
 * their trailing zeros on the fly); a constant held as a BigInteger is first copied into limbs.
 * Reading fills the store's chunks ({@link LimbStore#readChunkShift}: one array per constant up to 1 GiB) straight
 * from the stream, in reads of 1 MiB, each passed to the checksum while it is in the cache.
 */
final class ConstantLimbs {

    private ConstantLimbs() {
    }

    /**
     * The number of 64-bit words a constant is stored in.
     *
     * @param c a positive constant
     * @return {@code ceil(bitLength(mantissa) / 64)}
     */
    static long words(Dyadic c) {
        return (c.bitLength() + 63L) / 64;
    }

    /**
     * Streams a constant's magnitude as {@link #words} little-endian 64-bit words, least significant first.
     *
     * @param out the stream
     * @param c   a positive constant
     * @throws IOException when the stream fails
     */
    static void write(OutputStream out, Dyadic c) throws IOException {
        LimbStore limbs = c.limbs();
        if (limbs == null || c.keptRun() != 0) {
            limbs = LimbStore.of(c.mantissa(), LimbStore.configuredChunkShift()); // a BigInteger form: one copy
        }
        limbs.writeFrom(out, limbs.lowestSetBit());
    }

    /**
     * Reads a constant stored as {@code words} little-endian 64-bit words into a {@link LimbStore}, passing every
     * byte read to {@code sink} (the checksum of the version); the caller has checked {@code words} against the limits.
     *
     * @param in     the stream, at the constant's first word
     * @param sink   receives the bytes read (a digest's update, the block checks of version 4)
     * @param exp    the constant's exponent {@code e}
     * @param words  the number of words, {@code >= 1}
     * @param where  names the constant in messages (the source and its index)
     * @return the constant {@code m 2^e}, held in limbs
     * @throws IOException          when the stream fails
     * @throws ModelFormatException when the stream ends early, the top word is zero or the value is not a dyadic
     */
    static Dyadic read(InputStream in, LimbStore.ByteSink sink, long exp, long words, String where) throws IOException {
        LimbStore store;
        try {
            store = LimbStore.read(in, sink, words, LimbStore.readChunkShift(words));
        } catch (EOFException e) {
            throw new ModelFormatException(where + ": the file ends inside its limbs");
        }
        if (store.word(words - 1) == 0) {
            throw new ModelFormatException(where + " declares " + words + " limbs but its top limb is zero");
        }
        try {
            return Dyadic.ofLimbs(store, exp);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(where + ": " + e.getMessage());
        }
    }
}
