package org.layerwise.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.format.Model;
import org.layerwise.format.ModelFile;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.Target;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.net.Network;
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
 * Benchmark (5), the construction at the table's own cost ({@code cone2d}, {@code d = N = 2}, {@code b = 64},
 * {@code q = 4}): {@code means} computes the cell means alone, {@code construct} the cell means, the network and its
 * model file (written to a stream that discards the bytes: the writing, checksum included, without the disk);
 * {@code load} reads and verifies a saved model file, {@code readBytes} only reads the same file's bytes. Ratios
 * prints {@code constructVsMeans} (goal >= 0.5: construct within 2x the means) and {@code loadVsReadBytes} (goal
 * >= 0.5). Single shots: each operation takes seconds at {@code L = 11, 12}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
public class ScaleBenchmark {

    @Param({"11", "12"})
    public int levels;

    private Target target;
    private CellMeansBuilder means;
    private Path file;
    private CellMeans table;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = BuiltinCatalog.get("cone2d");
        means = CellMeansBuilder.of(new Cells(2, 2));
        file = Files.createTempFile("scale-bench", ".model");
        table = means.build(target, levels);
        ModelFile.save(file, NetworkBuilder.build(table, 64), Map.of());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public CellMeans means() {
        return means.build(target, levels);
    }

    @Benchmark
    public Network construct() throws IOException {
        Network net = NetworkBuilder.build(means.build(target, levels), 64);
        ModelFile.write(OutputStream.nullOutputStream(), net, Map.of());
        return net;
    }

    /** The network alone from a table computed once: corrections, amplitudes, phases, packing, layers. */
    @Benchmark
    public Network network() {
        return NetworkBuilder.build(table, 64);
    }

    @Benchmark
    public Model load() {
        return ModelFile.load(file);
    }

    @Benchmark
    public long readBytes() throws IOException {
        return Files.readAllBytes(file).length;
    }
}
