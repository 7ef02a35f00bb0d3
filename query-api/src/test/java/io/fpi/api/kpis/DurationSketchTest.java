package io.fpi.api.kpis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reader's copy of the sketch constants: the same golden values the writer (fpi-detection) asserts. */
class DurationSketchTest {

    @Test
    void buckets_and_representatives_match_the_writer() {
        assertThat(DurationSketch.bucket(0)).isZero();
        assertThat(DurationSketch.bucket(1)).isEqualTo(1);
        assertThat(DurationSketch.bucket(1_000)).isEqualTo(173);
        assertThat(DurationSketch.bucket(60_000)).isEqualTo(276);
        assertThat(DurationSketch.bucket(3_600_000)).isEqualTo(378);
        assertThat(DurationSketch.bucket(86_400_000)).isEqualTo(457);
        assertThat(DurationSketch.value(0)).isZero();
        assertThat(DurationSketch.value(173)).isEqualTo(993L);
        assertThat(DurationSketch.value(378)).isEqualTo(3_619_382L);
    }

    @Test
    void quantiles_take_the_rank_floor_q_times_n_and_skip_empty_buckets() {
        int[] buckets = {0, 173, 378, 457};
        long[] counts = {1, 0, 2, 1};

        assertThat(DurationSketch.quantile(buckets, counts, 0.0)).isZero();
        assertThat(DurationSketch.quantile(buckets, counts, 0.5)).isEqualTo(3_619_382L);
        assertThat(DurationSketch.quantile(buckets, counts, 0.99)).isEqualTo(DurationSketch.value(457));
        assertThat(DurationSketch.quantile(new int[0], new long[0], 0.5)).isNull();
    }
}
