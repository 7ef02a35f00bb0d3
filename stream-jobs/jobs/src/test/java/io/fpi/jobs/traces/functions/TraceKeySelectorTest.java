package io.fpi.jobs.traces.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceKeySelectorTest {
    @Test
    void orders_of_datasets_whose_names_contain_a_slash_never_share_a_key() {
        assertThat(TraceKeySelector.of("a/b", "c")).isNotEqualTo(TraceKeySelector.of("a", "b/c"));
        assertThat(TraceKeySelector.of("", "x/y")).isNotEqualTo(TraceKeySelector.of("x", "y"));
    }

    @Test
    void the_same_order_always_gets_the_same_key() {
        assertThat(TraceKeySelector.of("demo", "ORD-1")).isEqualTo(TraceKeySelector.of("demo", "ORD-1"));
    }
}
