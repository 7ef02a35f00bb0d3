package io.fpi.jobs.imports.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.traces.records.TraceRow;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The operator that keeps only the last of each run of one order's trace rows. */
class LatestTraceVersionTest {

    @Test
    void of_each_run_of_one_orders_rows_only_the_last_goes_on_at_the_next_order_or_the_end() throws Exception {
        try (OneInputStreamOperatorTestHarness<TraceRow, TraceRow> h = harness()) {
            for (TraceRow r : List.of(row("a", "o1", 1), row("a", "o1", 2), row("a", "o1", 3), row("a", "o2", 1),
                    row("b", "o2", 1), row("b", "o2", 2))) {
                h.processElement(r, 0);
            }
            assertThat(versions(h)).containsExactly("a/o1@3", "a/o2@1");
            h.endInput();
            assertThat(versions(h)).containsExactly("a/o1@3", "a/o2@1", "b/o2@2");
        }
    }

    @Test
    void interleaved_orders_lose_nothing_only_consecutive_repeats_are_dropped() throws Exception {
        try (OneInputStreamOperatorTestHarness<TraceRow, TraceRow> h = harness()) {
            for (TraceRow r : List.of(row("a", "o1", 1), row("a", "o2", 1), row("a", "o1", 2), row("a", "o1", 3))) {
                h.processElement(r, 0);
            }
            h.endInput();
            assertThat(versions(h)).containsExactly("a/o1@1", "a/o2@1", "a/o1@3");
        }
    }

    @Test
    void the_held_row_leaves_before_a_checkpoint_barrier_so_a_checkpoint_never_covers_an_unwritten_row() throws Exception {
        try (OneInputStreamOperatorTestHarness<TraceRow, TraceRow> h = harness()) {
            h.processElement(row("a", "o1", 1), 0);
            h.processElement(row("a", "o1", 2), 0);
            h.prepareSnapshotPreBarrier(1);
            assertThat(versions(h)).containsExactly("a/o1@2");
            h.processElement(row("a", "o1", 3), 0);
            h.endInput();
            assertThat(versions(h)).containsExactly("a/o1@2", "a/o1@3");
        }
    }

    private static OneInputStreamOperatorTestHarness<TraceRow, TraceRow> harness() throws Exception {
        OneInputStreamOperatorTestHarness<TraceRow, TraceRow> h = new OneInputStreamOperatorTestHarness<>(new LatestTraceVersion(null));
        h.open();
        return h;
    }

    private static List<String> versions(OneInputStreamOperatorTestHarness<TraceRow, TraceRow> h) {
        return h.extractOutputValues().stream().map(r -> r.dataset + "/" + r.orderId + "@" + r.version).toList();
    }

    private static TraceRow row(String dataset, String orderId, long version) {
        TraceRow r = new TraceRow();
        r.dataset = dataset;
        r.orderId = orderId;
        r.version = version;
        r.eventCount = (int) version;
        return r;
    }
}
