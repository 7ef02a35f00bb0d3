package io.fpi.importer;

/** Called every {@link ImportOptions#progressEvery()} events read and once at the end of a parse. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void onProgress(ImportProgress progress);
}
