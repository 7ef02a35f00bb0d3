package io.fpi.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.TestFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrouperTest {
    private static final Map<String, String> LABELS = Map.of("type", "STALL");

    private static Finding stall(int i) {
        return TestFindings.stall("stall-" + i, "demo", "NORTHEAST", "DC-NORTHEAST");
    }

    @Test
    void the_first_finding_of_a_quiet_key_goes_at_once_and_the_flood_after_it_leaves_as_one_batch() {
        Grouper g = new Grouper(10_000, 100);

        assertThat(g.offer("k", LABELS, stall(0), Ticket.none(), 0)).isTrue();
        for (int i = 1; i <= 499; i++) {
            assertThat(g.offer("k", LABELS, stall(i), Ticket.none(), i)).isFalse();
        }
        assertThat(g.due(9_999)).isEmpty();
        assertThat(g.nextDeadline()).isEqualTo(10_000);

        List<Grouper.Batch> due = g.due(10_000);
        assertThat(due).hasSize(1);
        Grouper.Batch b = due.get(0);
        assertThat(b.ids).hasSize(499).startsWith("stall-1").endsWith("stall-499");
        assertThat(b.head).as("only the first findings are kept whole").hasSize(100);
        assertThat(b.tickets).hasSize(499);
        assertThat(b.windowStartMs).isZero();
        assertThat(b.windowEndMs).isEqualTo(10_000);
    }

    @Test
    void a_key_that_keeps_flooding_gets_one_batch_per_window_and_a_quiet_window_closes_it() {
        Grouper g = new Grouper(1_000, 10);
        g.offer("k", LABELS, stall(0), Ticket.none(), 0);
        g.offer("k", LABELS, stall(1), Ticket.none(), 500);
        assertThat(g.due(1_000)).hasSize(1);
        assertThat(g.offer("k", LABELS, stall(2), Ticket.none(), 1_200)).as("held in the next window").isFalse();
        assertThat(g.due(2_000)).singleElement().satisfies(b -> assertThat(b.ids).containsExactly("stall-2"));
        assertThat(g.due(3_000)).as("nothing arrived").isEmpty();
        assertThat(g.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(g.offer("k", LABELS, stall(3), Ticket.none(), 3_500)).as("quiet again: sent at once").isTrue();
    }

    @Test
    void keys_have_separate_windows_and_a_zero_window_never_holds() {
        Grouper g = new Grouper(1_000, 10);
        assertThat(g.offer("a", LABELS, stall(0), Ticket.none(), 0)).isTrue();
        assertThat(g.offer("b", LABELS, stall(1), Ticket.none(), 0)).isTrue();
        assertThat(g.offer("a", LABELS, stall(2), Ticket.none(), 1)).isFalse();

        Grouper none = new Grouper(0, 10);
        for (int i = 0; i < 5; i++) {
            assertThat(none.offer("a", LABELS, stall(i), Ticket.none(), i)).isTrue();
        }
        assertThat(none.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
}
