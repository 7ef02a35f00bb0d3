package io.fpi.webhooks.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once bookkeeping. Every consumed finding gets a {@link Ticket} with one part per
 * matching subscription; a part is done once that subscription's delivery holding the finding is
 * durable (its pending row is in ClickHouse) or the finding was dropped on purpose. A partition's
 * offset may be committed up to its lowest finding with parts still open, never beyond, so a crash
 * replays exactly the findings that were not yet durable anywhere.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private int outstanding;

    private static final class PartitionState {
        final TreeMap<Long, int[]> open = new TreeMap<>();
        long next = -1;          // one past the highest offset registered
        long lastCommitted = -1;
    }

    /** Registers a consumed record; {@code parts} = 0 means it needs nothing and is done at once. */
    public synchronized Ticket register(TopicPartition tp, long offset, int parts) {
        PartitionState p = partitions.computeIfAbsent(tp, k -> new PartitionState());
        p.next = Math.max(p.next, offset + 1);
        if (parts <= 0) {
            return Ticket.NONE;
        }
        p.open.put(offset, new int[] {parts});
        outstanding++;
        return new Ticket(this, tp, p, offset);
    }

    synchronized void done(TopicPartition tp, Object owner, long offset) {
        PartitionState p = partitions.get(tp);
        if (p == null || p != owner) {
            return; // the partition was revoked meanwhile; its new owner replays it
        }
        int[] left = p.open.get(offset);
        if (left != null && --left[0] == 0) {
            p.open.remove(offset);
            outstanding--;
        }
    }

    /** Offsets that may be committed and moved since the last call. */
    public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, p) -> {
            if (p.next < 0) {
                return;
            }
            long c = p.open.isEmpty() ? p.next : p.open.firstKey();
            if (c > p.lastCommitted) {
                out.put(tp, new OffsetAndMetadata(c));
            }
        });
        return out;
    }

    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> {
            PartitionState p = partitions.get(tp);
            if (p != null) {
                p.lastCommitted = Math.max(p.lastCommitted, o.offset());
            }
        });
    }

    public synchronized void forget(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionState p = partitions.remove(tp);
            if (p != null) {
                outstanding -= p.open.size();
            }
        }
    }

    /** Findings consumed and not yet handled by every matching subscription. */
    public synchronized int outstanding() {
        return outstanding;
    }
}
