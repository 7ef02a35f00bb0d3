package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fpi.detection.patterns.records.PatternState;
import org.junit.jupiter.api.Test;

class BaselineTest {

    @Test
    void with_no_history_the_mean_is_zero_and_sigma_is_floored_at_one_event() {
        Baseline b = Baseline.of(new PatternState(), 4);
        assertThat(b.mean()).isZero();
        assertThat(b.sigma()).isEqualTo(1.0);
        assertThat(b.threshold()).isEqualTo(4.0);
        assertThat(b.releaseThreshold()).isEqualTo(2.0);
    }

    @Test
    void the_weighted_mean_and_sigma_follow_the_counts_with_sigma_floored_at_the_square_root_of_the_mean() {
        PatternState s = new PatternState();
        for (int i = 0; i < 200; i++) {
            Baseline.learn(s, i % 2 == 0 ? 10 : 30, 0.2);
        }
        Baseline b = Baseline.of(s, 3);
        assertThat(b.mean()).isCloseTo(20, within(1.5));
        assertThat(b.sigma()).isCloseTo(10, within(0.5));

        PatternState steady = new PatternState();
        for (int i = 0; i < 50; i++) {
            Baseline.learn(steady, 16, 0.2);
        }
        assertThat(Baseline.of(steady, 3).sigma()).as("no variance observed: Poisson floor").isCloseTo(4.0, within(1e-9));
    }

    @Test
    void a_history_of_zeros_weighs_like_that_many_learned_zero_windows() {
        PatternState zeros = new PatternState();
        Baseline.startWithZeros(zeros, 6, 0.2);
        PatternState learned = new PatternState();
        for (int i = 0; i < 6; i++) {
            Baseline.learn(learned, 0, 0.2);
        }
        assertThat(zeros.weight).isCloseTo(learned.weight, within(1e-12));

        Baseline.learn(zeros, 10, 0.2);
        Baseline.learn(learned, 10, 0.2);
        assertThat(Baseline.of(zeros, 4).mean()).isCloseTo(Baseline.of(learned, 4).mean(), within(1e-12));
        // without the zeros the first window would be the whole baseline
        PatternState fresh = new PatternState();
        Baseline.learn(fresh, 10, 0.2);
        assertThat(Baseline.of(fresh, 4).mean()).isEqualTo(10.0);
        assertThat(Baseline.of(zeros, 4).mean()).isLessThan(4.0);
    }
}
