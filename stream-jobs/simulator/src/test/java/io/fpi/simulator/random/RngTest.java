package io.fpi.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RngTest {
    @Test
    void the_generator_is_splitmix64_so_a_seed_means_the_same_numbers_everywhere() {
        // reference values of SplitMix64 seeded with 0
        Rng rng = new Rng(0);
        assertThat(rng.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(rng.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void derived_streams_differ_by_label_and_repeat_by_seed() {
        assertThat(Rng.of(42, 1).nextLong()).isEqualTo(Rng.of(42, 1).nextLong()).isNotEqualTo(Rng.of(42, 2).nextLong());
        assertThat(Rng.of(42, 1).nextLong()).isNotEqualTo(Rng.of(43, 1).nextLong());
    }

    @Test
    void lognormal_durations_have_the_requested_median_and_respect_the_cap() {
        Rng rng = new Rng(7);
        long[] v = new long[20_001];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.lognormal(60_000, 0.6, 300_000);
            assertThat(v[i]).isBetween(1L, 300_000L);
        }
        java.util.Arrays.sort(v);
        assertThat((double) v[10_000]).isCloseTo(60_000, within(3_000.0));
    }
}
