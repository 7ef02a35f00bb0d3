package io.fpi.detection.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference event logs in ../shared/data next to the repository (see its README for the figures). */
final class ReferenceLogs {
    private ReferenceLogs() {}

    static Path file(String name) {
        Path root = Path.of("").toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                root = p;
            }
        }
        Path file = root.resolveSibling("shared").resolve("data").resolve(name);
        assumeTrue(Files.isRegularFile(file), "assumption: reference log " + file + " is absent; skipping");
        return file;
    }
}
