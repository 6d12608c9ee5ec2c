package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layerwise.InvalidInputException;

class TrainingSpecTest {

    @TempDir
    Path dir;

    @Test
    void parsesTheIssueExample() {
        List<GradeSpec> g = TrainingSpec.parseGrades("256,256:sin:20:1e-1:1e-4; 128,128,64:relu:20:1e-2:1e-4");
        assertEquals(2, g.size());
        assertArrayEquals(new int[] {256, 256}, g.get(0).hidden());
        assertEquals(Activation.SIN, g.get(0).activation());
        assertEquals(20, g.get(0).epochs());
        assertEquals(0.1, g.get(0).lrMax());
        assertEquals(1e-4, g.get(0).lrMin());
        assertArrayEquals(new int[] {128, 128, 64}, g.get(1).hidden());
        assertEquals(Activation.RELU, g.get(1).activation());
        assertEquals(64, g.get(1).lastHidden());
    }

    @Test
    void specStringRoundTrips() {
        String s = "3:TANH:7:0.5:0.5;4,5:relu:1:1e-2:1e-6;";
        List<GradeSpec> g = TrainingSpec.parseGrades(s);
        TrainingSpec t = new TrainingSpec(g, 0, 1, false);
        assertEquals(g, TrainingSpec.parseGrades(t.gradesString()));
    }

    @Test
    void learningRateDecaysExponentiallyFromMaxToMin() {
        GradeSpec g = new GradeSpec(new int[] {2}, Activation.RELU, 5, 1e-1, 1e-5);
        assertEquals(1e-1, g.learningRate(0), 1e-15);
        assertEquals(1e-5, g.learningRate(4), 1e-18);
        for (int e = 1; e < 5; e++) {
            assertEquals(0.1, g.learningRate(e) / g.learningRate(e - 1), 1e-12); // constant ratio (1e-4)^(1/4)
        }
        assertEquals(0.3, new GradeSpec(new int[] {2}, Activation.RELU, 1, 0.3, 1e-3).learningRate(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8:relu:5:1e-2:1e-3; 4:sigmoid:5:1e-2:1e-3 | grade 2: activation 'sigmoid' is not one of relu, sin, tanh",
        "8:relu:5:1e-2                             | grade 1: '8:relu:5:1e-2' has 4 field(s); expected 5",
        "8,x:relu:5:1e-2:1e-3                      | grade 1: hidden width 'x' is not an integer",
        "8,0:relu:5:1e-2:1e-3                      | grade 1: hidden width must be >= 1, got 0",
        "8:relu:five:1e-2:1e-3                     | grade 1: epochs 'five' is not an integer",
        "8:relu:0:1e-2:1e-3                        | grade 1: epochs must be >= 1, got 0",
        "8:relu:5:fast:1e-3                        | grade 1: lrMax 'fast' is not a finite number",
        "8:relu:5:1e-2:1e-3;;4:relu:5:1e-2:1e-3    | grade 2: empty",
        "8:relu:5:1e-3:1e-2                        | grade 1: lrMin must be in (0, lrMax = 0.001], got 0.01",
        ":relu:5:1e-2:1e-3                         | grade 1: hidden widths are empty",
    })
    void badSpecsNameTheGradeAndField(String spec, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingSpec.parseGrades(spec));
        assertTrue(e.getMessage().startsWith(message.trim()), e.getMessage());
    }

    @Test
    void readsAJsonConfigInEitherForm() throws Exception {
        Path a = dir.resolve("a.json");
        Files.writeString(a, "{\"grades\": \"16:sin:3:1e-2:1e-3; 8:relu:4:1e-2:1e-4\", \"batch\": 32, \"seed\": 5}");
        TrainingSpec s = TrainingSpec.readConfig(a, new TrainingSpec(TrainingSpec.parseGrades("1:relu:1:1:1"), 0, 0, true));
        assertEquals(2, s.grades().size());
        assertEquals(32, s.batchSize());
        assertEquals(5, s.seed());
        assertTrue(s.float64()); // default kept
        Path b = dir.resolve("b.json");
        Files.writeString(b, "{\"grades\": [{\"hidden\":[16],\"activation\":\"sin\",\"epochs\":3,\"lrMax\":0.01,\"lrMin\":0.001},"
                + "{\"hidden\":[8],\"activation\":\"relu\",\"epochs\":4,\"lrMax\":0.01,\"lrMin\":1e-4}]}");
        TrainingSpec t = TrainingSpec.readConfig(b, new TrainingSpec(TrainingSpec.parseGrades("1:relu:1:1:1"), 0, 0, false));
        assertEquals(s.grades(), t.grades());
        assertEquals(0, t.batchSize());
    }

    @Test
    void badConfigsSayWhatAndWhere() throws Exception {
        TrainingSpec defaults = new TrainingSpec(TrainingSpec.parseGrades("1:relu:1:1:1"), 0, 0, false);
        Path c = dir.resolve("c.json");
        Files.writeString(c, "{\"grades\": [{\"hidden\":[16],\"activation\":\"gelu\",\"epochs\":3,\"lrMax\":0.01,\"lrMin\":0.001}]}");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainingSpec.readConfig(c, defaults)).getMessage()
                .endsWith("grade 1: activation 'gelu' is not one of relu, sin, tanh"));
        Files.writeString(c, "{\"grades\": \"8:relu:1:1:1\", \"batchsize\": 3}");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainingSpec.readConfig(c, defaults)).getMessage()
                .contains("unknown key 'batchsize'"));
        Files.writeString(c, "{\"grades\": [{\"hidden\":[16],\"activation\":\"sin\",\"lrMax\":0.01,\"lrMin\":0.001}]}");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainingSpec.readConfig(c, defaults)).getMessage()
                .contains("grade 1: missing 'epochs'"));
        Files.writeString(c, "{\"grades\": ");
        assertTrue(assertThrows(InvalidInputException.class, () -> TrainingSpec.readConfig(c, defaults)).getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> TrainingSpec.readConfig(dir.resolve("none.json"), defaults)).getMessage().contains("does not exist"));
    }
}
