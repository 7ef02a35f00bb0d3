package io.fpi.webhooks.delivery;

import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A subscription's grouping windows, one per group key. The first finding of a quiet key goes out
 * at once (no added latency for isolated findings) and opens a window; findings of that key
 * arriving while it is open are held, and when it closes they leave as one grouped alert, which
 * opens the next window. A flood of 500 stalls thus becomes one alert, then one alert per window
 * with the count, instead of 500. Only the first {@code headLimit} findings of a batch are kept
 * whole; the rest are kept as ids. Not thread-safe: its worker guards it.
 */
final class Grouper {
    /** Findings held for one key while its window is open. */
    static final class Batch {
        final String key;
        final Map<String, String> labels;
        final long windowStartMs;
        long windowEndMs;
        final List<Finding> head = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final List<Ticket> tickets = new ArrayList<>();

        Batch(String key, Map<String, String> labels, long startMs, long endMs) {
            this.key = key;
            this.labels = labels;
            this.windowStartMs = startMs;
            this.windowEndMs = endMs;
        }
    }

    private final int headLimit;
    private long windowMs;
    private final Map<String, Batch> open = new HashMap<>();
    private final PriorityQueue<Batch> byEnd = new PriorityQueue<>((a, b) -> Long.compare(a.windowEndMs, b.windowEndMs));

    Grouper(long windowMs, int headLimit) {
        this.windowMs = windowMs;
        this.headLimit = Math.max(1, headLimit);
    }

    void setWindow(long ms) {
        this.windowMs = ms;
    }

    /** @return true when the finding should be sent now on its own; false when it was held */
    boolean offer(String key, Map<String, String> labels, Finding f, Ticket ticket, long nowMs) {
        if (windowMs <= 0) {
            return true;
        }
        Batch b = open.get(key);
        if (b == null) {
            b = new Batch(key, labels, nowMs, nowMs + windowMs);
            open.put(key, b);
            byEnd.add(b);
            return true;
        }
        if (b.head.size() < headLimit) {
            b.head.add(f);
        }
        b.ids.add(f.getFindingId());
        b.tickets.add(ticket);
        return false;
    }

    /** Batches whose window has ended and that hold findings; their keys get a fresh window. */
    List<Batch> due(long nowMs) {
        List<Batch> out = new ArrayList<>();
        while (!byEnd.isEmpty() && byEnd.peek().windowEndMs <= nowMs) {
            Batch b = byEnd.poll();
            open.remove(b.key);
            if (!b.ids.isEmpty()) {
                b.windowEndMs = nowMs;
                out.add(b);
                Batch next = new Batch(b.key, b.labels, nowMs, nowMs + Math.max(1, windowMs));
                open.put(b.key, next);
                byEnd.add(next);
            }
        }
        return out;
    }

    /** When the next window ends, or Long.MAX_VALUE. */
    long nextDeadline() {
        return byEnd.isEmpty() ? Long.MAX_VALUE : byEnd.peek().windowEndMs;
    }

    /** Everything held (for a deleted subscription, whose held findings are dropped). */
    List<Batch> drain() {
        List<Batch> out = new ArrayList<>(open.values());
        open.clear();
        byEnd.clear();
        return out;
    }
}
