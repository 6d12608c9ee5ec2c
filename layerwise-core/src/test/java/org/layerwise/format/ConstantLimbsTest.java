package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.layerwise.numeric.Dyadic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A constant's limbs: little-endian 64-bit words, least significant first, against a bit-by-bit reference. */
class ConstantLimbsTest {

    /** Byte {@code j} of the stream is bits {@code 8j .. 8j+7} of the mantissa: assembled bit by bit. */
    private static byte[] reference(BigInteger m) {
        int words = (m.bitLength() + 63) / 64;
        byte[] out = new byte[8 * words];
        for (int j = 0; j < out.length; j++) {
            int v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (m.testBit(8 * j + i) ? 1 : 0) << i;
            }
            out[j] = (byte) v;
        }
        return out;
    }

    @Test
    void roundTripsAgainstTheBitReference() throws Exception {
        Random rnd = new Random(14);
        // sizes around word and chunk boundaries (the chunk is 2^16 bytes = 2^19 bits), odd and even word counts
        int[] bits = {1, 2, 63, 64, 65, 127, 128, 129, 191, 1000, (1 << 19) - 1, 1 << 19, (1 << 19) + 1, (1 << 19) + 64};
        for (int n : bits) {
            BigInteger m = new BigInteger(n, rnd).setBit(n - 1).setBit(0); // exactly n bits, odd (canonical)
            Dyadic c = Dyadic.of(m, -n - 3);
            assertEquals((n + 63) / 64, ConstantLimbs.words(c), n + " bits");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ConstantLimbs.write(out, c);
            byte[] stream = out.toByteArray();
            assertArrayEquals(reference(m), stream, n + " bits");
            MessageDigest digest = ModelWriter.sha256();
            Dyadic back = ConstantLimbs.read(new ByteArrayInputStream(stream), digest::update, c.exponent(),
                    ConstantLimbs.words(c), "c");
            assertEquals(c, back, n + " bits");
            assertArrayEquals(ModelWriter.sha256().digest(stream), digest.digest(), "every byte digested");
        }
    }

    @Test
    void refusesAZeroTopWordAndAShortStream() throws Exception {
        byte[] two = new byte[16];
        two[0] = 5; // value 5 in the low word, a zero top word
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ConstantLimbs.read(new ByteArrayInputStream(two), null, 0, 2, "src: constant 3"));
        assertTrue(e.getMessage().contains("constant 3 declares 2 limbs but its top limb is zero"), e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> ConstantLimbs.read(
                new ByteArrayInputStream(Arrays.copyOf(two, 12)), null, 0, 2, "src: constant 3"));
        assertTrue(e.getMessage().contains("constant 3: the file ends inside its limbs"), e.getMessage());
    }
}
