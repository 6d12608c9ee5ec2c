package org.layerwise.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.net.Network;

/**
 * The version-3 binary container: JSON header, little-endian limbs, SHA-256 of the bytes before it (written by
 * {@code ModelFile.write(out, net, target, 3)}; still read). Version 4, the one written now: {@link CheckedModelFileTest}.
 */
class BinaryModelFileTest {

    private static final Map<String, Object> TARGET = Map.of("kind", "builtin", "spec", "cone2d");

    @TempDir
    Path dir;

    /** Saves in version 3. */
    static void saveV3(Path file, Network net, Map<String, ?> target) {
        AtomicFiles.write(file, out -> ModelFile.write(out, net, target, 3));
    }

    /** The parts of a container: header text and the bytes between header and checksum. */
    private record Parts(String header, byte[] limbs) {
    }

    private static Parts split(byte[] file) {
        assertArrayEquals(ModelFile.MAGIC, Arrays.copyOf(file, 8));
        int h = (int) ByteBuffer.wrap(file, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(file, 16, h, StandardCharsets.UTF_8);
        return new Parts(header, Arrays.copyOfRange(file, 16 + h, file.length - 32));
    }

    /** A container of these parts with a correct checksum. */
    private Path container(String name, String header, byte[] limbs) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ModelFile.MAGIC);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.write(h);
        out.write(limbs);
        out.write(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
        Path p = dir.resolve(name);
        Files.write(p, out.toByteArray());
        return p;
    }

    private static void refused(Path file, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    @Test
    void roundTripsAndReadsTheSameNetworkAsVersion2() throws IOException {
        for (int[] shape : new int[][] {{1, 2, 5, 64}, {2, 3, 2, 50}, {2, 2, 4, 64}, {3, 2, 2, 70}}) {
            Network net = ModelFileTest.network(shape[0], shape[1], shape[2], shape[3], 7);
            Path v3 = dir.resolve("m3");
            Path v2 = dir.resolve("m2");
            saveV3(v3, net, TARGET);
            ModelFileTest.saveV2(v2, net, TARGET);
            Model m = ModelFile.load(v3);
            assertEquals(3, m.version());
            assertEquals(net, m.network());
            assertEquals(TARGET, m.target());
            assertEquals(ModelFile.load(v2).network(), m.network());
            byte[] bytes = Files.readAllBytes(v3);
            // the checksum is the SHA-256 of every byte before it
            assertEquals(ModelFile.checksum(net, TARGET, 3),
                    HexFormat.of().formatHex(Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length)));
        }
    }

