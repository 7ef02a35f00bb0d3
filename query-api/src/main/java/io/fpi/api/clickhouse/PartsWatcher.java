package io.fpi.api.clickhouse;

import static io.fpi.api.Rows.longValue;
import static io.fpi.api.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells which parts of one MergeTree table hold rows not seen at the previous poll: what lets the API
 * keep exact caches and indexes over a table that ingestion keeps writing (query-api/CACHE.md).
 *
 * <p>Every INSERT becomes a part with a fresh block number (plain MergeTree numbers a part when it is
 * committed, under the table lock, so numbers grow in commit order); merges combine parts without new
 * numbers; a mutation raises {@code data_version}. So a part whose max block or data version exceeds
 * everything seen before in its partition holds unseen rows, and the caller reads just those parts
 * ({@code WHERE _part IN ...}, which ClickHouse prunes to them). A part mixing seen and unseen blocks
 * (a merge that outran the poll) is reported too: reading it whole gives more rows than needed, never
 * fewer. Parts that vanish without a covering successor (DROP/DETACH PARTITION, TRUNCATE) are rows
 * removed: their days are reported, or {@code removedUnknown} when the part had no date range.
 * Not thread-safe: its owner polls under its own lock.
 */
public final class PartsWatcher {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    private static final String PARTS = """
            SELECT partition_id, name, rows, min_block_number, max_block_number, data_version,
                   toString(min_date) AS min_day, toString(max_date) AS max_day
            FROM system.parts
            WHERE database = currentDatabase() AND table = %s AND active""";

    /**
     * One poll's news. {@code first}: the first poll, which only records the table's state (there is
     * nothing derived from it yet). {@code removedHours}: hour starts (epoch ms) of days whose rows were
     * dropped, for every dataset.
     */
    public record Delta(long generation, boolean first, List<String> newParts, long newRows, Set<Long> removedHours,
                        boolean removedUnknown) {
        public boolean removedAny() {
            return removedUnknown || !removedHours.isEmpty();
        }

        /** {@code _part IN (...)} over the new parts; only meaningful when there are some. */
        public String partCondition() {
            return "_part IN (" + String.join(", ", newParts.stream().map(SqlLiterals::string).toList()) + ")";
        }
    }

    private record Part(String partition, String name, long rows, long minBlock, long maxBlock, long dataVersion,
                        String minDay, String maxDay) {
    }

    private final TimedClickHouse clickHouse;
    private final String table;
    private final String queryName;
    private Map<String, Long> seenMax = new HashMap<>();
    private List<Part> seenParts = List.of();
    private long generation;

    public PartsWatcher(TimedClickHouse clickHouse, String table) {
        this.clickHouse = clickHouse;
        this.table = SqlLiterals.identifier(table);
        this.queryName = "parts." + table;
    }

    public String table() {
        return table;
    }

    public Delta poll() {
        boolean first = generation == 0;
        List<Part> parts = clickHouse.query(queryName, PARTS.formatted(SqlLiterals.string(table))).stream()
                .map(PartsWatcher::part).toList();
        Map<String, Long> max = new HashMap<>();
        List<String> unseen = new ArrayList<>();
        long unseenRows = 0;
        for (Part p : parts) {
            long top = Math.max(p.maxBlock(), p.dataVersion());
            max.merge(p.partition(), top, Math::max);
            if (top > seenMax.getOrDefault(p.partition(), Long.MIN_VALUE)) {
                unseen.add(p.name());
                unseenRows += p.rows();
            }
        }
        Set<Long> removed = new HashSet<>();
        boolean unknown = !first && !removed(parts, removed);
        seenMax = max;
        seenParts = parts;
        generation++;
        return new Delta(generation, first, first ? List.of() : List.copyOf(unseen), first ? 0 : unseenRows, removed, unknown);
    }

    /**
     * Adds the hours of the days of every seen part that no current part covers (its rows were
     * dropped) to {@code hours}; false when such a part's days are unknown.
     */
    private boolean removed(List<Part> now, Set<Long> hours) {
        for (Part old : seenParts) {
            boolean covered = now.stream().anyMatch(p -> p.partition().equals(old.partition())
                    && p.minBlock() <= old.minBlock() && p.maxBlock() >= old.maxBlock());
            if (covered) {
                continue;
            }
            try {
                long first = LocalDate.parse(old.minDay()).toEpochDay() * DAY_MS;
                long last = LocalDate.parse(old.maxDay()).toEpochDay() * DAY_MS + DAY_MS;
                for (long h = first; h < last; h += HOUR_MS) {
                    hours.add(h);
                }
            } catch (DateTimeException e) {
                return false; // 0000-00-00: a table without a date in its partition key
            }
        }
        return true;
    }

    private static Part part(JsonNode r) {
        return new Part(text(r, "partition_id"), text(r, "name"), longValue(r, "rows"), longValue(r, "min_block_number"),
                longValue(r, "max_block_number"), longValue(r, "data_version"), text(r, "min_day"), text(r, "max_day"));
    }
}
