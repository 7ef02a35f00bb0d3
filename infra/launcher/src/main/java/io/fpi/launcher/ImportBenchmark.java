package io.fpi.launcher;

import io.fpi.importer.bench.XesGenerator;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.config.Env;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bin/fpi bench import}: imports a generated XES log (1 M events by default; generated once
 * into the data directory and reused) into dataset {@value #DATASET} and mines it, and prints the
 * end-to-end rate and the heap it took:
 *
 * <pre>
 * import_events_per_s: N events/s
 * import_peak_heap_mb: N MB
 * </pre>
 *
 * End to end = format detection and fingerprint, the bounded import job with its MiniCluster
 * (parse, trace building, ClickHouse inserts), verification of the stored rows, and the stats
 * query. Not timed: ClickHouse start, deleting the previous run's rows, and a smaller warm-up
 * import first. The JIT compiles Flink's, Avro's and the parser's hot code once per JVM, about as
 * much CPU as the 1 M-event import itself on two cores, so a cold rate would measure the JIT as
 * much as the import; {@code --warmup 0} measures it anyway.
 */
public final class ImportBenchmark {
    static final String DATASET = "bench-import";
    static final String WARMUP_DATASET = "bench-import-warmup";
    static final String USAGE = "usage: fpi bench import [--events N] [--warmup N] [--seed S]\n"
            + "  --events N   events of the timed log (default 1000000)\n"
            + "  --warmup N   events of an untimed import first (default 100000; 0: measure a cold JVM)\n";

    record Options(long events, long warmup, long seed) {
        static Options parse(String[] args) {
            long events = 1_000_000;
            long warmup = 100_000;
            long seed = 42;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete argument '" + a + "'");
                }
                long v = Long.parseLong(args[++i].replace("_", ""));
                switch (a) {
                    case "--events" -> events = v;
                    case "--warmup" -> warmup = v;
                    case "--seed" -> seed = v;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (events < 1 || warmup < 0) {
                throw new IllegalArgumentException("--events must be >= 1 and --warmup >= 0");
            }
            return new Options(events, warmup, seed);
        }
    }

    private ImportBenchmark() {}

    /** Entry point for the bench dispatcher; {@code args} are those after {@code import}. */
    public static int run(String[] args, PrintStream out) {
        return run(args, Env.system(), out);
    }

    static int run(String[] args, Env env, PrintStream out) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            out.println("fpi bench import: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        ImportCommand.quietLogs();
        Path dataDir = DataDir.resolve(env);
        try (LocalClickHouseService clickHouse = LocalClickHouseService.start(env, dataDir)) {
            DatasetImporter importer = new DatasetImporter(clickHouse.endpoint(), dataDir,
                    TraceJobConfig.parse(new String[0], env.asMap()).clickhouseSink());
            int parallelism = env.getInt("FPI_JOB_PARALLELISM", 2);
            Path log = generated(dataDir, options.events(), options.seed(), out);
            if (options.warmup() > 0) {
                // untimed; the next run imports it again, idempotently
                ImportResult w = importer.run(importArgs(generated(dataDir, options.warmup(), options.seed() + 1, out),
                        WARMUP_DATASET, parallelism), new ImportTally());
                out.printf("import bench: warm-up import of %,d events in %.1f s (untimed)%n", w.expectedEvents(),
                        w.elapsed().toNanos() / 1e9);
            }
            new DatasetRows(clickHouse.client()).delete(DATASET);
            new ImportManifest.Store(dataDir).delete(DATASET);
            return measure(importer, new ProcessStats(clickHouse.client()), importArgs(log, DATASET, parallelism), out);
        } catch (IOException | RuntimeException e) {
            out.println("fpi bench import: failed: " + e);
            return 1;
        }
    }

    private static int measure(DatasetImporter importer, ProcessStats processStats, ImportArgs args, PrintStream out) {
        ImportResult result;
        ProcessStats.Summary stats;
        double seconds;
        long peakSampled;
        long peakPools;
        long collections;
        try (HeapWatch heap = HeapWatch.start()) {
            long t0 = System.nanoTime();
            result = importer.run(args, new ImportTally());
            stats = processStats.summary(DATASET);
            seconds = (System.nanoTime() - t0) / 1e9;
            peakSampled = heap.peakSampledBytes();
            peakPools = heap.peakPoolsBytes();
            collections = heap.collections();
        }
        if (!result.complete()) {
            result.print(out);
            return 1;
        }
        double importSeconds = result.elapsed().toNanos() / 1e9;
        out.printf("import bench: %,d events, %,d cases from %s; import %.1f s, stats %.1f s; %s%n",
                result.expectedEvents(), stats.cases(), args.file().getFileName(), importSeconds,
                seconds - importSeconds, StatsCommand.toJson(stats));
        out.printf("import_events_per_s: %.0f events/s%n", result.expectedEvents() / seconds);
        out.printf("import_peak_heap_mb: %d MB%n", peakSampled >> 20);
        out.printf("import bench: heap in use peaked at %d MB (sampled every %d ms; pools' peaks summed, an upper bound:"
                        + " %d MB) of a %d MB maximum, %d collections; garbage not yet collected included%n",
                peakSampled >> 20, HeapWatch.SAMPLE_MS, peakPools >> 20, Runtime.getRuntime().maxMemory() >> 20, collections);
        return 0;
    }

    private static ImportArgs importArgs(Path file, String dataset, int parallelism) {
        return new ImportArgs(file, dataset, null, null, null, null, null, false, false, parallelism, false);
    }

    private static Path generated(Path dataDir, long events, long seed, PrintStream out) throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve("bench"));
        Path file = dir.resolve("synthetic-" + events + "-" + seed + ".xes.gz");
        if (!Files.isRegularFile(file)) {
            out.printf("import bench: generating %,d events into %s ...%n", events, file);
            Path tmp = dir.resolve(file.getFileName() + ".tmp.xes.gz");
            XesGenerator.write(tmp, events, seed);
            Files.move(tmp, file);
        }
        return file;
    }
}
