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
    public static final int VERSION = 4;
    /** The first version stored in the binary container (header, limbs, checksum) instead of plain JSON. */
    public static final int BINARY_VERSION = 3;
    /**
     * The first version whose container carries CRC checks (of the header and of every 1 MiB block of limbs, before
     * the limbs) instead of a trailing SHA-256.
     */
    public static final int CHECKED_VERSION = 4;
    /** The first 8 bytes of a binary container: {@code "LWMODEL"} and a line feed. */
    static final byte[] MAGIC = {'L', 'W', 'M', 'O', 'D', 'E', 'L', '\n'};
    /** The oldest version this program reads. */
    public static final int OLDEST_VERSION = 1;

    private ModelFile() {
    }

    /**
     * Bits of the table the network encodes: {@code b * sum_{l=1..L} N^(dl)} (the phases alone), the
     * denominator of the model-size ratio.
     *
     * @param net the network
     * @return the phase bits of levels {@code 1..L}
     * @throws ArithmeticException if the count overflows a {@code long}
     */
    public static long tableBits(Network net) {
        NarrowLayout layout = new NarrowLayout(net.dim(), net.base());
        long bits = 0;
        for (int l = 1; l <= net.levels(); l++) {
            bits = Math.addExact(bits, Math.multiplyExact((long) net.bits(), layout.cells(l)));
        }
        return bits;
    }

    /**
     * Writes the model atomically (temporary file, then move), in the current version.
     *
     * @param path    the destination, as for {@link AtomicFiles#write(Path, byte[])}
     * @param network the network
     * @param target  the target block (see {@code ConstructionSettings#targetBlock}); may be empty
     * @throws OutputFileException when the destination is not a regular file or cannot be written
     */
    public static void save(Path path, Network network, Map<String, ?> target) {
        AtomicFiles.write(path, out -> write(out, network, target));
    }

    /**
     * Writes the model in the current version (the binary container with its CRC checks).
     *
     * @param out     the stream (not closed)
     * @param network the network
     * @param target  the target block; may be empty
     * @throws IOException when the stream fails
     */
    public static void write(OutputStream out, Network network, Map<String, ?> target) throws IOException {
        ModelWriter.write(out, network, target, VERSION);
    }

    /**
     * Writes the model in {@code version} (1, 2: JSON with a checksum member; 3: the binary container and its
     * SHA-256; 4: the binary container with CRC checks). Versions 1 to 3 are kept for tests and for tools that need
     * the old formats.
     *
     * @param out     the stream (not closed)
     * @param network the network
     * @param target  the target block; may be empty
     * @param version the version to write, {@link #OLDEST_VERSION} to {@link #VERSION}
     * @throws IllegalArgumentException for a version this program does not write
     * @throws IOException              when the stream fails
     */
    public static void write(OutputStream out, Network network, Map<String, ?> target, int version)
            throws IOException {
        ModelWriter.write(out, network, target, version);
    }

    /**
     * The size of the model's file, computed by serializing into a counter (nothing is stored).
     *
     * @param network the network
     * @param target  the target block; may be empty
     * @return the number of bytes {@link #write(OutputStream, Network, Map)} produces, in the current version
     */
    public static long size(Network network, Map<String, ?> target) {
        return ModelWriter.size(network, target);
    }

    /**
     * The fingerprint of a model's file in the current version: its SHA-256 (version 4 carries CRC checks, which
     * guard against damage; this digest identifies the bytes).
     *
     * @param network the network
     * @param target  the target block; may be empty
     * @return the SHA-256 (64 lower-case hex digits) of every byte of the file
     */
    public static String checksum(Network network, Map<String, ?> target) {
        return ModelWriter.checksum(network, target, VERSION);
    }

    /**
     * The SHA-256 (hex) of a model in {@code version}: of the canonical serialization for versions 1 and 2 and of the
     * container's bytes before the checksum for version 3 (what those files carry), of the whole file for version 4.
     *
     * @param network the network
     * @param target  the target block; may be empty
     * @param version the version, {@link #OLDEST_VERSION} to {@link #VERSION}
     * @return 64 lower-case hex digits
     * @throws IllegalArgumentException for a version this program does not write
     */
    public static String checksum(Network network, Map<String, ?> target, int version) {
        return ModelWriter.checksum(network, target, version);
    }

    /**
     * Loads and verifies a model file with the {@linkplain ModelLimits#DEFAULT default limits}.
     *
     * @param path the file
     * @return the model, of the version the file declares
     * @throws ModelFormatException when the file is missing, malformed, fails its checksum or exceeds a limit
     * @throws java.io.UncheckedIOException when the file exists but cannot be read
     */
    public static Model load(Path path) {
        return load(path, ModelLimits.DEFAULT);
    }

    /**
     * Loads and verifies a model file.
     *
     * @param path   the file
     * @param limits what the file may make the reader allocate
     * @return the model, of the version the file declares
     * @throws ModelFormatException when the file is missing, malformed, fails its checksum or exceeds a limit
     * @throws java.io.UncheckedIOException when the file exists but cannot be read
     */
    public static Model load(Path path, ModelLimits limits) {
        return ModelReader.load(path, limits);
    }

    /**
     * Reads and verifies a model from a stream (any version: the binary container is recognized by its first bytes).
     *
     * @param in     the stream (not closed)
     * @param limits what the stream may make the reader allocate
     * @param source names the stream in messages
     * @return the model
     * @throws ModelFormatException when the content is malformed, fails its checksum or exceeds a limit; the message
     *                              starts with {@code source}
     * @throws IOException          when the stream fails
     */
    public static Model read(InputStream in, ModelLimits limits, String source) throws IOException {
        return ModelReader.read(in, limits, source);
    }
}
