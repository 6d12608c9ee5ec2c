package org.layerwise.format;

import org.layerwise.net.NarrowLayout;
import org.layerwise.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Model files, the entry point: save and load a {@link Model} (the format is specified in
 * {@link org.layerwise.format the package description}). This program writes version {@value #VERSION} and reads
 * versions {@value #OLDEST_VERSION} to {@value #VERSION}; {@link ModelWriter} and {@link ModelReader} do the work.
 */
public final class ModelFile {

    /** The value of the {@code "format"} member. */
    public static final String FORMAT = "layerwise-model";
    /** The version this program writes. */
    public static final int VERSION = 3;
    /** The first version stored in the binary container (header, limbs, checksum) instead of plain JSON. */
    public static final int BINARY_VERSION = 3;
    /** The first 8 bytes of a binary container: {@code "LWMODEL"} and a line feed. */
    static final byte[] MAGIC = {'L', 'W', 'M', 'O', 'D', 'E', 'L', '\n'};
    /** The oldest version this program reads. */
    public static final int OLDEST_VERSION = 1;

    private ModelFile() {
    }

    /**
     * Bits of the table the network encodes: {@code b * sum_{l=1..L} N^(dl)} (the phases alone), the
     * denominator of the model-size ratio.
     */
    public static long tableBits(Network net) {
        NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
        long bits = 0;
        for (int l = 1; l <= net.levels(); l++) {
            bits = Math.addExact(bits, Math.multiplyExact((long) net.bits(), layout.cells(l)));
        }
        return bits;
    }

    /** Writes the model atomically (temporary file, then move), in the current version. */
    public static void save(Path path, Network network, Map<String, ?> target) {
        AtomicFiles.write(path, out -> write(out, network, target));
    }

    /** Writes the model in the current version (the binary container, its checksum last). */
    public static void write(OutputStream out, Network network, Map<String, ?> target) throws IOException {
        ModelWriter.write(out, network, target, VERSION);
    }

    /**
     * Writes the model in {@code version} (1, 2: JSON with a checksum member; 3: the binary container). Versions 1
     * and 2 are kept for tests and for tools that need the old formats.
     *
     * @throws IllegalArgumentException for a version this program does not write
     */
    public static void write(OutputStream out, Network network, Map<String, ?> target, int version)
            throws IOException {
        ModelWriter.write(out, network, target, version);
    }

    /** The number of bytes {@link #write} produces for this model in the current version, without storing them. */
    public static long size(Network network, Map<String, ?> target) {
        return ModelWriter.size(network, target);
    }

    /** The SHA-256 (hex) of a model's file in the current version: of every byte before the trailing checksum. */
    public static String checksum(Network network, Map<String, ?> target) {
        return ModelWriter.checksum(network, target, VERSION);
    }

    /**
     * The SHA-256 (hex) of a model in {@code version}: of the canonical serialization for versions 1 and 2, of the
     * container's bytes before the checksum for version 3.
     */
    public static String checksum(Network network, Map<String, ?> target, int version) {
        return ModelWriter.checksum(network, target, version);
    }

    /** Loads and verifies a model file with the {@linkplain ModelLimits#DEFAULT default limits}. */
    public static Model load(Path path) {
        return load(path, ModelLimits.DEFAULT);
    }

    /**
     * Loads and verifies a model file.
     *
     * @throws ModelFormatException when the file is missing, malformed, fails its checksum or exceeds a limit
     */
    public static Model load(Path path, ModelLimits limits) {
        return ModelReader.load(path, limits);
    }

    /** Reads and verifies a model from a stream; {@code source} names it in messages. */
    public static Model read(InputStream in, ModelLimits limits, String source) throws IOException {
        return ModelReader.read(in, limits, source);
    }
}
