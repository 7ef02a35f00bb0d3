package io.fpi.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.io.PrintStream;
import java.util.Map;

/**
 * Generates the benchmark's data straight into ClickHouse with INSERT ... SELECT over numbers(), as
 * the pipeline would have written it: traces (one version per order), their events, the kpi_minute
 * rows the KPI topology would derive from them, SLA findings and exception windows. Orders are
 * spread evenly over the span before {@code endMs}. A marker table records a finished generation so
 * that a rerun with the same size reuses it (generating 10 M events takes minutes).
 */
final class BenchData {
    /** Mean events per generated order (measured on the generator's mix), to size orders from events. */
    static final double EVENTS_PER_ORDER = 13.29;
    static final String DATASET = "bench";
    private static final long CHUNK_ORDERS = 250_000;
    private static final long DAY_MS = 86_400_000L;
    private static final String INFO = "bench_api_info";

    /** What a generation produced. */
    record Loaded(long orders, long startMs, long endMs, long events) {
    }

    private BenchData() {}

    /** The generation already in the database when it has this size, else null. */
    static Loaded existing(ClickHouseClient ch, long orders, long spanMs) {
        ch.execute("CREATE TABLE IF NOT EXISTS " + INFO + " (orders UInt64, start_ms Int64, end_ms Int64, events UInt64)"
                + " ENGINE = TinyLog");
        JsonNode r = ch.queryOne("SELECT orders, start_ms, end_ms, events FROM " + INFO + " LIMIT 1");
        if (r == null || r.get("orders").asLong() != orders || r.get("end_ms").asLong() - r.get("start_ms").asLong() != spanMs) {
            return null;
        }
        return new Loaded(orders, r.get("start_ms").asLong(), r.get("end_ms").asLong(), r.get("events").asLong());
    }

    static Loaded generate(ClickHouseClient ch, long orders, long endMs, long spanMs, PrintStream log) {
        for (String table : new String[] {"traces", "events", "kpi_minute", "findings", "exception_windows", INFO}) {
            ch.execute("TRUNCATE TABLE IF EXISTS " + table);
        }
        long startMs = endMs - spanMs;
        for (long chunk = 0; chunk < orders; chunk += CHUNK_ORDERS) {
            long first = chunk;
            long n = Math.min(CHUNK_ORDERS, orders - first);
            timed(log, "traces " + first + ".." + (first + n), () -> ch.execute(traces(first, n,
                    startMs + first * spanMs / orders, n * spanMs / orders, 60_000, endMs)));
            timed(log, "events " + first + ".." + (first + n), () -> ch.execute(events(first, first + n)));
        }
        for (long lo = startMs - startMs % DAY_MS - DAY_MS; lo < endMs + DAY_MS; lo += 5 * DAY_MS) {
            long from = lo;
            timed(log, "kpi_minute from day " + from / DAY_MS, () -> ch.execute(kpiMinute(0, orders, from, from + 5 * DAY_MS,
                    endMs, false)));
        }
        timed(log, "findings", () -> ch.execute(BenchSql.render("findings.sql", DATASET, Map.of("end", endMs))));
        for (String scope : new String[] {"all", "region"}) {
            timed(log, "exception_windows " + scope, () -> ch.execute(BenchSql.render("exception_windows.sql", DATASET, Map.of(
                    "scope_name", "'" + scope + "'", "location", "all".equals(scope) ? "''" : "region",
                    "lo", startMs - DAY_MS, "hi", endMs + DAY_MS))));
        }
        long events = ch.queryOne("SELECT count() AS n FROM events").get("n").asLong();
        ch.execute("INSERT INTO " + INFO + " VALUES (" + orders + ", " + startMs + ", " + endMs + ", " + events + ")");
        return new Loaded(orders, startMs, endMs, events);
    }

    /**
     * Where this run's live data starts: after every order and minute row already there (an earlier run
     * may have written live data too), so that live rows never replace or delete others. Returns
     * {first order index, first live minute (epoch ms)}.
     */
    static long[] liveStart(ClickHouseClient ch, Loaded data) {
        String dataset = io.fpi.runtime.clickhouse.SqlLiterals.string(DATASET);
        JsonNode ids = ch.queryOne("SELECT max(order_id) AS id FROM traces PREWHERE dataset = " + dataset);
        long first = data.orders();
        String maxId = ids == null ? "" : ids.get("id").asText();
        if (maxId.startsWith("ORD-bench-")) {
            first = Math.max(first, Long.parseLong(maxId.substring("ORD-bench-".length())) + 1);
        }
        JsonNode minutes = ch.queryOne("SELECT max(minute_ms) AS m FROM kpi_minute PREWHERE dataset = " + dataset);
        long last = Math.max(data.endMs(), minutes == null ? 0 : minutes.get("m").asLong());
        // the generated orders reach a minute past the data's end: start on a whole minute after that
        return new long[] {first, last - last % 60_000 + 2 * 60_000};
    }

    /** Orders [first, first + n) placed over [start, start + span), with the activities due before {@code endMs}. */
    static String traces(long first, long n, long start, long span, long jitterMs, long endMs) {
        return BenchSql.render("traces.sql", DATASET, Map.of("first", first, "orders", n, "start", start,
                "span", Math.max(1, span), "jitter", Math.max(1, jitterMs), "end", endMs));
    }

    static String events(long first, long end) {
        return BenchSql.render("events.sql", DATASET, Map.of("first_id", quoted(BenchSql.orderId(first)),
                "end_id", quoted(BenchSql.orderId(end))));
    }

    /** kpi_minute rows of the minutes [lo, hi) from the orders [first, end); {@code latest}: traces may hold several versions. */
    static String kpiMinute(long first, long end, long lo, long hi, long endMs, boolean latest) {
        return BenchSql.render("kpi_minute.sql", DATASET, Map.of("first_id", quoted(BenchSql.orderId(first)),
                "end_id", quoted(BenchSql.orderId(end)), "lo", lo, "hi", hi, "end", endMs, "final", latest ? "FINAL" : ""));
    }

    private static String quoted(String s) {
        return io.fpi.runtime.clickhouse.SqlLiterals.string(s);
    }

    private static void timed(PrintStream log, String what, Runnable step) {
        long t = System.nanoTime();
        step.run();
        log.printf("# generated %s in %.1f s%n", what, (System.nanoTime() - t) / 1e9);
    }
}
