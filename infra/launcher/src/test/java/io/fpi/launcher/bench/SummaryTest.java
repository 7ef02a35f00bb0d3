package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void median_of_an_odd_count_is_the_middle_sample_whatever_the_order() {
        Summary s = Summary.of(30, 10, 20);
        assertThat(s.median()).isEqualTo(20);
        assertThat(s.min()).isEqualTo(10);
        assertThat(s.max()).isEqualTo(30);
        assertThat(s.samples()).containsExactly(30.0, 10.0, 20.0); // run order is kept
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assertThat(Summary.of(4, 1, 3, 2).median()).isEqualTo(2.5);
    }

    @Test
    void quartiles_interpolate_between_order_statistics() {
        Summary s = Summary.of(10, 20, 30, 40, 50);
        assertThat(s.p25()).isEqualTo(20);
        assertThat(s.p75()).isEqualTo(40);
        Summary three = Summary.of(1, 2, 4);
        assertThat(three.p25()).isEqualTo(1.5);
        assertThat(three.p75()).isEqualTo(3);
    }

    @Test
    void percentile_99_of_a_hundred_values_lies_between_the_top_two() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        assertThat(Summary.quantile(v, 0.99)).isCloseTo(99.01, within(1e-9));
        assertThat(Summary.quantile(v, 0.5)).isEqualTo(50.5);
    }

    @Test
    void a_single_sample_has_no_spread() {
        Summary s = Summary.single(7);
        assertThat(s.repeated()).isFalse();
        assertThat(s.median()).isEqualTo(7);
        assertThat(s.rangePercent()).isZero();
    }

    @Test
    void range_percent_is_max_minus_min_over_the_median() {
        assertThat(Summary.of(90, 100, 110).rangePercent()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void no_samples_is_an_error() {
        assertThatThrownBy(Summary::of).isInstanceOf(IllegalArgumentException.class);
    }
}
