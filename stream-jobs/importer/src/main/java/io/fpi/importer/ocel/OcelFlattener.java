package io.fpi.importer.ocel;

import io.fpi.importer.EventFactory;
import io.fpi.importer.EventSink;
import io.fpi.importer.ImportCounters;
import io.fpi.importer.ImportReport;
import io.fpi.importer.JsonText;
import io.fpi.importer.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flattens OCEL 2.0 events on one object type, as pm4py's {@code ocel_flattening} does: each
 * object of the case type is a case; an event becomes one event per distinct related object of
 * that type (an event related to two orders is in both orders' traces); an event related to none
 * is in no case. Each emitted event keeps all the event's relationships (see {@link OcelKeys}).
 */
final class OcelFlattener {
    private final ObjectIndex index;
    private final String caseType;
    private final EventFactory factory;
    private final ImportCounters counters;
    private final EventSink sink;

    OcelFlattener(ObjectIndex index, String caseType, EventFactory factory, ImportCounters counters, EventSink sink) {
        this.index = index;
        this.caseType = caseType;
        this.factory = factory;
        this.counters = counters;
        this.sink = sink;
    }

    void accept(OcelEvent e) {
        counters.eventRead();
        String what = "event '" + e.id() + "'";
        if (e.type() == null || e.type().isBlank()) {
            counters.invalid(ImportReport.MISSING_ACTIVITY, e.line(), -1, what + " has no type (its activity)");
            return;
        }
        if (e.time() == null) {
            counters.invalid(ImportReport.MISSING_TIMESTAMP, e.line(), -1, what + " has no time");
            return;
        }
        long time;
        try {
            time = Timestamps.parseMillis(e.time());
        } catch (IllegalArgumentException ex) {
            counters.invalid(ImportReport.BAD_TIMESTAMP, e.line(), -1, what + " time " + ex.getMessage());
            return;
        }
        List<String> ids = new ArrayList<>(e.relationships().size());
        List<String> types = new ArrayList<>(e.relationships().size());
        List<String> qualifiers = new ArrayList<>(e.relationships().size());
        Set<String> cases = new LinkedHashSet<>();
        for (Relationship rel : e.relationships()) {
            String type = index.typeOf(rel.objectId());
            if (type == null) {
                counters.invalid(ImportReport.UNKNOWN_OBJECT, e.line(), -1,
                        what + " relates to object '" + rel.objectId() + "', which is not among the log's objects");
                return;
            }
            ids.add(rel.objectId());
            types.add(type);
            qualifiers.add(rel.qualifier());
            if (type.equals(caseType)) {
                cases.add(rel.objectId());
            }
        }
        if (cases.isEmpty()) {
            counters.withoutCase();
            return;
        }
        Map<String, String> base = new LinkedHashMap<>(e.attributes());
        base.put(OcelKeys.EVENT_ID, e.id());
        base.put(OcelKeys.OBJECTS, JsonText.array(ids));
        base.put(OcelKeys.OBJECT_TYPES, JsonText.array(types));
        base.put(OcelKeys.QUALIFIERS, JsonText.array(qualifiers));
        for (String caseId : cases) {
            Map<String, String> attributes = new LinkedHashMap<>(base);
            List<Relationship> o2o = index.o2o(caseId);
            if (!o2o.isEmpty()) {
                attributes.put(OcelKeys.O2O, o2oJson(o2o));
            }
            sink.accept(factory.create(caseId, e.type(), time, e.position(), attributes));
            counters.imported(caseId);
        }
    }

    private String o2oJson(List<Relationship> links) {
        List<Map<String, String>> out = new ArrayList<>(links.size());
        for (Relationship l : links) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("objectId", l.objectId());
            m.put("type", index.typeOf(l.objectId()));
            m.put("qualifier", l.qualifier());
            out.add(m);
        }
        return JsonText.objects(out);
    }
}
