package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.net.Network;

/**
 * Version 4, the binary container with CRC checks: the layout against a bit-by-bit CRC reference, byte-identical
 * output, and a damaged byte in every region, truncation and trailing bytes refused, naming the region.
 */
class CheckedModelFileTest {

    private static final Map<String, Object> TARGET = Map.of("kind", "builtin", "spec", "cone2d");
    /** Reflected generators of CRC-32C and CRC-32 (IEEE). */
    private static final long CASTAGNOLI = 0x82F63B78L;
    private static final long IEEE = 0xEDB88320L;

    @TempDir
    static Path dir;

    /**
     * d = 1, L = 17: 17 constants of {@code 2^l} limbs, just under 2 MiB, so two blocks: a full one, which holds
     * constants 0 to 15 and the start of 16, and a shorter last one.
     */
    private static Network big;
    private static byte[] bigFile;

    @BeforeAll
    static void saveTheBigModel() throws IOException {
        big = ModelFileTest.network(1, 2, 17, 64, 3);
        Path p = dir.resolve("big");
        ModelFile.save(p, big, TARGET);
        bigFile = Files.readAllBytes(p);
    }

    /** A CRC bit by bit (reflected, initial value and final XOR all ones), independent of {@code java.util.zip}. */
    private static long referenceCrc(long poly, byte[] b, int from, int to) {
        long crc = 0xFFFFFFFFL;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
        }
        return crc ^ 0xFFFFFFFFL;
    }

    private static long u32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    /** The regions of a version-4 file, read from its own bytes. */
    private record Layout(int headerEnd, String header, int tableAt, int blocks, int limbsAt, long[] constantStarts) {
        static Layout of(byte[] f) {
            assertArrayEquals(ModelFile.MAGIC, Arrays.copyOf(f, 8));
            int h = (int) ByteBuffer.wrap(f, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            String header = new String(f, 16, h, StandardCharsets.UTF_8);
            List<Long> starts = new ArrayList<>();
            long limbBytes = 0;
            Matcher m = Pattern.compile("\"limbs\":(\\d+)").matcher(header);
            while (m.find()) {
                starts.add(limbBytes);
                limbBytes += 8 * Long.parseLong(m.group(1));
            }
            int blocks = (int) ((limbBytes + (1 << 20) - 1) >> 20);
            int tableAt = 16 + h + 8;
            int limbsAt = tableAt + 8 * blocks;
            assertEquals(limbsAt + limbBytes, f.length, "nothing but the limbs after the checks");
            return new Layout(16 + h, header, tableAt, blocks, limbsAt,
                    starts.stream().mapToLong(Long::longValue).toArray());
        }

        int blockStart(int k) {
            return limbsAt + (k << 20);
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static ModelFormatException refused(byte[] bytes, String... fragments) throws IOException {
        Path p = write("bad", bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(p));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        return e;
    }

    private static byte[] flipped(byte[] good, int at, int mask) {
        byte[] bad = good.clone();
        bad[at] ^= (byte) mask;
        return bad;
    }

    @Test
    void writesTheLayoutWithChecksThatMatchABitByBitReference() throws Exception {
        Layout l = Layout.of(bigFile);
        assertEquals(2, l.blocks());
        assertEquals(17, l.constantStarts().length);
        assertTrue(l.header().startsWith("{\"format\":\"layerwise-model\",\"version\":4,"), l.header());
        // the header's check: CRC-32C then CRC-32 of bytes 0 .. 16 + H - 1
        assertEquals(referenceCrc(CASTAGNOLI, bigFile, 0, l.headerEnd()), u32(bigFile, l.headerEnd()));
        assertEquals(referenceCrc(IEEE, bigFile, 0, l.headerEnd()), u32(bigFile, l.headerEnd() + 4));
        // each block of 2^20 limb bytes, the last one shorter
        for (int k = 0; k < l.blocks(); k++) {
            int from = l.blockStart(k);
            int to = Math.min(bigFile.length, from + (1 << 20));
            assertEquals(referenceCrc(CASTAGNOLI, bigFile, from, to), u32(bigFile, l.tableAt() + 8 * k), "block " + k);
            assertEquals(referenceCrc(IEEE, bigFile, from, to), u32(bigFile, l.tableAt() + 8 * k + 4), "block " + k);
        }
        // the limbs are those of version 3, and so is the header but for its version
        Path v3 = dir.resolve("v3");
        BinaryModelFileTest.saveV3(v3, big, TARGET);
        byte[] old = Files.readAllBytes(v3);
        assertArrayEquals(Arrays.copyOfRange(old, old.length - 32 - (bigFile.length - l.limbsAt()), old.length - 32),
                Arrays.copyOfRange(bigFile, l.limbsAt(), bigFile.length));
        assertEquals(l.header().replace("\"version\":4", "\"version\":3"),
                new String(old, 16, l.headerEnd() - 16, StandardCharsets.UTF_8));
        // loads, as version 4; size and fingerprint without storing the file
        Model m = ModelFile.load(dir.resolve("big"));
        assertEquals(4, m.version());
        assertEquals(big, m.network());
        assertEquals(TARGET, m.target());
        assertEquals(bigFile.length, ModelFile.size(big, TARGET));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bigFile)),
                ModelFile.checksum(big, TARGET));
    }

    @Test
    void writesTheSameBytesForTheSameModelAndReadsEveryOlderVersion() throws Exception {
        Network net = ModelFileTest.network(2, 2, 4, 64, 9);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ModelFile.save(a, net, TARGET);
        ModelFile.save(b, ModelFile.load(a).network(), ModelFile.load(a).target());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "saved again after loading: same bytes");
        for (int version = ModelFile.OLDEST_VERSION; version <= ModelFile.VERSION; version++) {
            Path p = dir.resolve("v" + version);
            int v = version;
            AtomicFiles.write(p, out -> ModelFile.write(out, net, TARGET, v));
            Model m = ModelFile.load(p);
            assertEquals(version, m.version());
            assertEquals(net, m.network(), "version " + version);
            assertEquals(TARGET, m.target(), "version " + version);
        }
    }

    @Test
    void refusesADamagedByteInEveryRegionNamingIt() throws Exception {
        Layout l = Layout.of(bigFile);
        // the magic: no longer a container (read as JSON, which it is not)
        refused(flipped(bigFile, 3, 1), "malformed");
        // the header length
        refused(flipped(bigFile, 9, 1), "header");
        // the header: a digit (still parses), a letter of a member name and a quote (no longer parse)
        int levels = l.header().indexOf("\"levels\":") + 9;
        int name = l.header().indexOf("\"layers\"") + 2;
        int quote = l.header().indexOf("\"target\"");
        for (int at : new int[] {levels, name, quote}) {
            refused(flipped(bigFile, 16 + at, 2), "the header (bytes 0.." + (l.headerEnd() - 1) + ")",
                    "the file is damaged");
        }
        refused(flipped(bigFile, 16 + levels, 2), "checksum mismatch in the header");
        refused(flipped(bigFile, 16 + name, 2), "does not match the check after it", "the header reads as");
        // the header's check
        for (int at = 0; at < 8; at += 5) {
            refused(flipped(bigFile, l.headerEnd() + at, 0x10), "checksum mismatch in the header",
                    "its check at byte " + l.headerEnd());
        }
        // a block's check
        refused(flipped(bigFile, l.tableAt() + 8 + 6, 1), "checksum mismatch in limb block 1",
                "its check at byte " + (l.tableAt() + 8));
        // the limbs: in each block; the constant named is the one the block starts in
        for (int k = 0; k < l.blocks(); k++) {
            int at = l.blockStart(k) + 12345;
            long first = (long) k << 20;
            int constant = 0;
            while (constant + 1 < l.constantStarts().length && l.constantStarts()[constant + 1] <= first) {
                constant++;
            }
            int end = Math.min(bigFile.length, l.blockStart(k) + (1 << 20)) - 1;
            refused(flipped(bigFile, at, 0x80), "checksum mismatch in limb block " + k,
                    "(file bytes " + l.blockStart(k) + ".." + end + ", in constant " + constant + ")",
                    "its check at byte " + (l.tableAt() + 8 * k), "the file is damaged");
        }
        // the last byte of the file
        refused(flipped(bigFile, bigFile.length - 1, 1), "limb block " + (l.blocks() - 1));
    }

    @Test
    void catchesADamageThatCrc32cAloneMisses() throws Exception {
        // the generator of CRC-32C itself as a 33-bit burst: e(x) = g(x) x^k leaves CRC-32C unchanged; CRC-32 sees it
        Layout l = Layout.of(bigFile);
        long g = 0x1EDC6F41L | 1L << 32; // x^32 + ... + 1, coefficient of x^i in bit i
        int start = 8 * (l.blockStart(1) + 1000); // a bit of the file, in transmission order (LSB of each byte first)
        byte[] bad = bigFile.clone();
        for (int i = 0; i <= 32; i++) {
            if ((g >>> (32 - i) & 1) != 0) { // the first bit sent is the highest power
                int bit = start + i;
                bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
            }
        }
        int from = l.blockStart(1);
        CRC32C good = new CRC32C();
        good.update(bigFile, from, bigFile.length - from);
        CRC32C damaged = new CRC32C();
        damaged.update(bad, from, bigFile.length - from);
        assertEquals(good.getValue(), damaged.getValue(), "the burst is a multiple of the CRC-32C generator");
        assertTrue(!Arrays.equals(bigFile, bad));
        refused(bad, "checksum mismatch in limb block 1");
    }

    @Test
    void refusesTruncationAndTrailingBytes() throws Exception {
        Layout l = Layout.of(bigFile);
        refused(Arrays.copyOf(bigFile, 12), "ends inside the header length");
        refused(Arrays.copyOf(bigFile, 16 + 40), "ends inside the header");
        refused(Arrays.copyOf(bigFile, l.headerEnd() + 3), "ends inside the header's check");
        refused(Arrays.copyOf(bigFile, l.tableAt() + 9), "ends inside the checks of its 2 blocks of limbs");
        refused(Arrays.copyOf(bigFile, l.limbsAt() + 4), "constant 0: the file ends inside its limbs");
        refused(Arrays.copyOf(bigFile, l.limbsAt() + 100), "constant 2: the file ends inside its limbs"); // 2 + 4 limbs before it
        refused(Arrays.copyOf(bigFile, bigFile.length - 1), "the file ends inside its limbs");
        refused(Arrays.copyOf(bigFile, bigFile.length + 1), "trailing content after the last limb");
        byte[] longer = Arrays.copyOf(bigFile, bigFile.length + 8);
        refused(longer, "trailing content after the last limb");
        assertEquals(big, ModelFile.load(write("good", bigFile)).network());
    }
}
