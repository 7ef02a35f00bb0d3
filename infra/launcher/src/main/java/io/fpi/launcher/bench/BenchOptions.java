package io.fpi.launcher.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Options of {@code bin/fpi bench}. The defaults size {@code bench pipeline} to finish in about ten
 * minutes on two cores: 1 M events, one warm-up and three measured repetitions per stage.
 *
 * @param part          what to measure
 * @param events        records in the benchmark topic (every stage reads the same contents)
 * @param repetitions   measured repetitions per throughput stage
 * @param warmup        unmeasured repetitions before them (JIT, page cache, ClickHouse caches)
 * @param json          machine-readable copy of the figures, or null
 * @param stages        the pipeline stages to run (default: all)
 * @param parallelism   Flink parallelism and consumer threads; the real job's default is 2
 * @param b3Rows        trace rows pre-built for B3 (they are held in memory)
 * @param openOrders    open orders for the state-size figure (heap state backend)
 * @param rocksDbOrders open orders for the RocksDB figure (smaller: each new key is a RocksDB miss, slow on 2 cores)
 * @param latencySeconds how long the latency probe produces
 * @param latencyRate   events/s of the latency run; null = half of Full's median
 * @param profile       record Full once more under JFR into this file, or null
 * @param objectReuse   also measure Full without Flink object reuse (a what-if: the jobs enable it)
 * @param passThrough   the arguments after the part, unchanged (for {@code bench import})
 */
