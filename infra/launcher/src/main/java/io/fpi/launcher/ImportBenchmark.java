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
 * end-to-end rate and the heap it took. End to end = format detection and fingerprint, the bounded
 * import job with its MiniCluster (parse, trace building, ClickHouse inserts), verification of the
 * stored rows, and the stats query. Not timed: ClickHouse start, the deletion of the previous run's
 * rows, and a smaller warm-up import before (the JIT compiles Flink's, Avro's and the parser's hot
 * code once per JVM: about 12 s of CPU, as much as the 1 M-event import itself, so a cold rate
 * measures the JIT more than the import; {@code --warmup 0} measures it anyway).
 *
 * <pre>
 * import_events_per_s: N events/s
 * import_peak_heap_mb: N MB
 * </pre>
 */
public final class ImportBenchmark {
    static final String DATASET = "bench-import";
    static final String WARMUP_DATASET = "bench-import-warmup";
    static final long DEFAULT_WARMUP_EVENTS = 100_000;
    static final String USAGE = "usage: fpi bench import [--events N] [--warmup N] [--seed S]\n"
            + "  --events N   events of the timed log (default 1000000)\n"
            + "  --warmup N   events of an untimed import first, so the JIT has compiled the hot code (default "
            + DEFAULT_WARMUP_EVENTS + "; 0: measure a cold JVM)\n";

    private ImportBenchmark() {}

    /** Entry point for the bench dispatcher; {@code args} are those after {@code import}. */
    public static int run(String[] args, PrintStream out) {
        return run(args, Env.system(), out);
    }

    static int run(String[] args, Env env, PrintStream out) {
        long events = 1_000_000;
        long warmup = DEFAULT_WARMUP_EVENTS;
        long seed = 42;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(args[++i].replace("_", ""));
                    case "--warmup" -> warmup = Long.parseLong(args[++i].replace("_", ""));
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
        } catch (RuntimeException e) {
            out.println("fpi bench import: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        ImportCommand.quietFlink();
        Path dataDir = DataDir.resolve(env);
        try (LocalClickHouseService clickHouse = LocalClickHouseService.start(env, dataDir)) {
            Path log = generated(dataDir, events, seed, out);
            DatasetImporter importer = new DatasetImporter(clickHouse.endpoint(), dataDir,
                    TraceJobConfig.parse(new String[0], env.asMap()).clickhouseSink());
            int parallelism = env.getInt("FPI_JOB_PARALLELISM", 2);
            if (warmup > 0) {
                // untimed; its dataset is simply imported again (idempotently) by the next run
                Path small = generated(dataDir, warmup, seed + 1, out);
                ImportResult w = importer.run(importArgs(small, WARMUP_DATASET, parallelism), new ImportTally());
                out.printf("import bench: warm-up import of %,d events in %.1f s (untimed)%n", w.expectedEvents(),
                        w.elapsed().toNanos() / 1e9);
            }
            new DatasetRows(clickHouse.client()).delete(DATASET); // untimed: last run's rows
            new ImportManifest.Store(dataDir).delete(DATASET);
            ImportArgs args1 = importArgs(log, DATASET, parallelism);
            ImportResult result;
            ProcessStats.Summary stats;
            long t0 = System.nanoTime();
            long peakUsed;
            try (HeapWatch heap = HeapWatch.start()) {
                t0 = System.nanoTime();
                result = importer.run(args1, new ImportTally());
                stats = new ProcessStats(clickHouse.client()).summary(DATASET);
                peakUsed = heap.peakUsedBytes();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!result.complete()) {
                result.print(out);
                return 1;
            }
            out.printf("import bench: %,d events, %,d cases from %s; import %.1f s, stats %.1f s; %s%n",
                    result.expectedEvents(), stats.cases(), log.getFileName(), result.elapsed().toNanos() / 1e9,
                    seconds - result.elapsed().toNanos() / 1e9, StatsCommand.toJson(stats));
            out.printf("import_events_per_s: %.0f events/s%n", result.expectedEvents() / seconds);
            out.printf("import_peak_heap_mb: %d MB%n", peakUsed >> 20);
            out.printf("import bench: peak heap %d MB of a %d MB maximum (the JVM's peak heap use, pools' peaks summed,"
                    + " garbage not yet collected included)%n", peakUsed >> 20, Runtime.getRuntime().maxMemory() >> 20);
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("fpi bench import: failed: " + e);
            return 1;
        }
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
