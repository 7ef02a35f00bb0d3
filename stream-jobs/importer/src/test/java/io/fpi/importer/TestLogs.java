package io.fpi.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpi.schemas.FulfillmentEvent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Locates test logs and runs parses into a list. */
public final class TestLogs {
    public static final long INGEST_TIME = 1_700_000_000_000L;

    private TestLogs() {
    }

    /** The events a parse emitted, in emission order, and its report. */
    public record Parsed(List<FulfillmentEvent> events, ImportReport report) {
    }

    /**
     * A file of {@code ../shared/data}, resolved from the repository root (the nearest ancestor of
     * the module directory holding {@code .ci}, else the outermost one holding a {@code pom.xml}).
     * Skips the test when the folder is absent (a clone without its shared sibling).
     */
    public static Path sharedData(String name) {
        Path dir = repositoryRoot().resolveSibling("shared").resolve("data");
        assumeTrue(Files.isDirectory(dir), "assumption: shared test data expected at " + dir
                + " (../shared/data from the repository root) is absent; skipping");
        Path file = dir.resolve(name);
        assumeTrue(Files.isRegularFile(file), "assumption: " + file + " is absent; skipping");
        return file;
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        Path outermostPom = null;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".ci"))) {
                return p;
            }
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                outermostPom = p;
            }
        }
        return Objects.requireNonNull(outermostPom, "no repository root above " + dir);
    }

    /** A file under src/test/resources. */
    public static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(TestLogs.class.getResource("/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ImportOptions.Builder options() {
        return ImportOptions.builder("test-log", INGEST_TIME);
    }

    public static Parsed parse(Path file, LogFormat format, ImportOptions options) {
        return parse(ImportSource.of(file), format, options);
    }

    public static Parsed parse(ImportSource source, LogFormat format, ImportOptions options) {
        List<FulfillmentEvent> events = new ArrayList<>();
        ImportReport report = EventLogImporter.importSource(source, format, options, events::add);
        return new Parsed(events, report);
    }

    public static Parsed parse(String name, String content, LogFormat format, ImportOptions options) {
        return parse(ImportSource.ofBytes(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)), format, options);
    }
}
