package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.construct.Construction;

/** Messages of the hardening issue: each a clear line naming the value, help texts whole and true to the defaults. */
class HelpAndMessagesTest {

    @TempDir
    Path dir;

    private static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void aBinaryDataFileIsNamedAsNotText() throws Exception {
        Path png = Files.write(dir.resolve("ok.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0,
            (byte) 0xff, (byte) 0xfe});
        Run r = run("train", "--data", png.toString());
        assertEquals(2, r.code());
        assertEquals("layerwise train: data file " + png + " is not a text file (expected UTF-8 CSV)", r.err().strip());
    }

    @Test
    void aHugeGridShapeSaysWhy() throws Exception {
        Path g = Files.writeString(dir.resolve("g.csv"), "# shape 9999999999\n1\n");
        Run r = run("measure", "--grid", g.toString(), "--levels", "1");
        assertEquals(2, r.code());
        assertEquals("layerwise measure: " + g + " line 1: shape '9999999999': 9999999999 cells along axis 1 are more"
                + " than a grid holds (at most 2147483647)", r.err().strip());
    }

    @Test
    void helpTextsAreWholeAndStateTheDefaults() {
        String top = flat(run("--help").out());
        assertTrue(top.contains("compare Compare the explicit network with MGDL and SGDL training, level by level, at"
                + " the same points."), top);
        String train = flat(run("train", "--help").out());
        assertTrue(train.contains("Sobol QMC, " + Construction.DEFAULT_POINTS + " points x "
                + Construction.DEFAULT_SHIFTS + " random shifts"), train);
    }

    /**
     * No help line breaks early: where a line of a command's description or of an option's text is continued on the
     * next line (not ending a sentence), the next line's first word would not have fitted on it (80 columns, up to
     * 12 columns of slack for picocli's breaks before punctuation). A
     * description given as fragments per source line breaks at each fragment's end instead, which this catches.
     */
    @Test
    void helpParagraphsWrapAtTheWidthNotAtSourceFragments() {
        String[] commands = {"construct", "measure", "refine", "demo", "eval", "inspect", "compare", "train", "bench",
                "targets"};
        for (String c : commands) {
            List<String> lines = run(c, "--help").out().lines().toList();
            for (int i = usageEnd(lines); i + 1 < lines.size(); i++) {
                String a = lines.get(i);
                String b = lines.get(i + 1);
                String next = b.strip();
                // a description line continued by the next (a paragraph ends with '.' or ':'), or an option's text
                // continued on the next line (indented past the option names)
                boolean description = !a.isEmpty() && !a.startsWith(" ") && !b.startsWith(" ") && !next.isEmpty()
                        && !a.endsWith(".") && !a.endsWith(":");
                boolean option = a.startsWith(" ") && b.startsWith(" ".repeat(27)) && !next.startsWith("-");
                if (!description && !option) {
                    continue;
                }
                String word = next.split(" ")[0];
                // picocli also breaks before some punctuation, a few columns early: 12 columns of slack
                assertTrue(a.length() + 1 + word.length() > 80 - 12, c + " --help, line " + (i + 1) + " breaks early before '"
                        + word + "':\n" + a + "\n" + b);
            }
        }
    }

    /** The index of the first line after the usage synopsis (the synopsis lines are indented continuations). */
    private static int usageEnd(List<String> lines) {
        int i = 0;
        while (!lines.get(i).startsWith("Usage:")) {
            i++; // the header comes first
        }
        i++;
        while (i < lines.size() && lines.get(i).startsWith(" ") && !lines.get(i).strip().startsWith("-")) {
            i++;
        }
        return i;
    }

    @Test
    void outputOptionsAreNamedAlikeAndOldSpellingsStillWork() throws Exception {
        Path model = dir.resolve("m.json");
        Run c = run("construct", "--builtin", "smooth1d", "--levels", "1", "--points", "64", "--quiet", "--save",
                model.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(Files.isRegularFile(model), "--save is --out");
        Run demo = run("demo", "--levels", "1", "--quiet", "--json", "--report", dir.resolve("demo").toString());
        assertEquals(0, demo.code(), demo.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(demo.out());
        assertEquals(dir.resolve("demo").resolve("model.json").toString(), j.get("model").asText());
        assertTrue(Files.isRegularFile(dir.resolve("demo").resolve("report.html")));
        Path csv = dir.resolve("phi.csv");
        assertEquals(0, run("eval", "--model", model.toString(), "--x", "0.5", "--out", csv.toString()).code());
        assertTrue(Files.readString(csv).startsWith("x1,phi_1\n0.5,"), "eval --out is --output");
    }
}
