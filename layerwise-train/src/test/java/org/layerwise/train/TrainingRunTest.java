package org.layerwise.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.layerwise.Monitor;

class TrainingRunTest {

    @Test
    void progressLinesOfSeveralSeedsRunInParallelNameTheirSeed() {
        TrainingSpec spec = new TrainingSpec(TrainingSpec.parseGrades("4:tanh:3:1e-2:1e-3"), 8, 0, true);
        TrainingRun run = new TrainingRun(s -> new Presets.PresetData(MultiGradeTrainerTest.smallData(), null, null),
                spec, null, null, null);
        List<String> lines = new ArrayList<>();
        List<TrainingRun.Outcome> out = run.runAll(new long[] {4, 7}, 2, Monitor.lines(lines::add));
        assertEquals(List.of(4L, 7L), out.stream().map(TrainingRun.Outcome::seed).toList());
        assertTrue(lines.contains("seed 4: grade 1 epoch 3/3") && lines.contains("seed 7: grade 1 epoch 3/3"), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("seed 4: ") || l.startsWith("seed 7: ")), lines.toString());
        // one seed alone keeps the unlabelled lines
        List<String> one = new ArrayList<>();
        run.runAll(new long[] {4}, 2, Monitor.lines(one::add));
        assertTrue(one.contains("grade 1 epoch 3/3"), one.toString());
    }
}
