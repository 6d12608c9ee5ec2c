package org.layerwise.cli;

import java.nio.file.Path;

import org.layerwise.format.AtomicFiles;
import org.layerwise.report.HtmlReport;

/**
 * Where a construction's outputs go: the model file and the report folder, each null when not asked for, with the
 * options that named them (for messages). {@link #check()} refuses a bad location before any work starts;
 * {@link ConstructionRun} then writes both all or nothing.
 *
 * @param model        the model file, or null
 * @param modelOption  the option naming it ({@code "--out"})
 * @param report       the report folder, or null
 * @param reportOption the option naming it ({@code "--report"})
 */
record Outputs(Path model, String modelOption, Path report, String reportOption) {

    /** {@code --out FILE} and {@code --report DIR}, either null. */
    static Outputs of(Path model, Path report) {
        return new Outputs(model, "--out", report, "--report");
    }

    /**
     * Refuses, before any computing, an output that is not a regular file (or a folder for the report) or whose
     * folder cannot be written.
     *
     * @throws org.layerwise.format.OutputFileException naming the option, the path and the reason
     */
    Outputs check() {
        if (model != null) {
            AtomicFiles.checkFile(modelOption, model);
        }
        if (report != null) {
            AtomicFiles.checkDirectory(reportOption, report, HtmlReport.FILE);
        }
        return this;
    }
}
