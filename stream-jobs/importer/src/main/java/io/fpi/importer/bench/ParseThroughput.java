package io.fpi.importer.bench;

import io.fpi.importer.EventLogImporter;
import io.fpi.importer.ImportOptions;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Parses a file into a counting sink and prints events/s and peak heap: a rerunnable check of
 * the import's speed (the issue asks for at least 50,000 events/s) and flat memory, kept out of
 * the test suite because timings on shared machines are noise, not failures.
 *
 * <p>{@code java -Xmx256m -cp <classpath> io.fpi.importer.bench.ParseThroughput FILE [FORMAT] [CASE_OBJECT_TYPE]}
 */
public final class ParseThroughput {

    private ParseThroughput() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ParseThroughput FILE [" + LogFormat.cliNames() + "] [CASE_OBJECT_TYPE]");
            System.exit(2);
        }
        LogFormat format = args.length > 1 && !args[1].isBlank() ? LogFormat.fromCliName(args[1]) : null;
        ImportOptions options = ImportOptions.builder("bench", System.currentTimeMillis())
                .caseObjectType(args.length > 2 ? args[2] : null)
                .progress(p -> System.out.printf("  %,d events read, %.0f%% of %s pass%n",
                        p.eventsRead(), 100 * Math.max(0, p.fraction()), p.phase()), 1_000_000)
                .build();
        long[] imported = {0};
        ImportReport report = EventLogImporter.importFile(Path.of(args[0]), format, options, e -> imported[0]++);
        System.out.println(report.summary());
        System.out.printf("events/s: %.0f, peak heap used: %d MiB (max heap %d MiB)%n",
                report.eventsPerSecond(), peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** Sum of the heap pools' peaks: an upper bound of the live heap at any moment. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
