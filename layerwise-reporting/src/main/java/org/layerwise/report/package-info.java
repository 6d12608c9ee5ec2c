/**
 * Reports: plots of the per-level errors and bounds (XChart, PNG and SVG), heat maps of {@code f} and the
 * readouts, and one self-contained HTML page ({@link org.layerwise.report.HtmlReport}; no scripts, no network access)
 * with a plain-language reading of the numbers ({@link org.layerwise.report.Reading}); the same for the comparison
 * of the explicit network with MGDL and SGDL ({@link org.layerwise.report.ComparisonReport}). Output bytes depend
 * only on the inputs.
 */
package org.layerwise.report;
