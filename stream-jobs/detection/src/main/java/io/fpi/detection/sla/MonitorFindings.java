package io.fpi.detection.sla;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.stalls.MilestoneRing;
import io.fpi.detection.stalls.StallFinding;
import io.fpi.detection.stalls.StallRule;
import io.fpi.detection.stalls.StallRules;
import io.fpi.detection.stalls.StallState;
import io.fpi.policies.config.Durations;
import io.fpi.policies.sla.FindingIds;
import io.fpi.policies.sla.FindingType;
import io.fpi.policies.sla.OrderSlaState;
import io.fpi.policies.sla.Severity;
import io.fpi.policies.sla.SlaFinding;
import io.fpi.schemas.CanonicalActivity;
import io.fpi.schemas.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the evaluator's {@link SlaFinding}s and the tracker's {@link StallFinding}s into the
 * {@link Finding} contract, adding what the order's state knows: the stage it was in at the
 * instant, the responsible node and system, its channel and type, and the trace so far.
 *
 * <p>Ids: SLA findings keep the policy module's {@link FindingIds} (UUIDv3 of dataset, order,
 * policy, rule, type; documented in infra/sla/README.md); a STALL is
 * {@code FindingTypes.id("STALL", dataset, order, stage, since)} and its RESOLVED
 * {@code FindingTypes.id("RESOLVED", stall id)}. None depends on wall-clock time, so a replay
 * reproduces them.
 */
final class MonitorFindings {
    private MonitorFindings() {}

    static Finding sla(SlaFinding f, OrderMonitorState m, StallRules stallRules) {
        long at = f.occurredAtMs();
        String stage = stageAt(m, at);
        String type = f.type().name();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("rule_kind", f.kind().name());
        evidence.put("anchor", f.anchor().name());
        evidence.put("clock", f.clock().name());
        evidence.put("policy_severity", f.severity().name());
        putIfSet(evidence, "window_start_ms", f.windowStartMs());
        putIfSet(evidence, "at_risk_ms", f.atRiskMs());
        putIfSet(evidence, "satisfied_at_ms", f.satisfiedAtMs());
        if (f.satisfiedBy() != null) {
            evidence.put("satisfied_by", f.satisfiedBy());
        }
        evidence.put("late_by_ms", Long.toString(f.lateByMs()));
        return Finding.newBuilder()
                .setFindingId(f.findingId())
                .setType(type)
                .setDataset(f.dataset())
                .setOrderId(f.orderId())
                .setDetectedAt(at)
                .setSeverity(severity(f.type(), f.severity()))
                .setResolves(f.type() == FindingType.RESOLVED
                        ? FindingIds.of(f.dataset(), f.orderId(), f.policyId(), f.rule(), FindingType.SLA_BREACH) : null)
                .setPolicyId(f.policyId())
                .setPolicyVersion(f.policyVersion())
                .setMilestone(f.rule())
                .setDeadline(f.deadlineMs())
                .setStage(stage)
                .setLastActivity(lastActivity(m, at, stage))
                .setNodeId(f.nodeId())
                .setRegion(f.region())
                .setChannel(m.sla.channel)
                .setFulfillmentType(m.sla.fulfillmentType)
                .setSourceSystem(responsible(m, stage, stallRules))
                .setTraceSummary(MilestoneRing.summary(m.recent, m.sla.placedAtMs, at))
                .setMessage(slaMessage(f, stage))
                .setEvidence(evidence)
                .build();
    }