    @Test
    void holdsThePhasesInTheirOwnBitsAtLevelEight() throws IOException {
        int levels = 8;
        Network net = ModelFileTest.network(2, 2, levels, 64, 11);
        Path file = dir.resolve("big");
        saveV3(file, net, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Parts parts = split(bytes);
        // one constant per level, theta_l, in at most b 4^l / 64 limbs
        long maxLimbs = 0;
        for (int l = 1; l <= levels; l++) {
            maxLimbs += (64L << (2 * l)) / 64;
        }
        assertTrue(parts.limbs().length <= 8 * maxLimbs, parts.limbs().length + " limb bytes");
        double ratio = 8.0 * bytes.length / ModelFile.tableBits(net);
        assertTrue(ratio <= 1.15, "ratio " + ratio);
        assertTrue(parts.header().startsWith("{\"format\":\"layerwise-model\",\"version\":3,"), parts.header());
    }

    @Test
    void refusesDamagedContainers() throws Exception {
        Network net = ModelFileTest.network(1, 2, 3, 64, 5);
        Path file = dir.resolve("m");
        saveV3(file, net, TARGET);
        byte[] good = Files.readAllBytes(file);
        Parts parts = split(good);
        // a flipped bit anywhere: header, limbs, checksum
        for (int at : new int[] {20, good.length - 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[at] ^= 4;
            Path p = dir.resolve("flip" + at);
            Files.write(p, bad);
            assertThrows(ModelFormatException.class, () -> ModelFile.load(p));
        }
        byte[] limbFlip = good.clone();
        limbFlip[good.length - 40] ^= 1;
        Files.write(dir.resolve("limb"), limbFlip);
        refused(dir.resolve("limb"), "checksum mismatch");
        Files.write(dir.resolve("cut"), Arrays.copyOf(good, good.length - 50));
        refused(dir.resolve("cut"), "ends");
        Files.write(dir.resolve("cut2"), Arrays.copyOf(good, 12));
        refused(dir.resolve("cut2"), "header length");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        Files.write(dir.resolve("long"), longer);
        refused(dir.resolve("long"), "trailing content");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge, 8, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        Files.write(dir.resolve("huge"), huge);
        refused(dir.resolve("huge"), "header length");
        // semantic checks behind a correct checksum
        String h = parts.header();
        refused(container("v2", h.replace("\"version\":3", "\"version\":2"), parts.limbs()), "not stored in the binary");
        refused(container("sha", h.replace("\"dim\":", "\"sha256\":\"00\",\"dim\":"), parts.limbs()), "no member 'sha256'");
        refused(container("nolimbs", h.replaceFirst("\"limbs\":\\d+", "\"bytes\":8"), parts.limbs()), "unknown member 'bytes'");
        refused(container("zero", h.replaceFirst("\"limbs\":\\d+", "\"limbs\":0"), parts.limbs()), "not positive");
        refused(container("many", h.replaceFirst("\"limbs\":\\d+", "\"limbs\":2000000000"), parts.limbs()),
                "2000000000 limbs");
        refused(container("short", h, Arrays.copyOf(parts.limbs(), parts.limbs().length - 8)), "ends before its checksum");
        // one level, one constant: a zero limb appended on top
        Network one = ModelFileTest.network(1, 2, 1, 64, 5);
        saveV3(dir.resolve("one"), one, TARGET);
        Parts p1 = split(Files.readAllBytes(dir.resolve("one")));
        String declared = p1.header().replaceFirst(".*\"limbs\":(\\d+).*", "$1");
        int limbs = Integer.parseInt(declared);
        assertEquals(8 * limbs, p1.limbs().length);
        refused(container("pad", p1.header().replace("\"limbs\":" + limbs, "\"limbs\":" + (limbs + 1)),
                Arrays.copyOf(p1.limbs(), p1.limbs().length + 8)), "top limb is zero");
        refused(container("trail", h + " 1", parts.limbs()), "trailing content after the header");
        // the expanded-bits budget applies before the limbs are read
        ModelLimits d = ModelLimits.DEFAULT;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file,
                new ModelLimits(d.maxFileBytes(), d.maxStringChars(), d.maxArrayLength(), d.maxLevels(),
                        d.maxNeurons(), 100)));
        assertTrue(e.getMessage().contains("beyond 100 mantissa bits"), e.getMessage());
        // a plain JSON file claiming version 3
        Path json = dir.resolve("json");
        Files.writeString(json, "{\"format\":\"layerwise-model\",\"version\":3}");
        refused(json, "stored in the binary container");
        assertEquals(net, ModelFile.load(file).network());
    }

    @Test
    void refusesCraftedSizesOfTheLongFields() throws Exception {
        // the constants' exponents are longs now (theta_13 of d = N = 2 has exponent -2^32) and a phase may have more
        // limbs than a BigInteger holds bits: each size is still checked before anything is allocated
        Network net = ModelFileTest.network(1, 2, 3, 64, 5);
        Path file = dir.resolve("m");
        saveV3(file, net, TARGET);
        Parts parts = split(Files.readAllBytes(file));
        String h = parts.header();
        // an exponent beyond the int range but within the global cap: refused by the header's own bounds
        refused(container("expLong", h.replaceFirst("\"exp\":-?\\d+", "\"exp\":-4294967296"), parts.limbs()),
                "exponent -4294967296 outside [");
        // beyond the global cap 2^36
        refused(container("expHuge", h.replaceFirst("\"exp\":-?\\d+", "\"exp\":-68719476737"), parts.limbs()),
                "exponent -68719476737 beyond the limit 68719476736");
        // beyond a long
        refused(container("expBig", h.replaceFirst("\"exp\":-?\\d+", "\"exp\":-99999999999999999999"),
                parts.limbs()), "out of range");
        // limbs: more than 2^31 bits (a BigInteger's cap) but more than the file may hold: refused before allocating
        refused(container("limbs2e9", h.replaceFirst("\"limbs\":\\d+", "\"limbs\":300000000"), parts.limbs()),
                "declares 300000000 limbs, more than one number or the file may hold");
        // limbs beyond the int range
        refused(container("limbsLong", h.replaceFirst("\"limbs\":\\d+", "\"limbs\":4294967296"), parts.limbs()),
                "out of range");
        // within the file limit, a declaration past the end of the file: the stream ends inside the limbs
        refused(container("limbsShort", h.replaceFirst("\"limbs\":\\d+", "\"limbs\":1000000"), parts.limbs()),
                "the file ends inside its limbs");
        assertEquals(net, ModelFile.load(file).network());
    }
}
