package io.fpi.jobs.imports.source;

import io.fpi.jobs.imports.ImportSpec;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of an import: the whole file. Event logs cannot be cut at arbitrary offsets (an
 * XES trace, a CSV quote or an OCEL object index spans them), so one reader parses the file from
 * its start; the parallelism of the job is in the trace builder and the sinks, after the shuffle.
 */
public record LogFileSplit(ImportSpec spec) implements SourceSplit {
    @Override
    public String splitId() {
        return spec.file();
    }
}
