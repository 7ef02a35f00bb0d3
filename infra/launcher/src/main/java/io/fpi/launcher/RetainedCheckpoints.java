package io.fpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint under a local checkpoint directory, so that a demo started
 * again resumes its traces where the last one stopped instead of rebuilding them from a partial
 * replay. A checkpoint is complete when its {@code chk-N} folder holds the {@code _metadata} file.
 */
final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    static Optional<Path> latest(Path checkpointRoot) {
        if (!Files.isDirectory(checkpointRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointRoot)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completedIn)
                    .max(Comparator.comparingLong(RetainedCheckpoints::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Stream<Path> completedIn(Path jobDir) {
        try (Stream<Path> chks = Files.list(jobDir)) {
            return chks.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
