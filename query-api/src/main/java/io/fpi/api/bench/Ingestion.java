package io.fpi.api.bench;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live writes while the benchmark measures, as the pipeline makes them: once a second, new orders
 * placed "now" (a trace version and an ORDER_PLACED event each), new versions of the orders of the last
 * {@code REWRITTEN_SECONDS} seconds (the trace job rewrites a trace at every event) with their events,
 * and the kpi_minute rows of the current minutes, rewritten with a higher version. So ClickHouse
 * gets new parts every second in every table the API reads, merges them meanwhile, and FINAL has
 * stale versions to collapse, while the KPI cache sees its newest hour change all the time.
 */
final class Ingestion implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestion.class);
    private static final int REWRITTEN_SECONDS = 12;
    private static final long MINUTE_MS = 60_000;

    private final ClickHouseClient clickHouse;
    private final LongSupplier nowMs;
    private final long firstIndex;
    private final long startMs;
    private final long spacingMs;
    private final int ordersPerSecond;
    private final Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;
    private volatile long nextIndex;

    /**
     * @param firstIndex the first order index after the generated ones
     * @param startMs    a whole minute after every row already there, so that live minute rows never replace others
     * @param nowMs      the benchmark's "now" (data time), epoch ms
     */
    Ingestion(ClickHouseClient clickHouse, long firstIndex, long startMs, LongSupplier nowMs, int ordersPerSecond) {
        this.clickHouse = clickHouse;
        this.nowMs = nowMs;
        this.firstIndex = firstIndex;
        this.nextIndex = firstIndex;
        this.startMs = startMs;
        this.ordersPerSecond = Math.max(1, ordersPerSecond);
        this.spacingMs = Math.max(1, 1000 / this.ordersPerSecond);
        this.thread = new Thread(this::loop, "fpi-bench-ingestion");
        this.thread.setDaemon(true);
    }

    Ingestion start() {
        thread.start();
        return this;
    }

    /** Orders placed by the ingestion so far. */
    long orders() {
        return nextIndex - firstIndex;
    }

    /** Seconds with writes. */
    long ticks() {
        return ticks.get();
    }

    long failures() {
        return failures.get();
    }

    private void loop() {
        while (running) {
            long tick = System.nanoTime();
            try {
                tick();
            } catch (RuntimeException e) {
                if (!running) {
                    return; // closing interrupted a write
                }
                failures.incrementAndGet();
                LOG.warn("benchmark ingestion tick failed: {}", e.getMessage());
            }
            long sleep = 1000 - (System.nanoTime() - tick) / 1_000_000;
            if (sleep > 0 && running) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void tick() {
        long now = nowMs.getAsLong();
        if (now < startMs) {
            return;
        }
        long upTo = firstIndex + (now - startMs) / spacingMs; // orders placed before now
        long rewriteFrom = Math.max(firstIndex, nextIndex - (long) REWRITTEN_SECONDS * ordersPerSecond);
        if (upTo > rewriteFrom) {
            clickHouse.execute(BenchData.traces(rewriteFrom, upTo - rewriteFrom, startMs + (rewriteFrom - firstIndex) * spacingMs,
                    (upTo - rewriteFrom) * spacingMs, 1, now));
            clickHouse.execute(BenchData.events(rewriteFrom, upTo));
            long minute = now - now % MINUTE_MS;
            long minuteFirst = Math.max(firstIndex, upTo - 3 * MINUTE_MS / spacingMs);
            clickHouse.execute(BenchData.kpiMinute(minuteFirst, upTo, Math.max(startMs, minute - 2 * MINUTE_MS), minute + MINUTE_MS,
                    now, true));
            ticks.incrementAndGet();
        }
        nextIndex = upTo;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
