package io.fpi.launcher;

import io.fpi.importer.FormatDetector;
import io.fpi.importer.ImportException;
import io.fpi.importer.ImportSource;
import io.fpi.importer.LogFormat;
import io.fpi.jobs.common.ClickHouseSink;
import io.fpi.jobs.imports.ImportJob;
import io.fpi.jobs.imports.ImportObservers;
import io.fpi.jobs.imports.ImportSpec;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import, start to end: detect the format, decide what the dataset's existing rows mean, run
 * the bounded {@link ImportJob} on a MiniCluster in this JVM, verify what ClickHouse holds, and
 * roll back or report.
 *
 * <p>Dataset rules: a new dataset is imported; the same file (same fingerprint, see
 * {@link ImportManifest}) is imported again, which changes nothing because event ids are
 * deterministic and the tables collapse them; anything else already in the dataset (another file,
 * live data, an import made elsewhere) is refused unless {@code --replace}, which deletes it first.
 * After a failure the dataset's rows are deleted unless it held a complete import of this same file
 * before, which the failed run can only have rewritten with identical rows.
 */
final class DatasetImporter {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetImporter.class);

    /** What the import does to the dataset. */
    enum Mode { FRESH, REIMPORT, REPLACE }

    /** The dataset holds other data and --replace was not given. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final ClickHouseEndpoint endpoint;
    private final DatasetRows rows;
    private final ImportManifest.Store manifests;
    private final ClickHouseSink.Settings sink;
    private volatile JobClient job;
    private volatile boolean cancelled;

    DatasetImporter(ClickHouseEndpoint endpoint, Path dataDir, ClickHouseSink.Settings sink) {
        this.endpoint = endpoint;
        this.rows = new DatasetRows(new ClickHouseClient(endpoint));
        this.manifests = new ImportManifest.Store(dataDir);
        this.sink = sink;
    }

    /**
     * @throws ImportException for a missing file or an unknown format (before anything starts)
     * @throws RefusedException when the dataset holds other data and --replace is not given
     */
    ImportResult run(ImportArgs args, ImportTally tally) {
        long t0 = System.nanoTime();
        Path file = args.file().toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new ImportException(args.file().toString(), "no such file");
        }
        LogFormat format = args.format() != null ? args.format() : FormatDetector.detect(ImportSource.of(file));
        String fingerprint = ImportManifest.fingerprint(file, format.cliName(), args.caseObjectType(), args.csvCase(),
                args.csvActivity(), args.csvTimestamp());
        LOG.debug("{}: format {}, {} ({} ms)", file, format.cliName(), fingerprint, (System.nanoTime() - t0) / 1_000_000);
        ImportManifest previous = manifests.read(args.dataset());
        Mode mode = decide(args, previous, fingerprint);
        LOG.debug("dataset '{}': {} ({} ms)", args.dataset(), mode, (System.nanoTime() - t0) / 1_000_000);
        if (mode == Mode.REPLACE) {
            LOG.info("deleting the rows of dataset '{}' before importing", args.dataset());
            rows.delete(args.dataset());
        }
        ImportManifest running = new ImportManifest(args.dataset(), file.toString(), fingerprint, format.cliName(),
                ImportManifest.IMPORTING, 0, 0, Instant.now().toString(), null);
        manifests.write(running);
        ImportSpec spec = new ImportSpec(file.toString(), format, args.dataset(), System.currentTimeMillis(),
                args.caseObjectType(), args.csvCase(), args.csvActivity(), args.csvTimestamp(), args.strict(), null);
        Throwable failure = runJob(spec, tally, args.parallelism());
        return failure == null ? verify(args, format, mode, running, tally, t0) : failed(args, format, mode, previous, tally,
                failure, t0);
    }

    /** Counts what ClickHouse holds and records the outcome in the manifest. */
    private ImportResult verify(ImportArgs args, LogFormat format, Mode mode, ImportManifest running, ImportTally tally,
                                long t0) {
        ImportResult result = new ImportResult(args.dataset(), args.file().toString(), format.cliName(), mode,
                tally.report(), tally.refused(), tally.firstRefusal(), tally.tracedCases(), rows.counts(args.dataset()),
                null, false, since(t0));
        manifests.write(running.withStatus(result.complete() ? ImportManifest.COMPLETE : ImportManifest.INCOMPLETE,
                result.expectedEvents(), result.tracedCases(), Instant.now().toString()));
        return result;
    }

    /** Rolls back, unless the dataset held a complete import of this same file (rewritten identically). */
    private ImportResult failed(ImportArgs args, LogFormat format, Mode mode, ImportManifest previous, ImportTally tally,
                                Throwable failure, long t0) {
        boolean keepPrevious = mode == Mode.REIMPORT && previous.complete();
        if (keepPrevious) {
            manifests.write(previous);
        } else {
            rollBack(args.dataset());
        }
        return new ImportResult(args.dataset(), args.file().toString(), format.cliName(), mode, null, tally.refused(),
                tally.firstRefusal(), tally.tracedCases(), null, failure, !keepPrevious, since(t0));
    }

    /** Cancels a running job (Ctrl-C); {@link #run} then rolls back as after any failure. */
    void cancel() {
        cancelled = true;
        JobClient j = job;
        if (j != null) {
            j.cancel();
        }
    }

    private Mode decide(ImportArgs args, ImportManifest previous, String fingerprint) {
        long stored = rows.storedRows(args.dataset());
        if (stored == 0) {
            return Mode.FRESH;
        }
        if (previous != null && previous.source().equals(fingerprint)) {
            return Mode.REIMPORT;
        }
        if (args.replace()) {
            return Mode.REPLACE;
        }
        String origin = previous == null
                ? "that were not imported from this file here (live data, or an import made with another data directory)"
                : "imported from " + (previous.file().equals(args.file().toAbsolutePath().normalize().toString())
                        ? "an earlier version of this file (or this file with other options)" : previous.file())
                        + " (" + previous.status() + ", started " + previous.startedAt() + ")";
        throw new RefusedException("dataset '" + args.dataset() + "' already holds " + String.format("%,d", stored)
                + " rows " + origin + ". Import into another --dataset, or add --replace to delete them first.");
    }

    /** Null when the job finished, else why it did not. */
    private Throwable runJob(ImportSpec spec, ImportTally tally, int parallelism) {
        String id = ImportObservers.register(tally);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, miniClusterConfig());
            ImportJob.build(env, spec.withObserver(id), endpoint, sink);
            long t0 = System.nanoTime();
            job = env.executeAsync(ImportJob.JOB_NAME + " " + spec.dataset());
            LOG.debug("import job {} submitted to a local MiniCluster in {} ms", job.getJobID(), (System.nanoTime() - t0) / 1_000_000);
            if (cancelled) {
                job.cancel();
            }
            job.getJobExecutionResult().get();
            return null;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable parse = tally.parseFailure();
            if (parse != null) {
                return parse;
            }
            return cancelled ? new InterruptedException("import cancelled") : JobFailures.cause(e);
        } finally {
            job = null;
            ImportObservers.unregister(id);
        }
    }

    /**
     * The MiniCluster of one import. The batch shuffle goes to local disk (the page cache, mostly),
     * where compressing it only costs CPU: LZ4 in and out was a few percent of an import's CPU.
     */
    static Configuration miniClusterConfig() {
        Configuration conf = new Configuration();
        conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        return conf;
    }

    private void rollBack(String dataset) {
        try {
            rows.delete(dataset);
            manifests.delete(dataset);
        } catch (RuntimeException e) {
            LOG.error("could not roll back dataset '{}': {}; its rows may be incomplete (the manifest says so)",
                    dataset, e.toString());
        }
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
