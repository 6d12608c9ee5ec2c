package org.layerwise.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.eval.FastExactEvaluator;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark (11), loading a saved model against reading its bytes, side by side on the same file: {@code readBytes}
 * reads the file ({@code Files.readAllBytes}), {@code readDigest} streams it through SHA-256 in 64 KiB reads (the
 * floor of a version-3 load, which checks a SHA-256 over the bytes read), {@code readCrc} streams it in 1 MiB reads
 * through CRC-32C and CRC-32 (the floor of a version-4 load, whose checks are that pair), {@code load} is {@code ModelFile.load} (read,
 * checksum, the phases' limbs straight into the limb stores, the network's structure), {@code loadFast} adds the
 * {@link FastExactEvaluator} (structure check and phase windows on the same limbs, what {@code eval} does).
 * {@code model} names a saved model file (e.g. {@code -p model=/tmp/m12.json}, cone2d at {@code L = 12}); empty: a
 * cone2d model of {@code L = 10} built at set-up. Ratios prints {@code loadVsReadBytes} (goal >= 0.5: load within
 * 2x), {@code loadVsReadCrc}, {@code loadVsReadDigest} and {@code loadFastVsReadBytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseSerialGC"})
public class LoadBenchmark {

    @Param({""})
    public String model;

    private Path file;
    private boolean temporary;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!model.isEmpty()) {
            file = Path.of(model);
            return;
        }
        file = Files.createTempFile("load-bench", ".model");
        temporary = true;
        ModelFile.save(file, NetworkBuilder.build(CellMeansBuilder.of(new Cells(2, 2))
                .build(BuiltinCatalog.get("cone2d"), 10), 64), Map.of());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (temporary) {
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public long readBytes() throws IOException {
        return Files.readAllBytes(file).length;
    }

    @Benchmark
    public byte[] readDigest() throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /**
     * The file through both CRCs of version 4, in 1 MiB reads (the reads {@code load} makes for the limbs).
     *
     * @return both CRCs, so that nothing is optimized away
     * @throws IOException when the file cannot be read
     */
    @Benchmark
    public long readCrc() throws IOException {
        CRC32C castagnoli = new CRC32C();
        CRC32 ieee = new CRC32();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                castagnoli.update(buffer, 0, n);
                ieee.update(buffer, 0, n);
            }
        }
        return castagnoli.getValue() ^ ieee.getValue() << 32;
    }

    @Benchmark
    public Model load() {
        return ModelFile.load(file);
    }

    @Benchmark
    public FastExactEvaluator loadFast() {
        return new FastExactEvaluator(ModelFile.load(file).network());
    }
}
