package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code layerwise} launcher: two launchers started at once on a fresh clone build once, one after the other
 * (a lock), and both run. Maven and Java are stand-ins on the PATH that record what they were asked to do.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private Path script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void twoLaunchersAtOnceBuildOnceAndBothRun() throws Exception {
        Path launcher = Path.of("..", "layerwise").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(launcher) && Files.isExecutable(Path.of("/usr/bin/flock")),
                "needs the launcher and flock");
        Path clone = Files.createDirectories(dir.resolve("clone"));
        Files.copy(launcher, clone.resolve("layerwise"));
        Files.writeString(clone.resolve("pom.xml"), "<project/>");
        Files.createDirectories(clone.resolve("layerwise-cli/src/main/java"));
        Files.writeString(clone.resolve("layerwise-cli/pom.xml"), "<project/>");
        Files.writeString(clone.resolve("layerwise-cli/src/main/java/A.java"), "class A {}");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("log");
        // a build that notices when another one runs at the same time
        script(bin.resolve("mvn"), "if ! mkdir '" + dir + "/building' 2>/dev/null; then echo overlap >> '" + log
                + "'; fi\nsleep 1\nmkdir -p layerwise-cli/target && touch layerwise-cli/target/layerwise.jar\n"
                + "rmdir '" + dir + "/building' 2>/dev/null\necho build >> '" + log + "'\n");
        script(bin.resolve("java"), "echo \"run $*\" >> '" + log + "'\n");
        Process[] ps = new Process[2];
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder("bash", clone.resolve("layerwise").toString(), "targets")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            ps[i] = pb.start();
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        List<String> lines = Files.readAllLines(log);
        assertFalse(lines.contains("overlap"), lines.toString());
        assertEquals(1, lines.stream().filter(l -> l.equals("build")).count(), lines.toString());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("run ") && l.endsWith(" targets")).count(),
                lines.toString());
    }

    /**
     * The JVM options: by default the serial collector (the heap grows only with the live data) under a ceiling of
     * half the memory; {@code LAYERWISE_JAVA_OPTS} replaces them entirely.
     */
    @Test
    void defaultHeapOptionsAndTheirOverride() throws Exception {
        Path launcher = Path.of("..", "layerwise").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(launcher), "needs the launcher");
        Path clone = Files.createDirectories(dir.resolve("fresh"));
        Files.copy(launcher, clone.resolve("layerwise"));
        Files.writeString(clone.resolve("pom.xml"), "<project/>");
        Files.createDirectories(clone.resolve("layerwise-cli/target"));
        Files.writeString(clone.resolve("layerwise-cli/target/layerwise.jar"), ""); // newer than every source
        Path bin = Files.createDirectories(dir.resolve("bin2"));
        Path log = dir.resolve("log2");
        script(bin.resolve("java"), "echo \"$*\" >> '" + log + "'\n");
        for (String opts : new String[] {null, "-Xmx1500m"}) {
            ProcessBuilder pb = new ProcessBuilder("bash", clone.resolve("layerwise").toString(), "targets")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().remove("LAYERWISE_JAVA_OPTS");
            if (opts != null) {
                pb.environment().put("LAYERWISE_JAVA_OPTS", opts);
            }
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        String jar = clone.resolve("layerwise-cli/target/layerwise.jar").toString();
        assertEquals(List.of("-XX:+UseSerialGC -XX:MaxRAMPercentage=50 -jar " + jar + " targets",
                "-Xmx1500m -jar " + jar + " targets"), Files.readAllLines(log));
    }
}
