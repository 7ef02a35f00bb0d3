package io.fpi.importer.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.importer.mining.Dfg.Edge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Pm4pyDfgFileTest {

    @Test
    void reads_activities_by_index_then_starts_ends_and_edges() {
        Dfg dfg = Pm4pyDfgFile.parse(List.of("3", "a", "b x", "c", "1", "0x2", "2", "1x1", "2x1", "0>1x2", "1>2x1", "1>1x3"));

        assertThat(dfg).isEqualTo(new Dfg(
                Map.of(new Edge("a", "b x"), 2L, new Edge("b x", "c"), 1L, new Edge("b x", "b x"), 3L),
                Map.of("a", 2L), Map.of("b x", 1L, "c", 1L)));
    }

    @Test
    void a_line_that_does_not_fit_is_named() {
        assertThatThrownBy(() -> Pm4pyDfgFile.parse(List.of("1", "a", "1", "0x1", "1", "0x1", "0-0x1")))
                .hasMessage("line 7: expected an edge 'from>toXcount'");
        assertThatThrownBy(() -> Pm4pyDfgFile.parse(List.of("1", "a", "1", "3x1")))
                .hasMessage("line 4: activity index 3 out of range 0..0");
    }

    @Test
    void stats_count_variants_and_the_most_frequent_one() {
        List<List<String>> traces = List.of(List.of("a", "b"), List.of("a", "b"), List.of("a", "c", "b"), List.of("d"));

        assertThat(LogStats.of(traces)).isEqualTo(new LogStats(4, 8, 4, 3, 3, 2));
    }
}
