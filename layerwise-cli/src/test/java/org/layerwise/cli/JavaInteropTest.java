package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.Layerwise;
import org.layerwise.cli.Cli.Run;
import org.layerwise.construct.ConstructionSettings;
import org.layerwise.format.Model;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

/** Models built from Java are refined by the command line and the other way round, with the same bytes. */
class JavaInteropTest {

    private static final ConstructionSettings SMALL = ConstructionSettings.defaults().withLevels(2).withQmc(64, 4);

    @Test
    void aModelBuiltInJavaIsRefinedByTheCommandLineAsIfTheCommandLineHadBuiltIt(@TempDir Path dir) throws Exception {
        Path java = dir.resolve("java.json");
        Path cli = dir.resolve("cli.json");
        Layerwise.save(java, Layerwise.construct(Targets.formula("abs(x-0.3)", 1), SMALL).model());
        assertEquals(0, run("construct", "--target", "abs(x-0.3)", "--levels", "2", "--points", "64", "--shifts", "4",
                "--out", cli.toString(), "--quiet").code());
        assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(java), "Java and CLI models differ");
        Run r = run("refine", "--model", java.toString(), "--levels", "3", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Layerwise.load(java).network().levels());
    }

    @Test
    void aModelBuiltByTheCommandLineIsRefinedInJavaToTheBytesTheCommandLineWrites(@TempDir Path dir)
            throws Exception {
        Path m = dir.resolve("m.json");
        Path byCli = dir.resolve("cli3.json");
        Path byJava = dir.resolve("java3.json");
        assertEquals(0, run("construct", "--target", "x*x", "--levels", "2", "--points", "64", "--seed", "4",
                "--p", "1", "--out", m.toString(), "--quiet").code());
        assertEquals(0, run("refine", "--model", m.toString(), "--levels", "3", "--out", byCli.toString(),
                "--quiet").code());
        Model model = Layerwise.load(m);
        Layerwise.save(byJava, Layerwise.refine(model, Layerwise.target(model), 3).model());
        assertArrayEquals(Files.readAllBytes(byCli), Files.readAllBytes(byJava));
    }

    @Test
    void theCommandLineExplainsThatAJavaFunctionCannotBeRebuilt(@TempDir Path dir) {
        Path m = dir.resolve("m.json");
        Target f = Targets.of("ramp", 1, x -> Math.max(0, x[0] - 0.5));
        Layerwise.save(m, Layerwise.construct(f, SMALL).model());
        Run r = run("refine", "--model", m.toString(), "--levels", "3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("target 'ramp' was given as a Java function and cannot be rebuilt from the model"
                + " file"), r.err());
    }

    @Test
    void aJavaFunctionsMeansAreLabelledEstimatesEverywhere(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("m.json");
        Target f = Targets.of("ramp", 1, x -> Math.max(0, x[0] - 0.5));
        Layerwise.Built built = Layerwise.construct(f, SMALL);
        Layerwise.save(m, built.model());
        assertEquals("estimate", built.model().target().get("means"));
        assertTrue(!built.model().target().containsKey("meanHalfWidths"), "an estimate has no half-widths");
        com.fasterxml.jackson.databind.JsonNode inspect = Cli.json("inspect", "--model", m.toString(), "--json");
        assertEquals("estimate", inspect.get("status").asText());
        assertTrue(inspect.get("certificate") == null, "inspect claims a certificate");
        com.fasterxml.jackson.databind.JsonNode eval = Cli.json("eval", "--model", m.toString(), "--x", "0.7",
                "--json");
        assertTrue(!eval.toString().contains("certificate"), eval.toString());
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                LevelTable.jsonText(built.report()));
        for (com.fasterxml.jackson.databind.JsonNode row : rows.get("rows")) {
            assertEquals("estimate", row.get("status").asText(), row.toString());
        }
    }
}
