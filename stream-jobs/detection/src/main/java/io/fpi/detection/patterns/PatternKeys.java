package io.fpi.detection.patterns;

import io.fpi.detection.patterns.records.PatternHit;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which events count, and under which keys. An exception-like event (an activity of
 * {@link PatternConfig#activities()}) yields one {@link PatternHit} per configured scope.
 *
 * <p>The pattern key is readable and stable, e.g.
 * {@code INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|node=DC-NORTHEAST|region=NORTHEAST|channel=WEB|carrier=SWIFTSHIP}
 * at scope node, {@code INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP} at scope
 * all. Values escape {@code \} and {@code |} with a backslash, so two different keys never print
 * alike. The error code is the event's {@code error_code}, or its activity when it has none.
 */
public final class PatternKeys {
    /** Separates dataset, scope and pattern key in the detector's key; never part of a value we key by. */
    static final char SEPARATOR = '\u001f';

    private PatternKeys() {}

    public static boolean counts(FulfillmentEvent e, PatternConfig config) {
        return config.activities().contains(e.getActivity());
    }

    public static String errorCode(FulfillmentEvent e) {
        String code = e.getErrorCode();
        return code == null || code.isBlank() ? e.getActivity() : code;
    }

    /** One hit per scope of {@code config}, stamped with the dataset's first window. */
    public static List<PatternHit> hits(FulfillmentEvent e, PatternConfig config, long datasetStartMs) {
        String code = errorCode(e);
        List<String> attrKeys = new ArrayList<>(config.keyAttributes().size());
        List<String> attrValues = new ArrayList<>(config.keyAttributes().size());
        Map<String, String> attributes = e.getAttributes();
        for (String name : config.keyAttributes()) { // sorted by the config
            String v = attributes == null ? null : attributes.get(name);
            if (v != null && !v.isBlank()) {
                attrKeys.add(name);
                attrValues.add(v);
            }
        }
        String[] keys = attrKeys.toArray(new String[0]);
        String[] values = attrValues.toArray(new String[0]);
        List<PatternHit> hits = new ArrayList<>(config.scopes().size());
        for (PatternScope scope : config.scopes()) {
            if (!locatable(e, scope)) {
                continue;
            }
            PatternHit h = new PatternHit();
            h.dataset = e.getDataset();
            h.scope = scope.wireName();
            h.activity = e.getActivity();
            h.errorCode = code;
            h.sourceSystem = e.getSourceSystem();
            h.nodeId = scope.keysNode() ? nullToEmpty(e.getNodeId()) : null;
            h.region = scope.keysRegion() ? nullToEmpty(e.getRegion()) : null;
            h.channel = scope.keysChannel() ? nullToEmpty(e.getChannel()) : null;
            h.attrKeys = keys;
            h.attrValues = values;
            h.patternKey = patternKey(h);
            h.key = h.dataset + SEPARATOR + h.scope + SEPARATOR + h.patternKey;
            h.eventTimeMs = e.getEventTime();
            h.orderId = e.getOrderId();
            h.datasetStartMs = datasetStartMs;
            hits.add(h);
        }
        return hits;
    }

    /**
     * An event without the scope's location (no node for scope node, no region for scope region, no
     * channel for scope channel; e.g. a payment failure before sourcing) is not counted there: as
     * an "unknown location" key it would only repeat the coarser scope's count and findings.
     */
    static boolean locatable(FulfillmentEvent e, PatternScope scope) {
        return (!scope.keysNode() || present(e.getNodeId()))
                && (!scope.keysRegion() || scope.keysNode() || present(e.getRegion()))
                && (!scope.keysChannel() || scope.keysNode() || present(e.getChannel()));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    static String patternKey(PatternHit h) {
        StringBuilder b = new StringBuilder(96);
        escape(b, h.activity).append('|');
        escape(b, h.errorCode).append('|');
        escape(b, h.sourceSystem);
        if (h.nodeId != null) {
            escape(b.append("|node="), h.nodeId);
        }
        if (h.region != null) {
            escape(b.append("|region="), h.region);
        }
        if (h.channel != null) {
            escape(b.append("|channel="), h.channel);
        }
        for (int i = 0; i < h.attrKeys.length; i++) {
            escape(escape(b.append('|'), h.attrKeys[i]).append('='), h.attrValues[i]);
        }
        return b.toString();
    }

    private static StringBuilder escape(StringBuilder b, String s) {
        if (s == null) {
            return b;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '|' || c == '=') {
                b.append('\\');
            }
            b.append(c == SEPARATOR ? ' ' : c);
        }
        return b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
