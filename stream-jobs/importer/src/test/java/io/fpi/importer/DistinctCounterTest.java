package io.fpi.importer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistinctCounterTest {

    @Test
    void counts_each_distinct_value_once_across_table_growth() {
        DistinctCounter counter = new DistinctCounter();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100_000; i++) {
                counter.add("case-" + i);
            }
        }
        counter.add("");

        assertThat(counter.count()).isEqualTo(100_001);
        assertThat(counter.add("case-7")).isFalse();
        assertThat(counter.add("case-100000")).isTrue();
    }
}
