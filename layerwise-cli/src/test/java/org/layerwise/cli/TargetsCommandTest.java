package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.InvalidInputException;
import org.layerwise.cli.Cli.Run;
import org.layerwise.function.BuiltinTarget;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine;

class TargetsCommandTest {

    @Test
    void tableListsEveryBuiltinWithItsRegularity() {
        Run r = run("targets");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(Targets.catalog().size() + 1, lines.size(), r.out());
        assertTrue(lines.get(0).matches("NAME +D +REGULARITY +DESCRIPTION"), lines.get(0));
        for (int k = 0; k < Targets.catalog().size(); k++) {
            BuiltinTarget t = Targets.catalog().get(k);
            String[] cols = lines.get(k + 1).split("  +");
            assertEquals(t.name(), cols[0]);
            assertEquals(Integer.toString(t.dim()), cols[1]);
            assertEquals(t.description(), cols[3]);
        }
        assertTrue(r.out().contains("cone2d    2  Lipschitz 1 "), r.out());
        assertTrue(r.out().contains("smooth1d  1  Lipschitz 7.2832 "), r.out());
        assertTrue(r.out().contains("sqrt1d    1  Hoelder-0.5, constant 1 "), r.out());
        assertTrue(r.out().contains("disc2d    2  discontinuous "), r.out());
    }

    @Test
    void jsonMatchesTheCatalog() throws Exception {
        Run r = run("targets", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertEquals(Targets.catalog().size(), array.size());
        for (int k = 0; k < array.size(); k++) {
            JsonNode o = array.get(k);
            BuiltinTarget t = Targets.catalog().get(k);
            assertEquals(t.name(), o.get("name").asText());
            assertEquals(t.dim(), o.get("dimension").asInt());
            assertEquals(t.description(), o.get("description").asText());
            assertEquals(t.formula(), o.get("formula").asText());
            assertEquals(t.regularity().continuous(), o.get("continuous").asBoolean());
            assertEquals(t.regularity().description(), o.get("regularity").asText());
            if (t.regularity().hasRate()) {
                assertEquals(t.regularity().exponent(), o.get("hoelderExponent").asDouble(), 0);
                assertEquals(t.regularity().constant(), o.get("constant").asDouble(), 0);
            } else {
                assertTrue(o.get("hoelderExponent").isNull());
                assertTrue(o.get("constant").isNull());
            }
        }
        JsonNode osc = array.findParents("name").stream().filter(n -> n.get("name").asText().equals("osc2d"))
                .findFirst().orElseThrow();
        assertEquals(8 * Math.PI, osc.get("constant").asDouble(), 1e-15);
    }

    @Test
    void helpDocumentsTheInputFormats() {
        Run r = run("targets", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("# shape n1[,n2[,n3]]"), r.out());
        assertTrue(r.out().contains("x2 points UP"), r.out());
        assertTrue(r.out().contains("step(t)"), r.out());
        // '%' in the footer must be escaped for picocli, or the line would be printed raw with a warning.
        assertTrue(r.out().contains("Operators + - * / ^ % (write 2*x, not 2x)."), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
    }

    @Test
    void unknownOptionExitsWithStatus2() {
        Run r = run("targets", "--bogus");
        assertEquals(Main.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("layerwise targets: Unknown option: '--bogus'"), r.err());
    }

    /** A throw-away command that only resolves its target, to exercise {@link TargetOptions}. */
    @Command(name = "probe")
    static final class Probe {
        @CommandLine.Mixin
        TargetOptions target;
    }

    private static Target resolve(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.target.resolve();
    }

    @Test
    void targetOptionsBuildEachKindOfTarget(@TempDir Path dir) throws Exception {
        assertEquals(2, resolve("--target", "x*y").dim());
        assertEquals(4, resolve("--target", "x1", "--dim", "4").dim());
        assertEquals("cone2d", resolve("--builtin", "cone2d").name());
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "1,2\n3,4\n");
        assertEquals(4.0, resolve("--grid", csv.toString()).value(new double[] {1, 1}), 0);
        assertEquals("--dim 3 does not match the target's dimension 2",
                assertThrows(InvalidInputException.class, () -> resolve("--builtin", "cone2d", "--dim", "3"))
                        .getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> resolve("--builtin", "nope")).getMessage()
                .startsWith("unknown built-in target 'nope'; known: smooth1d"));
    }
}
