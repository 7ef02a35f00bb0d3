package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values computed independently (Python) from the definitions in DISCUSSION.md. */
class HashesTest {

    @Test
    void the_variant_hash_is_fnv1a_64_over_length_prefixed_utf8_activities() {
        assertThat(Long.toUnsignedString(Hashes.variant(List.of("ORDER_PLACED", "PICKED", "DELIVERED"))))
                .isEqualTo("1293355255916495064");
        assertThat(Long.toUnsignedString(Hashes.variant(List.of()))).isEqualTo("14695981039346656037");
        assertThat(Long.toUnsignedString(Hashes.variant(List.of("Ün", "✓")))).isEqualTo("15969177441464382589");
    }

    @Test
    void the_length_prefix_keeps_different_splits_of_the_same_letters_apart() {
        assertThat(Hashes.variant(List.of("AB", "C"))).isNotEqualTo(Hashes.variant(List.of("A", "BC")));
    }

    @Test
    void the_event_id_hash_is_stable() {
        assertThat(Long.toUnsignedString(Hashes.eventId("evt-1"))).isEqualTo("18098808917602058673");
        assertThat(Hashes.eventId("evt-1")).isNotEqualTo(Hashes.eventId("evt-2"));
    }
}
