package org.layerwise.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Reads and verifies model files (the format is specified in {@link org.layerwise.format the package description}),
 * streaming, within {@link ModelLimits}: every refusal is a {@link ModelFormatException} naming the source and the
 * offending value. This class only dispatches: a stream that starts with {@link ModelFile#MAGIC} goes to
 * {@link BinaryModelReader} (versions 3 and 4), anything else to {@link JsonModelReader} (versions 1 and 2); both parse
 * with {@link ModelParser} and build with {@link ModelAssembly}, sharing one {@link ReadBudget}.
 */
final class ModelReader {

    private ModelReader() {
    }

    /**
     * Loads and verifies a model file.
     *
     * @param path   the file
     * @param limits the limits the file must stay within
     * @return the model
     * @throws ModelFormatException when the file is missing, larger than {@link ModelLimits#maxFileBytes()},
     *                              malformed, fails its checksum or exceeds a limit
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    static Model load(Path path, ModelLimits limits) {
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                throw new ModelFormatException("model file " + path + " has " + size + " bytes, more than the limit "
                        + limits.maxFileBytes());
            }
            try (InputStream in = Files.newInputStream(path)) {
                return read(in, limits, path.toString());
            }
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads and verifies a model from a stream.
     *
     * @param in     the stream (not closed)
     * @param limits the limits the stream must stay within
     * @param source names the stream in messages
     * @return the model
     * @throws IOException          when the stream fails
     * @throws ModelFormatException when the content is malformed (including malformed or oversized JSON), fails its
     *                              checksum or exceeds a limit
     */
    static Model read(InputStream in, ModelLimits limits, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(ModelFile.MAGIC.length);
        byte[] start = buffered.readNBytes(ModelFile.MAGIC.length);
        boolean binary = Arrays.equals(start, ModelFile.MAGIC);
        if (!binary) {
            buffered.reset();
        }
        ReadBudget budget = new ReadBudget(source, limits);
        try {
            return binary ? BinaryModelReader.read(buffered, jsonFactory(limits), budget)
                    : JsonModelReader.read(buffered, jsonFactory(limits), budget);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source + ": malformed or oversized JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A JSON factory that enforces the limits while parsing: strings of at most {@link ModelLimits#maxStringChars()}
     * characters, numbers of at most 24 digits, nesting depth 32, names of 256 characters, documents of at most
     * {@link ModelLimits#maxFileBytes()} bytes, and no duplicate member.
     */
    private static JsonFactory jsonFactory(ModelLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringChars())
                        .maxNumberLength(24)
                        .maxNestingDepth(32)
                        .maxNameLength(256)
                        .maxDocumentLength(limits.maxFileBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
