package io.fpi.webhooks.delivery;

import org.apache.kafka.common.TopicPartition;

/** One consumed finding's claim on its offset; each matching subscription calls {@link #done()} once. */
public final class Ticket {
    static final Ticket NONE = new Ticket(null, null, null, -1);

    private final OffsetTracker tracker;
    private final TopicPartition partition;
    private final Object owner;
    private final long offset;

    Ticket(OffsetTracker tracker, TopicPartition partition, Object owner, long offset) {
        this.tracker = tracker;
        this.partition = partition;
        this.owner = owner;
        this.offset = offset;
    }

    /** A ticket for findings that do not come from Kafka (tests, reloads). */
    public static Ticket none() {
        return NONE;
    }

    public void done() {
        if (tracker != null) {
            tracker.done(partition, owner, offset);
        }
    }
}
