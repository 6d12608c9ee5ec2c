package org.layerwise.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.InvalidInputException;

class TargetSpecTest {

    private static void sameValues(Target a, Target b) {
        assertEquals(a.dim(), b.dim());
        double[] x = new double[a.dim()];
        for (int k = 0; k <= 10; k++) {
            java.util.Arrays.fill(x, k / 10.0);
            assertEquals(a.value(x), b.value(x), "at " + k / 10.0);
        }
    }

    @Test
    void formulaAndBuiltinRoundTripThroughTheBlock() {
        for (TargetSpec.Described d : new TargetSpec.Described[] {TargetSpec.formula("sin(x1) * x2", null),
                TargetSpec.builtin("ripple2d")}) {
            TargetSpec back = TargetSpec.fromMap(d.spec().toMap());
            assertEquals(d.spec(), back);
            sameValues(d.target(), back.resolve());
        }
    }

    @Test
    void gridFileIsRecordedByAbsolutePathAndHashAndRefusedWhenChanged(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("g.csv");
        Files.writeString(csv, "1, 2, 3\n");
        TargetSpec.Described d = TargetSpec.grid(csv);
        assertTrue(Path.of(d.spec().spec()).isAbsolute());
        assertEquals(64, d.spec().sha256().length());
        TargetSpec back = TargetSpec.fromMap(d.spec().toMap());
        sameValues(d.target(), back.resolve());
        Files.writeString(csv, "1, 2, 4\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, back::resolve);
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
        Files.delete(csv);
        assertThrows(InvalidInputException.class, back::resolve);
    }

    @Test
    void malformedBlocksAreRefused() {
        assertThrows(InvalidInputException.class, () -> TargetSpec.fromMap(java.util.Map.of("kind", "builtin")));
        assertThrows(InvalidInputException.class,
                () -> TargetSpec.fromMap(java.util.Map.of("kind", "magic", "spec", "x", "dim", 1)));
        assertThrows(InvalidInputException.class,
                () -> TargetSpec.fromMap(java.util.Map.of("kind", "image", "spec", "/a.png", "dim", 2)));
    }
}
