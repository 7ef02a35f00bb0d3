package io.fpi.launcher;

import io.fpi.importer.ImportException;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.config.Env;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/fpi import FILE --dataset NAME ...}: imports an event log as a bounded Flink job
 * into the same tables as live data, with a progress line on a terminal and a final report.
 * Exit codes: 0 complete (rejected events, if any, are listed), 1 failed / refused / incomplete,
 * 2 bad arguments.
 */
final class ImportCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    private ImportCommand() {}

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        ImportArgs parsed;
        try {
            parsed = ImportArgs.parse(args, env.getInt("FPI_JOB_PARALLELISM", 2));
        } catch (IllegalArgumentException e) {
            err.println("fpi import: " + e.getMessage());
            err.print(ImportArgs.USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.print(ImportArgs.USAGE);
            return 0;
        }
        quietLogs();
        Path dataDir = DataDir.resolve(env);
        CountDownLatch finished = new CountDownLatch(1);
        DatasetImporter[] importer = new DatasetImporter[1];
        // Ctrl-C: cancel the job and give run() the time to roll back before the JVM exits
        Thread hook = new Thread(() -> {
            DatasetImporter i = importer[0];
            if (i != null) {
                i.cancel();
            }
            awaitQuietly(finished);
        }, "fpi-import-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LocalClickHouseService clickHouse = LocalClickHouseService.start(env, dataDir)) {
            TraceJobConfig sinkConfig = TraceJobConfig.parse(new String[0], env.asMap());
            importer[0] = new DatasetImporter(clickHouse.endpoint(), dataDir, sinkConfig.clickhouseSink());
            ImportTally tally = new ImportTally();
            ImportResult result;
            try (ProgressLine ignored = ProgressLine.start(err, tally, "import " + parsed.file().getFileName(),
                    ProgressLine.onTerminal())) {
                result = importer[0].run(parsed, tally);
            }
            if (result.failure() != null) {
                err.println("fpi import: " + message(result.failure()));
            }
            result.print(out);
            return result.complete() ? 0 : 1;
        } catch (ImportException | DatasetImporter.RefusedException e) {
            err.println("fpi import: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("fpi import: failed: " + e.getMessage());
            LOG.debug("import failure", e);
            return 1;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running: Ctrl-C
            }
        }
    }

    private static String message(Throwable t) {
        if (t instanceof ImportException || t instanceof InterruptedException) {
            return t.getMessage();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * The import and stats commands print their own progress, results and errors, on a console
     * whose log appender writes to stdout: Flink's task logs would repeat a parse error's stack
     * trace, its batch scheduler warns about skipped checkpointing, and the local ClickHouse's start
     * and migrations would precede stats' JSON on stdout.
     */
    static void quietLogs() {
        Configurator.setLevel("org.apache.flink", Level.ERROR);
        Configurator.setLevel("org.apache.pekko", Level.ERROR); // Flink's RPC; warns when stopped by Ctrl-C
        Configurator.setLevel("io.fpi.runtime", Level.WARN);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
