package io.fpi.detection.sla;

import io.fpi.detection.stalls.StallRules;
import io.fpi.policies.sla.SlaPolicies;
import io.fpi.runtime.config.Env;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Options of the order monitor (SLA and stall detection). Files are loaded and validated when the
 * config is built, i.e. on the client before the job is submitted: a broken file fails the
 * submission with every problem listed, not a task at 3 a.m.
 *
 * <table>
 *   <caption>Order monitor options</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@value SlaPolicies#ENV_VAR}</td><td>shipped infra/sla/policies.yaml</td><td>SLA policies and business calendars</td></tr>
 *   <tr><td>{@value StallRules#ENV_VAR}</td><td>shipped infra/sla/stalls.yaml</td><td>stall thresholds per stage</td></tr>
 *   <tr><td>{@value #IDLE_EXPIRY}</td><td>30d</td><td>state of an order that never closes is dropped this long after its last event</td></tr>
 *   <tr><td>{@value #IDLE_ADVANCE_AFTER}</td><td>off</td><td>live jobs: with every source partition silent this long (processing time), the watermark advances with the wall clock so stalls and deadlines still fire (io.fpi.jobs.common.IdleAdvancingWatermarks)</td></tr>
 * </table>
 *
 * @param idleAdvanceAfter null: off (bounded imports, replays); the job wiring passes it to the source
 */
public record MonitorConfig(SlaPolicies policies, StallRules stallRules, Duration idleExpiry, Duration idleAdvanceAfter)
        implements Serializable {

    public static final String IDLE_EXPIRY = "FPI_MONITOR_IDLE_EXPIRY";
    public static final String IDLE_ADVANCE_AFTER = "FPI_IDLE_ADVANCE_AFTER";
    public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofDays(30);

    /** The shipped files, idle advance off. */
    public static MonitorConfig defaults() {
        return fromEnv(Map.of());
    }

    public static MonitorConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        String advance = env.getOrNull(IDLE_ADVANCE_AFTER);
        return new MonitorConfig(
                SlaPolicies.fromSetting(env.getOrNull(SlaPolicies.ENV_VAR)),
                StallRules.fromSetting(env.getOrNull(StallRules.ENV_VAR)),
                env.getDuration(IDLE_EXPIRY, DEFAULT_IDLE_EXPIRY),
                advance == null || advance.isBlank() || advance.equalsIgnoreCase("off")
                        ? null : Env.parseDuration(IDLE_ADVANCE_AFTER, advance));
    }

    public MonitorConfig withStallRules(StallRules rules) {
        return new MonitorConfig(policies, rules, idleExpiry, idleAdvanceAfter);
    }

    public MonitorConfig withIdleAdvanceAfter(Duration after) {
        return new MonitorConfig(policies, stallRules, idleExpiry, after);
    }
}
