package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerwise.cli.Cli.Run;
import org.layerwise.train.ModelFiles;
import org.layerwise.train.TrainingResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TrainCommandTest {

    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void writeData() throws Exception {
        data = dir.resolve("d.csv");
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            double x = i / 49.0;
            sb.append(x).append(',').append(Math.sin(3 * x)).append('\n');
        }
        Files.writeString(data, sb);
    }

    @Test
    void jsonReportHasOneEntryPerGradeAndTheBaseline() throws Exception {
        Run r = run("train", "--data", data.toString(), "--grades", "8:tanh:5:1e-2:1e-3; 4:relu:5:1e-2:1e-3",
                "--batch", "16", "--sgdl", "--json", "--save", dir.resolve("model").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("grades").size());
        for (int k = 0; k < 2; k++) {
            JsonNode g = j.get("grades").get(k);
            assertEquals(k + 1, g.get("grade").asInt());
            assertTrue(g.get("trainRse").asDouble() >= 0 && g.get("testRse").asDouble() >= 0);
            assertTrue(g.get("seconds").asDouble() >= 0);
        }
        assertTrue(j.get("sgdl").get("testRse").isNumber());
        TrainingResult saved = ModelFiles.load(dir.resolve("model/mgdl.json"));
        assertEquals(2, saved.gradeCount());
        assertEquals(j.get("grades").get(1).get("testRse").asDouble(), saved.reports().get(1).testRse(), 0.0);
        assertTrue(Files.exists(dir.resolve("model/sgdl.json")));
    }

    @Test
    void verboseProgressHasOneLinePerEpochBlockAndGrade() {
        // 25 epochs: blocks of 2 -> epochs 2, 4, ..., 24 and the last, 25; then the grade's summary line
        Run r = run("train", "--data", data.toString(), "--grades", "4:tanh:25:1e-2:1e-3; 4:relu:3:1e-2:1e-3",
                "--verbose");
        assertEquals(0, r.code(), r.err());
        java.util.List<String> g1 = r.err().lines().filter(l -> l.startsWith("grade 1 epoch")).toList();
        assertEquals(13, g1.size(), r.err());
        assertEquals("grade 1 epoch 2/25", g1.get(0));
        assertEquals("grade 1 epoch 25/25", g1.get(12));
        assertEquals(3, r.err().lines().filter(l -> l.startsWith("grade 2 epoch")).count(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("grade 2: train RSE")), r.err());
        Run quiet = run("train", "--data", data.toString(), "--grades", "4:tanh:5:1e-2:1e-3");
        assertFalse(quiet.err().contains("epoch"), "no progress when not a terminal and not --verbose");
    }

    @Test
    void textReportIsATable() {
        Run r = run("train", "--data", data.toString(), "--grades", "8:sin:3:1e-2:1e-3", "--seed", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("40 training / 10 test points, full batch, seed 4, float32"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("1 ")), r.out());
    }

    @Test
    void formulaTargetReportsTheErrorAgainstTheFunction() throws Exception {
        Run r = run("train", "--target", "sin(3*x)", "--train-points", "40", "--test-points", "10",
                "--grades", "8:tanh:20:1e-2:1e-3", "--json", "--save", dir.resolve("m").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode g = new ObjectMapper().readTree(r.out()).get("grades").get(0);
        // the error against f is the QMC L^2 norm with construct's defaults and the training seed (default 1)
        org.layerwise.function.Target f = org.layerwise.function.Targets.formula("sin(3*x)", null);
        TrainingResult trained = ModelFiles.load(dir.resolve("m/mgdl.json"));
        double direct = new org.layerwise.measure.QmcError(org.layerwise.construct.Construction.DEFAULT_POINTS,
                org.layerwise.construct.Construction.DEFAULT_SHIFTS, TrainCommand.DEFAULT_SEED).error(f,
                org.layerwise.measure.BatchFunction.of(x -> trained.predict(new double[][] {x})[0]),
                org.layerwise.measure.PNorm.TWO).value();
        assertEquals(direct, g.get("targetError").asDouble(), 1e-12 * direct);
        Run bad = run("train", "--target", "sin(3*", "--grades", "8:tanh:2:1e-2:1e-3");
        assertEquals(2, bad.code(), bad.out());
    }

    @Test
    void sameSeedPrintsTheSameNumbers() {
        String[] args = {"train", "--data", data.toString(), "--grades", "8:sin:3:1e-2:1e-3; 3:tanh:3:1e-2:1e-3",
            "--batch", "8", "--json", "--seed", "9"};
        String a = run(args).out().replaceAll("\"seconds\":[^,}]*", "");
        String b = run(args).out().replaceAll("\"seconds\":[^,}]*", "");
        assertEquals(a, b);
    }

    @Test
    void configFileSetsGradesBatchAndPrecision() throws Exception {
        Path cfg = dir.resolve("c.json");
        Files.writeString(cfg, "{\"grades\": [{\"hidden\":[6],\"activation\":\"tanh\",\"epochs\":2,"
                + "\"lrMax\":0.01,\"lrMin\":0.001}], \"batch\": 8, \"float64\": true}");
        Run r = run("train", "--data", data.toString(), "--config", cfg.toString(), "--seed", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("batch 8, seed 3, float64"), r.out());
        assertTrue(r.out().contains("grades: 6:tanh:2:0.01:0.001"), r.out());
        Run both = run("train", "--data", data.toString(), "--config", cfg.toString(), "--grades", "6:tanh:2:1e-2:1e-3");
        assertEquals(2, both.code());
        Files.writeString(cfg, "{\"grades\": \"6:tanh:2:1e-2\"}");
        Run bad = run("train", "--data", data.toString(), "--config", cfg.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("grade 1: '6:tanh:2:1e-2' has 4 field(s)"), bad.err());
    }

    @Test
    void badSpecIsOneLineAndExitTwo() {
        Run r = run("train", "--data", data.toString(), "--grades", "8:tanh:5:1e-2:1e-3; 4:sigmoid:5:1e-2:1e-3");
        assertEquals(2, r.code());
        assertEquals("layerwise train: grade 2: activation 'sigmoid' is not one of relu, sin, tanh", r.err().strip());
    }

    @Test
    void badDataFileIsOneLineAndExitTwo() throws Exception {
        Files.writeString(data, "x,y\n0.1,0.2\n0.3,oops\n");
        Run r = run("train", "--data", data.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().endsWith("line 3, column 2: 'oops' is not a number"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void exactlyOneSourceIsRequired() {
        Run none = run("train", "--grades", "8:tanh:5:1e-2:1e-3");
        assertEquals(2, none.code());
        Run two = run("train", "--data", data.toString(), "--preset", "xu2023-ex1");
        assertEquals(2, two.code());
        Run unknown = run("train", "--preset", "nope");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown preset 'nope'; known: fangxu-constant, fangxu-decrease, fangxu-increase, "
                + "xu2023-ex1, xu2023-ex2, xu2023-ex3"), unknown.err());
    }

    @Test
    void helpStatesTheDefaults() {
        Run r = run("train", "--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertEquals(0, r.code());
        assertTrue(help.replace(" ", "").contains(TrainCommand.DEFAULT_GRADES.replace(" ", "")), help);
        assertTrue(help.contains("2000 equally spaced"), help);
        assertFalse(r.out().isBlank());
    }

    @Test
    void seedsReportEachSeedAsAloneAndTheSpread() throws Exception {
        String grades = "6:tanh:4:1e-2:1e-3; 4:relu:3:1e-2:1e-3";
        Run all = run("train", "--data", data.toString(), "--grades", grades, "--seeds", "0-2", "--json", "--sgdl");
        assertEquals(0, all.code(), all.err());
        JsonNode j = new ObjectMapper().readTree(all.out());
        assertEquals(3, j.get("seeds").size());
        Run alone = run("train", "--data", data.toString(), "--grades", grades, "--seed", "1", "--json", "--sgdl");
        JsonNode one = new ObjectMapper().readTree(alone.out());
        JsonNode seed1 = j.get("seeds").get(1);
        assertEquals(1, seed1.get("seed").asInt());
        for (int k = 0; k < 2; k++) {
            assertEquals(one.get("grades").get(k).get("testRse").asDouble(),
                    seed1.get("grades").get(k).get("testRse").asDouble(), 0.0);
            double[] v = new double[3];
            for (int s = 0; s < 3; s++) {
                v[s] = j.get("seeds").get(s).get("grades").get(k).get("testRse").asDouble();
            }
            java.util.Arrays.sort(v);
            JsonNode spread = j.get("summary").get("grades").get(k).get("testRse");
            assertEquals(v[0], spread.get("min").asDouble(), 0.0);
            assertEquals(v[1], spread.get("median").asDouble(), 0.0);
            assertEquals(v[2], spread.get("max").asDouble(), 0.0);
            assertEquals((v[0] + v[1]) / 2, spread.get("q1").asDouble(), 1e-15 * v[1]);
        }
        assertEquals(one.get("sgdl").get("testRse").asDouble(), seed1.get("sgdl").get("testRse").asDouble(), 0.0);
        Path report = dir.resolve("spread");
        Run text = run("train", "--data", data.toString(), "--grades", grades, "--seeds", "0-2", "--report",
                report.toString());
        assertTrue(text.out().contains("spread over 3 seeds:"), text.out());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("test RSE: spread over seeds") && Files.exists(report.resolve("spread.png")), html);
        assertEquals(2, run("train", "--data", data.toString(), "--report", report.toString()).code());
        Run both = run("train", "--data", data.toString(), "--seed", "1", "--seeds", "0-2");
        assertEquals(2, both.code());
        Run bad = run("train", "--data", data.toString(), "--seeds", "2-1");
        assertEquals("layerwise train: seeds: '2-1' must be a non-negative seed or a range a-b with a <= b",
                bad.err().strip());
    }

    @Test
    void aDeadBaselineIsSaidAndNotReportedAsAResult() throws Exception {
        // a learning rate of 100 kills every ReLU unit of the stacked network
        String[] args = {"train", "--data", data.toString(), "--grades", "6:relu:5:1e-2:1e-3; 4:relu:5:1e-2:1e-3",
            "--sgdl", "--sgdl-lr", "1e2:1e2", "--seed", "1"};
        Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10 epochs (= MGDL's passes over the training set in all grades)"), r.out());
        assertTrue(r.out().contains("sgdl   dead network: hidden layer 1 (relu, 6 units) has no active unit on any of"
                + " the 40 training inputs; not a result"), r.out());
        String[] json = java.util.Arrays.copyOf(args, args.length + 1);
        json[args.length] = "--json";
        JsonNode j = new ObjectMapper().readTree(run(json).out());
        assertTrue(j.get("sgdl").get("dead").asText().startsWith("hidden layer 1"), j.toString());
        assertEquals(10, j.get("sgdl").get("epochs").asInt());
    }

    @Test
    void presetPrintsThePublishedFiguresBesideOurs() throws Exception {
        // the preset's data, schedule and precision with two tiny grades (fast), minibatches of 2500
        Run r = run("train", "--preset", "xu2023-ex1", "--grades", "4:sin:1:1e-1:1e-4; 3:relu:1:1e-2:1e-4",
                "--batch", "2500");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5000 training / 1000 test points, batch 2500, seed 1, float64"), r.out());
        assertTrue(r.out().contains("passes: E+1 per grade"), r.out());
        assertTrue(r.out().contains("published (Xu 2023): test RSE per grade 0.2923 / 1.550e-05 / 1.120e-05"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("1 ") && l.endsWith(" 0.292")), r.out());
        Run points = run("train", "--preset", "fangxu-decrease", "--train-points", "10");
        assertEquals(2, points.code());
        assertTrue(points.err().contains("do not apply to preset fangxu-decrease"), points.err());
    }

    @Test
    void domainMovesTheTrainingBox() throws Exception {
        Run r = run("train", "--target", "x*x", "--domain", "-1,1", "--train-points", "20", "--test-points", "5",
                "--grades", "4:tanh:2:1e-2:1e-3", "--save", dir.resolve("box").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("target x*x on [-1.0, 1.0]^1"), r.out());
        assertTrue(r.out().contains("no target error: the data are not on [0,1]^d"), r.out());
        Run bad = run("train", "--target", "x", "--domain", "1,0");
        assertEquals(2, bad.code());
        assertEquals("layerwise train: --domain must be A,B with finite A < B, e.g. -1,1, got '1,0'", bad.err().strip());
    }
}
