package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;

/** The block checks of version 4 at the exact edges of a block, fed in pieces that straddle the block boundaries. */
class BlockChecksTest {

    private static final int B = BlockChecks.BLOCK;

    /** The check of {@code b[from, to)} from the two CRCs computed on their own. */
    private static long expected(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        CRC32 i = new CRC32();
        i.update(b, from, to - from);
        return c.getValue() | i.getValue() << 32;
    }

    @Test
    void tablesHoldOneCheckPerBlockAndVerifyAtEveryEdge() {
        Random rnd = new Random(4);
        for (int length : new int[] {0, 1, B - 1, B, B + 1, 2 * B, 2 * B + 7}) {
            byte[] region = new byte[length];
            rnd.nextBytes(region);
            assertEquals((length + B - 1) / B, BlockChecks.blocks(length), length + " bytes");
            // written in pieces of 7777 bytes, which straddle the block boundaries
            BlockChecks.Table table = new BlockChecks.Table(length);
            for (int at = 0; at < length; at += 7777) {
                table.write(region, at, Math.min(7777, length - at));
            }
            byte[] checks = table.table();
            assertEquals(8 * BlockChecks.blocks(length), checks.length, length + " bytes");
            for (int k = 0; k < BlockChecks.blocks(length); k++) {
                assertEquals(expected(region, k * B, Math.min(length, (k + 1) * B)), BlockChecks.read(checks, 8 * k),
                        length + " bytes, block " + k);
            }
            // read back in other pieces: accepted
            BlockChecks.Verifier ok = new BlockChecks.Verifier(checks, length, 100, 50, new long[] {0}, "src");
            for (int at = 0; at < length; at += 65536 + 3) {
                ok.accept(region, at, Math.min(65536 + 3, length - at));
            }
            if (length == 0) {
                continue;
            }
            // the last byte changed: refused when the last block completes, naming it
            byte[] bad = region.clone();
            bad[length - 1] ^= 1;
            int last = (length - 1) / B;
            BlockChecks.Verifier v = new BlockChecks.Verifier(checks, length, 100, 50, new long[] {0, 5}, "src");
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> v.accept(bad, 0, length));
            assertTrue(e.getMessage().startsWith("src: checksum mismatch in limb block " + last + " (file bytes "
                    + (100 + (long) last * B) + ".." + (100 + length - 1) + ", in constant " + (last == 0 ? 0 : 1)
                    + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("its check at byte " + (50 + 8 * last)), e.getMessage());
        }
    }

    @Test
    void aTableShorterThanDeclaredIsAnError() {
        BlockChecks.Table table = new BlockChecks.Table(10);
        table.write(new byte[9], 0, 9);
        assertThrows(IllegalStateException.class, table::table);
    }
}
