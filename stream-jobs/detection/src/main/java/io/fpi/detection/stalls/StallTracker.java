package io.fpi.detection.stalls;

import static io.fpi.detection.stalls.StallState.NONE;

import io.fpi.policies.calendar.CarrierCutoff;
import io.fpi.policies.calendar.NodeCalendars;
import io.fpi.policies.sla.OrderSlaState;
import io.fpi.policies.sla.SlaPolicies;
import io.fpi.schemas.CanonicalActivity;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * Stall detection for one order at a time, without Flink. Feed it the order's events
 * ({@link #onEvent}) and its timer ({@link #onTimer}); {@link #nextTimer} is the instant its
 * event-time timer must be set to.
 *
 * <p>An order is <em>stalled</em> when it has not reached a new milestone for longer than its
 * stage's threshold ({@link StallRules}), measured from the stage's milestone on the rule's clock.
 * Non-milestone events (retries, syncs, scans) happen during a stage and do not count as progress,
 * with two exceptions: the resolution of a <em>pausing</em> exception (someone was working on the
 * order) restarts the clock, and repeated failures of the system the stage waits on make the order
 * <em>blocked</em>, which stalls it after the rule's much shorter {@code blocked_after}.
 *
 * <p>Like SLA findings, stalls are reported only when the watermark passes the instant they are
 * about, so the result does not depend on how events and watermarks interleave: a stall whose
 * order already moved on by the time the watermark gets there (a replay, a burst) is still
 * reported, followed by its RESOLVED. One episode at a time is kept per order; if a second one
 * completes before the watermark reaches the first (a replay faster than the watermark), the first
 * is reported early, with the same content.
 */
public final class StallTracker implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = 86_400_000L;
    private static final String RAISED = CanonicalActivity.EXCEPTION_RAISED.name();
    private static final String RESOLVED = CanonicalActivity.EXCEPTION_RESOLVED.name();
    private static final String FAILED = CanonicalActivity.INTEGRATION_CALL_FAILED.name();
    private static final String RETRIED = CanonicalActivity.INTEGRATION_CALL_RETRIED.name();

    private final StallRules rules;
    private final SlaPolicies policies;

    /** @param policies the SLA policy file: its calendars and carrier cut-offs, and its string interning */
    public StallTracker(StallRules rules, SlaPolicies policies) {
        this.rules = rules;
        this.policies = policies;
    }

    public StallRules rules() {
        return rules;
    }

    /**
     * Applies one event. Call it before the SLA evaluator sees the event, so that a stall of the
     * stage the event ends is judged with the order's attributes as they were.
     *
     * @param early receives the findings of an earlier episode that must be reported before its time
     *     (see the class comment); normally nothing
     */
    public void onEvent(StallState s, OrderSlaState o, String activity, long t, String source, String errorCode,
                        Consumer<StallFinding> early) {
        internStrings(s);
        if (CanonicalActivity.isMilestone(activity)) {
            onMilestone(s, o, intern(activity), t, source, early);
        } else if (s.stage != null && t >= s.sinceMs) {
            onActivityInStage(s, o, activity, t, source, errorCode, early);
        }
    }

    private void onMilestone(StallState s, OrderSlaState o, String activity, long t, String source,
                             Consumer<StallFinding> early) {
        s.recent = MilestoneRing.insert(s.recent, activity, t);
        StallEpisode ep = s.episode;
        if (ep != null && t > ep.sinceMs && !activity.equals(ep.stage) && (ep.movedMs == NONE || t < ep.movedMs)) {
            ep.movedMs = t; // the episode's order moved on (possibly earlier than we knew)
        }
        boolean later = s.stage == null || t > s.sinceMs || (t == s.sinceMs && !activity.equals(s.stage));
        if (!later || activity.equals(s.stage)) {
            return; // an earlier milestone arriving late, or a repeat of the current one: no move
        }
        settleBefore(s, o, t, t, early);
        s.stage = activity;
        s.sinceMs = t;
        s.clockMs = t;
        s.blockers = null;
        s.stageSource = intern(source);
    }

    private void onActivityInStage(StallState s, OrderSlaState o, String activity, long t, String source, String code,
                                   Consumer<StallFinding> early) {
        if (RAISED.equals(activity) && rules.pauses(code)) {
            if (t > s.clockMs && (s.holdMs() == NONE || t < s.holdMs())) {
                settleBefore(s, o, t, NONE, early);
                s.blockers().holdMs = t;
            }
        } else if (RESOLVED.equals(activity) && rules.pauses(code)) {
            if (t > s.clockMs) {
                settleBefore(s, o, t, NONE, early);
                s.clockMs = t;
                if (s.holdMs() != NONE && s.holdMs() <= t) {
                    s.blockers.holdMs = NONE;
                }
            }
        } else if (FAILED.equals(activity) || RETRIED.equals(activity)) {
            StallRule r = rule(s, o);
            if (r == null || r.blockedByFailures() == 0 || !r.responsible().equals(source)) {
                return;
            }
            StallBlockers b = s.blockers();
            if (FAILED.equals(activity)) {
                b.failures++;
                if (t > b.failedMs) {
                    b.failedMs = t;
                }
            } else if (t > b.retriedMs) {
                settleBefore(s, o, t, NONE, early); // a retry may end a blocked spell that was long enough
                b.retriedMs = t;
            }
        }
    }

    /**
     * Before the stage's situation changes at {@code t} (it moves, is paused, resumed or unblocked):
     * if it had become a stall by then under the old situation, that stall happened in event time,
     * even if the watermark has not got there yet; keep it as the episode, reported by the timer.
     *
     * @param movedAt t when the order moves on at t, NONE when it stays in the stage
     */
    private void settleBefore(StallState s, OrderSlaState o, long t, long movedAt, Consumer<StallFinding> early) {
        if (s.stage == null || s.episodeIsCurrent()) {
            return;
        }
        int[] reason = new int[1];
        long d = deadline(s, o, reason);
        if (d != NONE && d < t) {
            openEpisode(s, o, d, reason[0], movedAt, false, early);
        }
    }

    /**
     * Reports what is due by {@code timerMs}: the episode's STALL and RESOLVED, then a stall of the
     * current stage.
     */
    public void onTimer(StallState s, OrderSlaState o, long timerMs, Consumer<StallFinding> out) {
        internStrings(s);
        StallEpisode ep = s.episode;
        if (ep != null) {
            if (!ep.reported() && ep.atMs <= timerMs) {
                out.accept(stall(s, o));
                ep.flags |= StallEpisode.REPORTED;
            }
            if (ep.reported() && ep.movedMs != NONE && ep.movedMs <= timerMs) {
                out.accept(resolved(s, o));
                s.episode = null;
            }
        }
        if (s.stage != null && !s.episodeIsCurrent()) {
            int[] reason = new int[1];
            long d = deadline(s, o, reason);
            if (d != NONE && d <= timerMs) {
                openEpisode(s, o, d, reason[0], NONE, true, out);
            }
        }
    }

    /** The earliest instant a stall finding of the order may be due, or {@link Long#MAX_VALUE}. */
    public long nextTimer(StallState s, OrderSlaState o) {
        long next = Long.MAX_VALUE;
        StallEpisode ep = s.episode;
        if (ep != null) {
            if (!ep.reported()) {
                next = ep.atMs;
            } else if (ep.movedMs != NONE) {
                next = ep.movedMs;
            }
        }
        if (s.stage != null && !s.episodeIsCurrent()) {
            long d = deadline(s, o, new int[1]);
            if (d != NONE && d < next) {
                next = d;
            }
        }
        return next;
    }

    /** The rule watching the order's current stage, or null. */
    public StallRule rule(StallState s, OrderSlaState o) {
        return rules.resolve(s.stage, o.fulfillmentType, o.nodeId);
    }

    /**
     * When the current stage becomes a stall (NONE: never, e.g. no rule, or the order closed first),
     * and why ({@code reason[0]}).
     */
    long deadline(StallState s, OrderSlaState o, int[] reason) {
        StallRule r = rule(s, o);
        if (r == null || (o.closedAtMs != NONE && s.sinceMs >= o.closedAtMs)) {
            return NONE;
        }
        long d;
        if (s.holdMs() != NONE) {
            d = saturatedAdd(s.holdMs(), rules.holdThresholdMs());
            reason[0] = StallState.REASON_HOLD;
        } else {
            d = clockDeadline(r, s.clockMs, o);
            reason[0] = StallState.REASON_THRESHOLD;
        }
        StallBlockers bl = s.blockers;
        if (r.blockedByFailures() > 0 && bl != null && bl.failures >= r.blockedByFailures() && bl.failedMs != NONE
                && bl.failedMs > bl.retriedMs) {
            long b = Math.max(bl.failedMs + r.retryGraceMs(), blockedFrom(r, s, o) + r.blockedAfterMs());
            if (b < d) {
                d = b;
                reason[0] = StallState.REASON_BLOCKED;
            }
        }
        if (d == Long.MAX_VALUE || (o.closedAtMs != NONE && d >= o.closedAtMs)) {
            return NONE;
        }
        return d;
    }

    /**
     * Where blocked_after counts from: the stage's start, or on the cut-off clock the ready-by time of
     * the collection the parcel waits for (a store parcel labelled in the morning is not late for a
     * 16:00 collection at noon, however much the carrier fails meanwhile).
     */
    private long blockedFrom(StallRule r, StallState s, OrderSlaState o) {
        if (r.clock() == StallClock.CUTOFF) {
            CarrierCutoff c = policies.calendars().cutoffFor(o.carrier, o.region, o.nodeId);
            if (c != null) {
                return c.nextHandoffCutoff(s.clockMs) - (c.handoffByMinute() - c.readyByMinute()) * 60_000L;
            }
        }
        return s.sinceMs;
    }

    private long clockDeadline(StallRule r, long from, OrderSlaState o) {
        NodeCalendars calendars = policies.calendars();
        switch (r.clock()) {
            case BUSINESS:
                return calendars.calendarFor(o.region, o.nodeId).addOpenTime(from, r.thresholdMs());
            case CUTOFF:
                CarrierCutoff c = calendars.cutoffFor(o.carrier, o.region, o.nodeId);
                // no cut-off for this carrier and node: assume a daily collection
                return (c == null ? from + DAY_MS : c.nextHandoffCutoff(from)) + r.thresholdMs();
            default:
                return saturatedAdd(from, r.thresholdMs());
        }
    }

    /** Records the current stage's episode; reports it (and an older unfinished one first) if asked. */
    private void openEpisode(StallState s, OrderSlaState o, long at, int reason, long movedAt, boolean report,
                             Consumer<StallFinding> out) {
        if (s.episode != null) {
            // an older episode still waiting for the watermark: its content is settled, report it now
            if (!s.episode.reported()) {
                out.accept(stall(s, o));
            }
            out.accept(resolved(s, o));
        }
        StallEpisode ep = new StallEpisode();
        ep.stage = s.stage;
        ep.sinceMs = s.sinceMs;
        ep.atMs = at;
        ep.movedMs = movedAt;
        ep.flags = reason << 1;
        s.episode = ep;
        if (report) {
            out.accept(stall(s, o));
            ep.flags |= StallEpisode.REPORTED;
        }
    }

    private StallFinding stall(StallState s, OrderSlaState o) {
        StallEpisode ep = s.episode;
        StallRule r = rules.resolve(ep.stage, o.fulfillmentType, o.nodeId);
        int reason = ep.reason();
        long threshold = reason == StallState.REASON_HOLD ? rules.holdThresholdMs()
                : r == null ? 0 : reason == StallState.REASON_BLOCKED ? r.blockedAfterMs() : r.thresholdMs();
        String severity = reason == StallState.REASON_HOLD ? rules.holdSeverity() : r == null ? "warning" : r.severity();
        return new StallFinding(false, ep.stage, ep.sinceMs, ep.atMs, ep.atMs - ep.sinceMs, reason,
                threshold, responsible(s, r), severity, r == null ? StallClock.WALL : r.clock());
    }

    private StallFinding resolved(StallState s, OrderSlaState o) {
        StallEpisode ep = s.episode;
        StallRule r = rules.resolve(ep.stage, o.fulfillmentType, o.nodeId);
        return new StallFinding(true, ep.stage, ep.sinceMs, ep.movedMs, ep.movedMs - ep.sinceMs,
                ep.reason(), r == null ? 0 : r.thresholdMs(), responsible(s, r), "info",
                r == null ? StallClock.WALL : r.clock());
    }

    private static String responsible(StallState s, StallRule r) {
        return r != null && r.responsible() != null ? r.responsible()
                : s.episode.stage.equals(s.stage) ? s.stageSource : null;
    }

    private String intern(String v) {
        if (v == null) {
            return null;
        }
        return CanonicalActivity.of(v).map(Enum::name).orElseGet(() -> policies.intern(v));
    }

    /** After a restore the strings are private copies; share them again the first time the order is touched. */
    private void internStrings(StallState s) {
        if (s.stage != null) {
            s.stage = intern(s.stage);
            s.stageSource = intern(s.stageSource);
            if (s.episode != null) {
                s.episode.stage = intern(s.episode.stage);
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
