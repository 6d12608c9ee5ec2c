/**
 * The {@code layerwise} command line (picocli): each command parses its options into the library's values
 * (for example {@link org.layerwise.construct.ConstructionSettings}), calls the library
 * ({@link org.layerwise.Layerwise} and the modules) and prints. Bad input: one line on stderr naming the value and
 * the option, exit status 2 ({@link org.layerwise.cli.Main}).
 */
package org.layerwise.cli;
