package org.layerwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.layerwise.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code --version} prints the version of the parent pom, filtered into the build. */
class VersionTest {

    @Test
    void versionIsThePomsVersion() throws Exception {
        String pom = Files.readString(Path.of("../pom.xml"));
        Matcher m = Pattern.compile("<artifactId>layerwise-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertEquals(true, m.find(), "no version in ../pom.xml");
        Cli.Run r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("layerwise " + m.group(1), r.out().strip());
    }
}
