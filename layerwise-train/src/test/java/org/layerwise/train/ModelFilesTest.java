package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void savedModelsLoadBitwiseEqual() {
        Dataset d = MultiGradeTrainerTest.smallData();
        TrainingResult r = new MultiGradeTrainer(MultiGradeTrainerTest.spec("6:sin:3:1e-2:1e-3; 4,3:relu:3:1e-2:1e-3", 8, 4))
                .train(d);
        Path f = dir.resolve("sub/model.json");
        ModelFiles.save(r, f);
        TrainingResult back = ModelFiles.load(f);
        assertEquals(r.grades(), back.grades());
        // everything but the wall-clock seconds, which a saved model does not hold (byte-reproducible files)
        assertEquals(r.reports().stream().map(g -> new GradeResult(g.grade(), g.trainRse(), g.testRse(), 0,
                g.lossBefore(), g.lossAfter(), g.targetError())).toList(), back.reports());
        assertEquals(r.spec(), back.spec());
        assertArrayEquals(r.predict(d.xTest()), back.predict(d.xTest()), 0.0);
    }
}
