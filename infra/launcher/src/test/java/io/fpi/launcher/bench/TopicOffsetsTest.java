package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicOffsetsTest {
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void a_prefix_takes_the_same_share_of_every_partition() {
        TopicOffsets o = new TopicOffsets(Map.of(P0, 0L, P1, 100L), Map.of(P0, 600L, P1, 500L));
        assertThat(o.records()).isEqualTo(1_000);
        Map<TopicPartition, Long> half = o.prefix(500);
        assertThat(half).containsEntry(P0, 300L).containsEntry(P1, 300L);
        assertThat(TopicOffsets.count(half, o.begin())).isEqualTo(500);
    }

    @Test
    void a_prefix_longer_than_the_topic_is_the_whole_topic() {
        TopicOffsets o = new TopicOffsets(Map.of(P0, 0L), Map.of(P0, 10L));
        assertThat(o.prefix(1_000)).containsEntry(P0, 10L);
    }
}
