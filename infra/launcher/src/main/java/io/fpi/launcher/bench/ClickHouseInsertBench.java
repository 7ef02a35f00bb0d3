package io.fpi.launcher.bench;

import io.fpi.jobs.traces.records.EventRowEncoder;
import io.fpi.jobs.traces.records.TraceRowEncoder;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * B3, the ClickHouse insert limit: pre-built JSONEachRow batches ({@link InsertBatches}) inserted
 * through {@link ClickHouseClient#insertJsonEachRow}, the call the sink makes, by as many threads as
 * the job has sink subtasks per table. The tables are emptied before each run.
 */
final class ClickHouseInsertBench {
    private final ClickHouseEndpoint endpoint;
    private final InsertBatches batches;
    private final int threadsPerTable;
    private final Duration requestTimeout;

    ClickHouseInsertBench(ClickHouseEndpoint endpoint, InsertBatches batches, int threadsPerTable, Duration requestTimeout) {
        this.endpoint = endpoint;
        this.batches = batches;
        this.threadsPerTable = threadsPerTable;
        this.requestTimeout = requestTimeout;
    }

    record Result(long rows, double seconds) {
        double perSecond() {
            return rows / seconds;
        }
    }

    /** Trace rows only: the figure b3_rows_per_s. */
    Result traces() throws Exception {
        truncate();
        return insert(List.of(new Table(TraceRowEncoder.TABLE, batches.traceBatches())));
    }

    /**
     * Trace rows and event rows at once, as the job writes them (one of each per distinct event):
     * events per second that ClickHouse can take from the pipeline.
     */
    Result tracesAndEvents() throws Exception {
        truncate();
        return insert(List.of(new Table(TraceRowEncoder.TABLE, batches.traceBatches()),
                new Table(EventRowEncoder.TABLE, batches.eventBatches())));
    }

    private record Table(String name, List<byte[]> batches) {}

    private Result insert(List<Table> tables) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerTable * tables.size(), r -> new Thread(r, "fpi-bench-b3"));
        try {
            List<Future<?>> work = new ArrayList<>();
            long start = System.nanoTime();
            for (Table t : tables) {
                ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(t.batches());
                for (int i = 0; i < threadsPerTable; i++) {
                    work.add(pool.submit(() -> {
                        ClickHouseClient client = new ClickHouseClient(endpoint, requestTimeout);
                        byte[] batch;
                        while ((batch = queue.poll()) != null) {
                            client.insertJsonEachRow(t.name(), batch);
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(batches.rows(), seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private void truncate() {
        ClickHouseClient c = new ClickHouseClient(endpoint);
        // TRUNCATE runs on 18.16 and current releases; the run then inserts into empty tables like Full
        c.execute("TRUNCATE TABLE " + TraceRowEncoder.TABLE);
        c.execute("TRUNCATE TABLE " + EventRowEncoder.TABLE);
    }
}
