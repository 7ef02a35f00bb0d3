package io.fpi.importer.mining;

import io.fpi.importer.EventSink;
import io.fpi.schemas.FulfillmentEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects imported events into traces: each case's activities ordered by event time, then
 * sequence (the file position), exactly the order the trace job uses. Holds every event (three
 * fields each, activity names shared), so it is for tests and small logs, not for production
 * imports, which compute from ClickHouse.
 */
public final class CaseLog implements EventSink {
    private record Step(long time, long sequence, String activity) {
    }

    private static final Comparator<Step> ORDER =
            Comparator.comparingLong(Step::time).thenComparingLong(Step::sequence);

    private final Map<String, List<Step>> cases = new LinkedHashMap<>();
    private final Map<String, String> activities = new HashMap<>();
    private long events;

    @Override
    public void accept(FulfillmentEvent e) {
        String activity = activities.computeIfAbsent(e.getActivity(), a -> a);
        long sequence = e.getSequence() == null ? Long.MAX_VALUE : e.getSequence();
        cases.computeIfAbsent(e.getOrderId(), c -> new ArrayList<>()).add(new Step(e.getEventTime(), sequence, activity));
        events++;
    }

    public long events() {
        return events;
    }

    /** Case id to its activity sequence, cases in first-seen order. */
    public Map<String, List<String>> traces() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        cases.forEach((caseId, steps) -> {
            List<Step> sorted = new ArrayList<>(steps);
            sorted.sort(ORDER);
            out.put(caseId, sorted.stream().map(Step::activity).toList());
        });
        return out;
    }

    public Dfg dfg() {
        return Dfg.of(traces().values());
    }

    public LogStats stats() {
        return LogStats.of(traces().values());
    }
}