public record BenchOptions(Part part, long events, int repetitions, int warmup, Path json, Set<Stage> stages,
                           int parallelism, int b3Rows, int openOrders, int rocksDbOrders, int latencySeconds,
                           Double latencyRate, Path profile, boolean objectReuse, boolean help, List<String> passThrough) {

    public static final long DEFAULT_EVENTS = 1_000_000;
    public static final int DEFAULT_REPETITIONS = 3;
    public static final int DEFAULT_WARMUP = 1;
    public static final int DEFAULT_PARALLELISM = 2;
    public static final int DEFAULT_B3_ROWS = 200_000;
    public static final int DEFAULT_OPEN_ORDERS = 1_000_000;
    public static final int DEFAULT_ROCKSDB_ORDERS = 200_000;
    public static final int DEFAULT_LATENCY_SECONDS = 40;

    public static final String USAGE = String.join("\n",
            "usage: fpi bench [pipeline|api|webhooks|import|all] [options]",
            "",
            "  pipeline   B0 consume+decode, B1 Flink pass-through, B2 jobs without ClickHouse, B3 ClickHouse inserts,",
            "             Full pipeline (+ CPU), full_job: trace-only job vs the full detection job (FpiJob) in alternating",
            "             runs, latency event->queryable, memory: heap per open order of the trace job, full_job_memory:",
            "             of the full job  (the default: all stages)",
            "  api        query API latency with ~10 M events loaded and ingestion running (io.fpi.api.bench.ApiBenchmark;",
            "             its own options: --events N --days D --iterations N ..., see query-api/README.md)",
            "  webhooks   10,000 findings to 20 subscriptions on loopback receivers (io.fpi.webhooks.bench.WebhookBenchmark;",
            "             its own options: --findings N --rate R --burst N --subscriptions S --partitions P)",
            "  import     a generated 1 M-event XES log imported and mined (io.fpi.launcher.ImportBenchmark; --events N ...)",
            "  all        every part, each with its defaults",
            "",
            "options:",
            "  --events N            records in the benchmark topic (default " + DEFAULT_EVENTS + ")",
            "  --repetitions N       measured repetitions per stage (default " + DEFAULT_REPETITIONS + ")",
            "  --warmup N            unmeasured repetitions before them, over a fifth of the topic (default " + DEFAULT_WARMUP + ")",
            "  --json FILE           also write the figures as JSON (same names as keys)",
            "  --stages LIST         comma-separated subset of " + Stage.names() + " (default all)",
            "  --parallelism N       Flink parallelism and consumer threads (default " + DEFAULT_PARALLELISM + ", as the job)",
            "  --b3-rows N           trace rows pre-built for B3 (default " + DEFAULT_B3_ROWS + ")",
            "  --open-orders N       open orders for the heap state-size figure (default " + DEFAULT_OPEN_ORDERS + ")",
            "  --rocksdb-orders N    open orders for the RocksDB state-size figure (default min(open orders, "
                    + DEFAULT_ROCKSDB_ORDERS + "))",
            "  --latency-seconds N   how long the latency run produces (default " + DEFAULT_LATENCY_SECONDS + ")",
            "  --latency-rate N      events/s of the latency run (default: half of Full's median)",
            "  --profile FILE.jfr    run Full once more under Java Flight Recorder and summarise where it spends time",
            "  --what-if-no-object-reuse  also measure Full without Flink object reuse (the jobs enable it)",
            "",
            "Figures go to stdout as 'name: value unit' lines (median of the repetitions, with _min and _max);",
            "per-repetition detail goes to stderr. Kafka and ClickHouse: FPI_KAFKA_BOOTSTRAP / FPI_CLICKHOUSE_URL,",
            "else local ones in a temporary directory that is deleted afterwards.",
            "");

    /** What {@code bin/fpi bench} measures. */
    public enum Part {
        PIPELINE, API, WEBHOOKS, IMPORT, ALL;

        static Part parse(String s) {
            for (Part p : values()) {
                if (p.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The stages of {@code bench pipeline}, in the order they run. */
    public enum Stage {
        B0, B1, B2, B3, FULL, FULL_JOB, LATENCY, MEMORY, FULL_JOB_MEMORY;

        static String names() {
            return String.join(",", java.util.Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    public static BenchOptions parse(String[] args) {
        Part part = Part.PIPELINE;
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            part = Part.parse(args[0]);
            if (part == null) {
                throw new IllegalArgumentException("unknown part '" + args[0] + "'; expected pipeline, api, webhooks, import or all");
            }
            i = 1;
        }
        List<String> rest = List.of(args).subList(i, args.length);
        if (part == Part.IMPORT || part == Part.API || part == Part.WEBHOOKS) {
            // these benchmarks parse their own options
            return defaults(part, rest);
        }
        long events = DEFAULT_EVENTS;
        int repetitions = DEFAULT_REPETITIONS;
        int warmup = DEFAULT_WARMUP;
        Path json = null;
        Set<Stage> stages = EnumSet.allOf(Stage.class);
        int parallelism = DEFAULT_PARALLELISM;
        int b3Rows = DEFAULT_B3_ROWS;
        int openOrders = DEFAULT_OPEN_ORDERS;
        Integer rocksDbOrders = null;
        int latencySeconds = DEFAULT_LATENCY_SECONDS;
        Double latencyRate = null;
        Path profile = null;
        boolean objectReuse = false;
        boolean help = false;
        for (; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--events" -> events = positiveLong(a, value(args, i++));
                case "--repetitions" -> repetitions = (int) positiveLong(a, value(args, i++));
                case "--warmup" -> warmup = nonNegativeInt(a, value(args, i++));
                case "--json" -> json = Path.of(value(args, i++));
                case "--stages" -> stages = stages(value(args, i++));
                case "--parallelism" -> parallelism = (int) positiveLong(a, value(args, i++));
                case "--b3-rows" -> b3Rows = (int) positiveLong(a, value(args, i++));
                case "--open-orders" -> openOrders = (int) positiveLong(a, value(args, i++));
                case "--rocksdb-orders" -> rocksDbOrders = (int) positiveLong(a, value(args, i++));
                case "--latency-seconds" -> latencySeconds = (int) positiveLong(a, value(args, i++));
                case "--latency-rate" -> latencyRate = (double) positiveLong(a, value(args, i++));
                case "--profile" -> profile = Path.of(value(args, i++));
                case "--what-if-no-object-reuse" -> objectReuse = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new BenchOptions(part, events, repetitions, warmup, json, stages, parallelism, b3Rows, openOrders,
                rocksDbOrders != null ? rocksDbOrders : Math.min(openOrders, DEFAULT_ROCKSDB_ORDERS), latencySeconds,
                latencyRate, profile, objectReuse, help, rest);
    }

    private static BenchOptions defaults(Part part, List<String> rest) {
        return new BenchOptions(part, DEFAULT_EVENTS, DEFAULT_REPETITIONS, DEFAULT_WARMUP, null,
                EnumSet.allOf(Stage.class), DEFAULT_PARALLELISM, DEFAULT_B3_ROWS, DEFAULT_OPEN_ORDERS,
                DEFAULT_ROCKSDB_ORDERS, DEFAULT_LATENCY_SECONDS, null, null, false, false, rest);
    }

    /** The arguments for another part's benchmark: ours minus --json, whose file is the pipeline's. */
    public List<String> argumentsWithoutJson() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < passThrough.size(); i++) {
            if (passThrough.get(i).equals("--json")) {
                i++;
            } else {
                out.add(passThrough.get(i));
            }
        }
        return out;
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static long positiveLong(String name, String v) {
        long n = parseLong(name, v);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return n;
    }

    private static int nonNegativeInt(String name, String v) {
        long n = parseLong(name, v);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be 0 or more, got " + v);
        }
        return (int) n;
    }

    /** Accepts 1000000, 1_000_000, 1e6, 2M, 500k. */
    static long parseLong(String name, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace("_", "");
        try {
            long unit = 1;
            if (s.endsWith("k")) {
                unit = 1_000;
                s = s.substring(0, s.length() - 1);
            } else if (s.endsWith("m")) {
                unit = 1_000_000;
                s = s.substring(0, s.length() - 1);
            }
            double d = Double.parseDouble(s) * unit;
            if (d != Math.rint(d) || d > Long.MAX_VALUE || Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return (long) d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number (e.g. 1000000, 1e6, 2M, 500k), got '" + v + "'");
        }
    }

    private static Set<Stage> stages(String list) {
        Set<Stage> out = EnumSet.noneOf(Stage.class);
        for (String s : list.split(",")) {
            String t = s.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                out.add(Stage.valueOf(t.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown stage '" + t + "'; expected some of " + Stage.names());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--stages needs at least one of " + Stage.names());
        }
        return out;
    }
}
