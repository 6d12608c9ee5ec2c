package org.layerwise.cli;

import java.util.Locale;

import org.layerwise.InvalidInputException;
import org.layerwise.grid.CellMeansBuilder;

import picocli.CommandLine.Option;

/**
 * {@code --memory BYTES}: the memory limit of the table of cell means, shared by every command that builds one
 * ({@code measure}, {@code construct}, {@code refine}, {@code demo}, {@code compare}). Accepts a plain number of bytes
 * or one with a binary suffix {@code k, m, g, t} (1k = 1024), e.g. {@code 4g}.
 */
public final class MemoryOptions {

    @Option(names = "--memory", paramLabel = "BYTES",
            description = "Memory limit of the table of cell means, bytes or with a suffix k, m, g, t (1k = 1024), "
                    + "e.g. 4g (default: half the JVM's maximum heap).")
    String memory;

    /** {@code --memory} when given, otherwise {@link CellMeansBuilder#defaultMemoryLimit()}. */
    long limit() {
        return memory != null ? parseBytes("--memory", memory) : CellMeansBuilder.defaultMemoryLimit();
    }

    /**
     * {@code "123"}, {@code "64k"}, {@code "512m"}, {@code "4g"}, {@code "1t"} (case-insensitive, an optional
     * trailing {@code b}) in bytes, 1k = 1024.
     *
     * @throws InvalidInputException naming {@code option} and the text when it is not such a size or exceeds 2^63-1
     */
    static long parseBytes(String option, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            int i = "kmgt".indexOf(t.charAt(t.length() - 1));
            if (i >= 0) {
                shift = 10 * (i + 1);
                t = t.substring(0, t.length() - 1);
            }
        }
        long v;
        try {
            if (t.isEmpty() || !t.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + " '" + text + "' is not a size: give bytes, optionally with a "
                    + "suffix k, m, g or t (1k = 1024), e.g. 4g");
        }
        if (shift > 0 && v > (Long.MAX_VALUE >> shift)) {
            throw new InvalidInputException(option + " '" + text + "' is more than 2^63 bytes");
        }
        return v << shift;
    }
}
