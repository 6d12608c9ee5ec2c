package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.layerwise.InvalidInputException;
import org.layerwise.function.Target;
import org.layerwise.function.Targets;

class DatasetTest {

    @TempDir
    Path dir;

    @Test
    void oneDimensionalTrainingPointsAreEquallySpacedIncludingTheEnds() {
        Dataset d = Dataset.fromTarget(MultiGradeTrainerTest.WAVE, 5, 3, 1);
        double[][] x = d.xTrain();
        for (int i = 0; i < 5; i++) {
            assertEquals(i / 4.0, x[i][0], 0.0);
            assertEquals(MultiGradeTrainerTest.WAVE.value(x[i]), d.yTrain()[i], 0.0);
        }
        for (double[] t : d.xTest()) {
            assertTrue(t[0] >= 0 && t[0] < 1);
        }
        assertArrayEquals(d.yTest(), Dataset.fromTarget(MultiGradeTrainerTest.WAVE, 5, 3, 1).yTest(), 0.0);
    }

    @Test
    void multiDimensionalTrainingPointsAreSobol() {
        Target sum = Targets.of("x+y", 2, x -> x[0] + x[1]);
        Dataset d = Dataset.fromTarget(sum, 8, 4, 1);
        // the first 8 Sobol points in 2-d are a (0,3,2)-net: one point in each row and each column of width 1/8
        Set<Integer> rows = new HashSet<>();
        Set<Integer> cols = new HashSet<>();
        for (double[] p : d.xTrain()) {
            rows.add((int) (p[0] * 8));
            cols.add((int) (p[1] * 8));
        }
        assertEquals(8, rows.size());
        assertEquals(8, cols.size());
        assertEquals(2, d.dim());
    }

    @Test
    void csvWithAndWithoutHeaderIsSplitDeterministically() throws Exception {
        Path f = dir.resolve("d.csv");
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i * 0.1).append(", ").append(1 - i * 0.1).append(',').append(i).append('\n');
        }
        Files.writeString(f, sb);
        Dataset d = Dataset.fromCsv(f, 0.2, 3);
        assertEquals(8, d.trainSize());
        assertEquals(2, d.testSize());
        assertEquals(2, d.dim());
        double[] all = new double[10];
        System.arraycopy(d.yTrain(), 0, all, 0, 8);
        System.arraycopy(d.yTest(), 0, all, 8, 2);
        Arrays.sort(all);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all, 0.0);
        for (int i = 0; i < 8; i++) {
            assertEquals(d.xTrain()[i][0] * 10, d.yTrain()[i], 1e-12); // rows stay intact
        }
        Files.writeString(f, sb.substring(sb.indexOf("\n") + 1));
        Dataset noHeader = Dataset.fromCsv(f, 0.2, 3);
        assertArrayEquals(d.yTest(), noHeader.yTest(), 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x,y\\n0.1,1\\n0.2                 | line 3: has 1 column, expected 2 (like line 2)",
        "x,y\\n0.2                        | line 2: has 1 column, expected 2 (like the header)",
        "0.1,1\\n0.2,abc                   | line 2, column 2: 'abc' is not a number",
        "0.1,1\\n0.2,NaN                   | line 2, column 2: 'NaN' is not finite",
        "0.1,1,3\\n0.2,2                   | line 2: has 2 columns, expected 3 (like line 1)",
        "x,y\\n                            | has no data rows",
        "0.5                               | line 1: has 1 column",
    })
    void badDataFilesSayWhichLineAndColumn(String content, String message) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, content.trim().replace("\\n", "\n"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Dataset.readCsv(f));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
    }

    @Test
    void missingFileAndTooFewRowsAreReported() throws Exception {
        assertTrue(assertThrows(InvalidInputException.class, () -> Dataset.fromCsv(dir.resolve("none.csv"), 0.2, 1))
                .getMessage().contains("does not exist"));
        Path f = dir.resolve("one.csv");
        Files.writeString(f, "0.5,1\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> Dataset.fromCsv(f, 0.2, 1))
                .getMessage().contains("at least 2"));
    }
}
