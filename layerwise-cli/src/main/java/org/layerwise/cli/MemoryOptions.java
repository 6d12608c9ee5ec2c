package org.layerwise.cli;

import org.layerwise.grid.CellMeansBuilder;

import picocli.CommandLine.Option;

/**
 * {@code --memory BYTES}: the memory limit of the table of cell means, shared by every command that builds one
 * ({@code measure}, {@code construct}, {@code refine}, {@code demo}, {@code compare}).
 */
public final class MemoryOptions {

    @Option(names = "--memory", paramLabel = "BYTES",
            description = "Memory limit of the table of cell means (default: half the JVM's maximum heap).")
    Long memory;

    /** {@code --memory} when given, otherwise {@link CellMeansBuilder#defaultMemoryLimit()}. */
    long limit() {
        return memory != null ? memory : CellMeansBuilder.defaultMemoryLimit();
    }
}
