package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.simulator.RecordKind;
import io.fpi.simulator.SimRecord;
import io.fpi.simulator.Simulator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InsertBatchesTest {

    @Test
    void one_trace_row_and_one_event_row_per_distinct_event_cut_into_batches_of_the_sink_size() {
        InsertBatches batches = new InsertBatches(2_500, 1_000);
        Iterator<SimRecord> records = Simulator.records(TopicFill.retailer("t", 3));
        Set<String> distinct = new HashSet<>();
        int duplicates = 0;
        while (batches.rows() < 2_500) {
            SimRecord r = records.next();
            batches.accept(r);
            if (r.kind() == RecordKind.DUPLICATE) {
                duplicates++;
            } else if (r.kind() == RecordKind.EVENT) {
                distinct.add(r.event().getEventId());
            }
        }
        for (int i = 0; i < 100; i++) {
            batches.accept(records.next()); // beyond the limit: ignored
        }
        batches.finish();

        assertThat(batches.rows()).isEqualTo(2_500).isEqualTo(distinct.size());
        assertThat(batches.traceBatches()).hasSize(3);
        assertThat(batches.eventBatches()).hasSize(3);
        assertThat(lines(batches.traceBatches().get(0))).isEqualTo(1_000);
        assertThat(lines(batches.traceBatches().get(2))).isEqualTo(500);
        assertThat(lines(batches.eventBatches().get(2))).isEqualTo(500);
        assertThat(new String(batches.traceBatches().get(0), StandardCharsets.UTF_8)).startsWith("{\"dataset\":\"t\"");
        // orders have several events each, so some rows are replaced within their batch
        assertThat(batches.supersededWithinBatch()).isPositive().isLessThan(2_500);
        assertThat(duplicates).as("the retailer's default noise includes duplicates, which add no rows").isPositive();
    }

    private static long lines(byte[] batch) {
        return new String(batch, StandardCharsets.UTF_8).lines().count();
    }
}
