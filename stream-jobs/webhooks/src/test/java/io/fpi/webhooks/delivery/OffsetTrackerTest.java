package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("fpi.findings", 0);
    private static final TopicPartition P1 = new TopicPartition("fpi.findings", 1);

    @Test
    void the_commit_stops_at_the_lowest_finding_not_yet_durable_for_every_subscription() {
        OffsetTracker t = new OffsetTracker();
        Ticket a = t.register(P0, 10, 2);
        Ticket b = t.register(P0, 11, 1);
        t.register(P0, 12, 0); // matched nothing

        b.done();
        assertThat(t.committable().get(P0).offset()).as("10 still open").isEqualTo(10);
        a.done();
        assertThat(t.committable().get(P0).offset()).as("one of two subscriptions left").isEqualTo(10);
        a.done();
        assertThat(t.committable().get(P0).offset()).isEqualTo(13);
        assertThat(t.outstanding()).isZero();
    }

    @Test
    void committed_offsets_are_not_offered_again_and_partitions_are_independent() {
        OffsetTracker t = new OffsetTracker();
        t.register(P0, 5, 0);
        Ticket p1 = t.register(P1, 7, 1);
        var first = t.committable();
        assertThat(first.get(P0).offset()).isEqualTo(6);
        assertThat(first.get(P1).offset()).isEqualTo(7);
        t.committed(first);
        assertThat(t.committable()).isEmpty();
        p1.done();
        assertThat(t.committable()).containsOnlyKeys(P1);
    }

    @Test
    void tickets_of_a_revoked_partition_no_longer_count() {
        OffsetTracker t = new OffsetTracker();
        Ticket old = t.register(P0, 1, 1);
        t.forget(List.of(P0));
        assertThat(t.outstanding()).isZero();
        Ticket fresh = t.register(P0, 1, 1);
        old.done(); // late, from before the revocation
        assertThat(t.outstanding()).isEqualTo(1);
        fresh.done();
        assertThat(t.outstanding()).isZero();
    }
}
