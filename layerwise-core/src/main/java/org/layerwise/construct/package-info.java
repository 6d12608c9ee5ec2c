/**
 * The construction: from a table of cell means to the network of the narrow layout
 * ({@link org.layerwise.construct.NetworkBuilder}, phases by {@link org.layerwise.construct.Phases}), driven level by
 * level and measured by {@link org.layerwise.construct.Construction}; its checked settings and the model's target
 * block ({@link org.layerwise.construct.ConstructionSettings}); the per-level measurements and reports
 * ({@link org.layerwise.construct.LevelMeasures}, {@link org.layerwise.construct.LevelReport},
 * {@link org.layerwise.construct.ConstructionReport}). Construction note, sections 2 and 3.
 */
package org.layerwise.construct;
