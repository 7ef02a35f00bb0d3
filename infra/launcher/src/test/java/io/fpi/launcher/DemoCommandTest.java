package io.fpi.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.runtime.config.Env;
import io.fpi.simulator.SimulateOptions;
import io.fpi.webhooks.WebhookConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    static final Path DATA = Path.of("/tmp/fpi-demo-test");
    static final long NOW = Instant.parse("2026-11-28T09:30:00Z").toEpochMilli();

    @Test
    void the_history_starts_at_the_latest_noon_utc_at_least_36_hours_back() {
        assertThat(Instant.ofEpochMilli(DemoCommand.historyStart(NOW))).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        // at 23:59, 36 h back is 11:59: that day's noon is a minute too late, so the day before's (~60 h)
        long lateEvening = Instant.parse("2026-11-28T23:59:00Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(DemoCommand.historyStart(lateEvening))).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        long midnight = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(DemoCommand.historyStart(midnight))).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        long justAfterMidnight = Instant.parse("2026-11-28T00:01:00Z").toEpochMilli();
        assertThat(Instant.ofEpochMilli(DemoCommand.historyStart(justAfterMidnight))).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        for (long t = NOW; t < NOW + 86_400_000L; t += 3_600_000L) {
            long back = t - DemoCommand.historyStart(t);
            assertThat(back).isBetween(36 * 3_600_000L, 60 * 3_600_000L);
        }
    }

    @Test
    void a_fresh_demo_replays_the_history_at_the_demo_speed_and_rate_with_seed_42() {
        SimulateOptions sim = DemoCommand.simulatorOptions(DemoOptions.parse(new String[0], 8080), DATA, NOW, null);

        assertThat(Instant.ofEpochMilli(sim.config().simStartMs())).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(sim.config().speedup()).isEqualTo(DemoCommand.DEMO_SPEEDUP);
        assertThat(sim.config().eventsPerSecond()).isEqualTo(DemoCommand.DEMO_RATE);
        assertThat(sim.config().seed()).isEqualTo(42);
        assertThat(sim.groundTruth()).startsWithRaw(DATA.resolve("ground-truth"));
    }

    @Test
    void a_demo_on_earlier_data_continues_where_it_ends_with_a_new_seed_unless_one_is_given() {
        long end = NOW - 3_600_000L;
        SimulateOptions again = DemoCommand.simulatorOptions(DemoOptions.parse(new String[0], 8080), DATA, NOW, end);
        assertThat(again.config().simStartMs()).isEqualTo(end);
        assertThat(again.config().seed()).isNotEqualTo(42);

        SimulateOptions seeded = DemoCommand.simulatorOptions(DemoOptions.parse(new String[] {"--seed", "7", "--rate", "300"}, 8080),
                DATA, NOW, end);
        assertThat(seeded.config().seed()).isEqualTo(7);
        assertThat(seeded.config().eventsPerSecond()).isEqualTo(300);

        // data older than the history window: a fresh history
        long old = NOW - 10 * 86_400_000L;
        assertThat(DemoCommand.simulatorOptions(DemoOptions.parse(new String[0], 8080), DATA, NOW, old).config().simStartMs())
                .isEqualTo(DemoCommand.historyStart(NOW));
    }

    @Test
    void bad_simulator_flags_fail_before_anything_starts() {
        assertThatThrownBy(() -> DemoCommand.simulatorOptions(DemoOptions.parse(new String[] {"--scenario", "meteor"}, 8080),
                DATA, NOW, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meteor");
    }

    @Test
    void the_demo_allows_receivers_on_this_machine_and_keeps_its_webhook_key_in_the_data_directory() {
        WebhookConfig c = DemoCommand.webhookConfig(new Env(Map.of()), DATA, 8123);
        assertThat(c.allowedHosts()).contains("127.0.0.0/8");
        assertThat(c.secretKeyFile()).isEqualTo(DATA.resolve("webhook-secret.key"));
        assertThat(c.externalUrl()).isEqualTo("http://localhost:8123/");

        WebhookConfig configured = DemoCommand.webhookConfig(new Env(Map.of("FPI_WEBHOOK_ALLOWED_HOSTS", "hooks.internal")), DATA, 8123);
        assertThat(configured.allowedHosts()).isEqualTo("hooks.internal");
    }
}
