package io.fpi.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset's rows in ClickHouse as a whole: whether it exists, what it holds, deleting it. The
 * SQL of the import's bookkeeping, in one place; values go through {@link SqlLiterals}.
 */
final class DatasetRows {
    private static final Duration MUTATION_TIMEOUT = Duration.ofMinutes(10);

    /** What {@code events} and {@code traces} hold for a dataset, read with FINAL. */
    record Counts(long events, long traces, long eventsInTraces) {}

    private final ClickHouseClient client;

    DatasetRows(ClickHouseClient client) {
        this.client = client;
    }

    /** Rows stored for the dataset, without FINAL (replays not yet merged count too): > 0 means it exists. */
    long storedRows(String dataset) {
        String d = SqlLiterals.string(dataset);
        return client.queryOne("SELECT (SELECT count() FROM events WHERE dataset = " + d + ") + "
                + "(SELECT count() FROM traces WHERE dataset = " + d + ") AS n").get("n").asLong();
    }

    Counts counts(String dataset) {
        String d = SqlLiterals.string(dataset);
        JsonNode row = client.queryOne("SELECT (SELECT count() FROM events FINAL WHERE dataset = " + d + ") AS events, "
                + "(SELECT count() FROM traces FINAL WHERE dataset = " + d + ") AS traces, "
                + "(SELECT sum(event_count) FROM traces FINAL WHERE dataset = " + d + ") AS events_in_traces");
        return new Counts(row.get("events").asLong(), row.get("traces").asLong(), row.get("events_in_traces").asLong());
    }

    /** Every dataset with at least one trace, in name order. */
    List<String> datasets() {
        List<String> names = new ArrayList<>();
        for (JsonNode row : client.query("SELECT DISTINCT dataset FROM traces ORDER BY dataset")) {
            names.add(row.get("dataset").asText());
        }
        return names;
    }

    /**
     * Deletes the dataset's rows from both tables and waits until the mutations are done, so that
     * a following import is not deleted with them (a mutation only touches parts that existed when
     * it was submitted, but we do not rely on timing). ALTER ... DELETE exists since 18.16's
     * predecessors and in every current release.
     */
    void delete(String dataset) {
        if (storedRows(dataset) == 0) {
            return; // a mutation may rewrite every part of the table: not for nothing
        }
        String d = SqlLiterals.string(dataset);
        client.execute("ALTER TABLE events DELETE WHERE dataset = " + d);
        client.execute("ALTER TABLE traces DELETE WHERE dataset = " + d);
        String pending = "SELECT count() AS n FROM system.mutations WHERE database = "
                + SqlLiterals.string(client.endpoint().database()) + " AND table IN ('events', 'traces') AND is_done = 0";
        long deadline = System.nanoTime() + MUTATION_TIMEOUT.toNanos();
        while (client.queryOne(pending).get("n").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ClickHouse did not finish deleting dataset '" + dataset + "' within "
                        + MUTATION_TIMEOUT.toMinutes() + " min; see system.mutations");
            }
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ClickHouse to delete rows", e);
        }
    }
}