    static Finding stall(StallFinding f, OrderMonitorState m, String dataset, String orderId, String rulesVersion) {
        String stallId = FindingTypes.id(FindingTypes.STALL, dataset, orderId, f.stage(), Long.toString(f.sinceMs()));
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("since_ms", Long.toString(f.sinceMs()));
        evidence.put("reason", f.reasonName());
        evidence.put("threshold_ms", Long.toString(f.thresholdMs()));
        evidence.put("clock", f.clock().name());
        evidence.put("thresholds_version", rulesVersion == null ? "" : rulesVersion);
        String last;
        if (f.resolved()) {
            last = MilestoneRing.stageAt(m.recent, f.atMs());
        } else if (f.reason() == StallState.REASON_BLOCKED) {
            last = CanonicalActivity.INTEGRATION_CALL_FAILED.name();
        } else {
            last = lastActivity(m, f.atMs(), f.stage());
        }
        OrderSlaState o = m.sla;
        return Finding.newBuilder()
                .setFindingId(f.resolved() ? FindingTypes.id(FindingTypes.RESOLVED, stallId) : stallId)
                .setType(f.resolved() ? FindingTypes.RESOLVED : FindingTypes.STALL)
                .setDataset(dataset)
                .setOrderId(orderId)
                .setDetectedAt(f.atMs())
                .setSeverity(f.severity())
                .setResolves(f.resolved() ? stallId : null)
                .setStage(f.stage())
                .setLastActivity(last)
                .setIdleMs(f.idleMs())
                .setNodeId(o.nodeId)
                .setRegion(o.region)
                .setChannel(o.channel)
                .setFulfillmentType(o.fulfillmentType)
                .setSourceSystem(f.responsible())
                .setTraceSummary(MilestoneRing.summary(m.recent, o.placedAtMs, f.atMs()))
                .setMessage(stallMessage(f, orderId, last))
                .setEvidence(evidence)
                .build();
    }

    /** Policy severities on the wire: a breach keeps its weight, an early warning is one step lighter. */
    static String severity(FindingType type, Severity s) {
        switch (type) {
            case RESOLVED:
                return FindingTypes.INFO;
            case AT_RISK:
                return s == Severity.LOW ? FindingTypes.INFO : FindingTypes.WARNING;
            default:
                return s == Severity.LOW ? FindingTypes.INFO : s == Severity.MEDIUM ? FindingTypes.WARNING : FindingTypes.CRITICAL;
        }
    }

    private static String stageAt(OrderMonitorState m, long instant) {
        String s = MilestoneRing.stageAt(m.recent, instant);
        return s != null ? s : m.stage;
    }

    /** The last event if it is not later than the instant; else (events after it are known already) the stage. */
    private static String lastActivity(OrderMonitorState m, long instant, String stage) {
        return m.lastActivity != null && m.lastEventMs <= instant ? m.lastActivity : stage;
    }

    private static String responsible(OrderMonitorState m, String stage, StallRules rules) {
        StallRule r = rules.resolve(stage, m.sla.fulfillmentType, m.sla.nodeId);
        if (r != null && r.responsible() != null) {
            return r.responsible();
        }
        return stage != null && stage.equals(m.stage) ? m.stageSource : null;
    }

    private static String slaMessage(SlaFinding f, String stage) {
        String what = f.kind().name().toLowerCase(Locale.ROOT) + " " + f.rule() + " (policy " + f.policyId() + ")";
        String where = stage == null ? "" : "; the order was at " + stage;
        switch (f.type()) {
            case AT_RISK:
                return "Order " + f.orderId() + " is at risk of missing " + what + ": due " + instant(f.deadlineMs())
                        + ", " + Durations.format(-f.lateByMs()) + " left" + where + ".";
            case SLA_BREACH:
                return "Order " + f.orderId() + " missed " + what + ": due " + instant(f.deadlineMs())
                        + (f.satisfiedAtMs() == null ? "" : ", reached " + Durations.format(f.lateByMs()) + " late") + where + ".";
            default:
                return "Order " + f.orderId() + " reached " + f.rule() + " with " + f.satisfiedBy() + " "
                        + Durations.format(f.lateByMs()) + " after its deadline " + instant(f.deadlineMs()) + ".";
        }
    }

    private static String stallMessage(StallFinding f, String orderId, String last) {
        if (f.resolved()) {
            return "Order " + orderId + " moved on from " + f.stage() + " with " + last + " after "
                    + Durations.format(f.idleMs()) + ".";
        }
        String why = switch (f.reason()) {
            case StallState.REASON_BLOCKED -> "while " + f.responsible() + " keeps failing";
            case StallState.REASON_HOLD -> "with an exception open for over " + Durations.format(f.thresholdMs());
            default -> "past its threshold of " + Durations.format(f.thresholdMs()) + " (" + f.clock().name().toLowerCase(Locale.ROOT) + " clock)";
        };
        return "Order " + orderId + " has been stuck at " + f.stage() + " for " + Durations.format(f.idleMs()) + " " + why
                + (f.responsible() == null ? "" : "; waiting on " + f.responsible()) + ".";
    }

    private static void putIfSet(Map<String, String> evidence, String key, Long value) {
        if (value != null) {
            evidence.put(key, Long.toString(value));
        }
    }

    private static String instant(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
