package io.fpi.jobs.imports;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Files of {@code ../shared/data}, resolved from the repository root (the nearest ancestor holding
 * {@code .ci}, else the outermost one holding a pom.xml), as the importer's tests do. A test is
 * skipped with an assumption message when the folder is absent.
 */
final class SharedData {
    private SharedData() {}

    static Path file(String name) {
        Path dir = repositoryRoot().resolveSibling("shared").resolve("data");
        Path file = dir.resolve(name);
        assumeTrue(Files.isRegularFile(file), "assumption: shared test data " + file
                + " (../shared/data from the repository root) is absent; skipping");
        return file;
    }

    static Path repositoryRoot() {
        Path outermostPom = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".ci"))) {
                return p;
            }
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                outermostPom = p;
            }
        }
        return Objects.requireNonNull(outermostPom, "no repository root above the working directory");
    }
}
