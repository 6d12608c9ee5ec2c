package org.layerwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.layerwise.construct.NetworkBuilder;
import org.layerwise.format.ModelFile;
import org.layerwise.function.BuiltinCatalog;
import org.layerwise.function.Target;
import org.layerwise.grid.CellMeans;
import org.layerwise.grid.CellMeansBuilder;
import org.layerwise.grid.Cells;
import org.layerwise.net.Network;

/**
 * The Java side of the numpy anchor of the bench README: the same stages as its {@code pipeline.py}, timed one by
 * one with {@link System#nanoTime()} (a cross-language comparison, so not JMH), on {@code cone2d}, {@code d = N = 2},
 * {@code b = 64}: the 4x4 Gauss-Legendre table of level {@code L} aggregated to the coarser levels (the estimate
 * numpy computes), the network (corrections, amplitudes, phases, packing), the model file; then, once, the certified
 * table that {@code construct} really encodes.
 *
 * <p>Usage: {@code java -cp layerwise-bench/target/benchmarks.jar org.layerwise.bench.PipelineStages L [repeats]
 * [model-file]}.
 */
public final class PipelineStages {

    private PipelineStages() {
    }

    /**
     * Runs the stages.
     *
     * @param args {@code L}, optional repeats (default 2), optional model path (default a temporary file)
     * @throws IOException when the model file cannot be written
     */
    public static void main(String[] args) throws IOException {
        int levels = Integer.parseInt(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path out = args.length > 2 ? Path.of(args[2]) : Files.createTempFile("pipeline", ".model");
        Target f = BuiltinCatalog.get("cone2d");
        CellMeansBuilder certified = CellMeansBuilder.of(new Cells(2, 2));
        CellMeansBuilder gauss = certified.withQuadratureLevel(levels);
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            CellMeans table = gauss.build(f, levels);
            long t1 = System.nanoTime();
            Network net = NetworkBuilder.build(table, 64);
            long t2 = System.nanoTime();
            ModelFile.save(out, net, Map.of());
            long t3 = System.nanoTime();
            System.out.printf("java L=%d run %d: gauss means %.2f s, network %.2f s, save %.2f s, total %.2f s, "
                    + "file %d bytes%n", levels, r, seconds(t1 - t0), seconds(t2 - t1), seconds(t3 - t2),
                    seconds(t3 - t0), Files.size(out));
        }
        long t0 = System.nanoTime();
        certified.build(f, levels);
        System.out.printf("java L=%d: certified means (the table construct encodes) %.2f s%n", levels,
                seconds(System.nanoTime() - t0));
        if (args.length <= 2) {
            Files.deleteIfExists(out);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
