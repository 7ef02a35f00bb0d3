package io.fpi.policies.calendar;

import io.fpi.policies.config.ConfigMap;
import io.fpi.policies.config.Problems;
import io.fpi.policies.config.YamlNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the calendar sections of a policy file ({@code default_time_zone}, {@code regions},
 * {@code calendars}, {@code nodes}, {@code cutoffs}) into {@link NodeCalendars}, reporting every
 * problem at its line.
 */
public final class NodeCalendarsReader {
    private static final Set<String> REGION_KEYS = Set.of("time_zone", "description");
    private static final Set<String> CALENDAR_KEYS = Set.of("time_zone", "always_open", "hours", "closed_dates", "description");
    private static final Set<String> NODE_KEYS = Set.of("calendar", "time_zone", "description");
    private static final Set<String> CUTOFF_KEYS = Set.of("carrier", "nodes", "ready_by", "handoff_by", "days", "description");

    private final Problems problems;

    private NodeCalendarsReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads the sections from the file's root map; returns a usable value even when problems were reported. */
    public static NodeCalendars read(ConfigMap root, Problems problems) {
        return new NodeCalendarsReader(problems).readAll(root);
    }

    private NodeCalendars readAll(ConfigMap root) {
        ZoneId defaultZone = ZoneId.of("UTC");
        if (root.has("default_time_zone")) {
            ZoneId z = zone(root.get("default_time_zone"));
            defaultZone = z != null ? z : defaultZone;
        }
        Map<String, ZoneId> regions = readRegions(root.map("regions", false));
        Map<String, NodeCalendars.Template> templates = readCalendars(root.map("calendars", false), defaultZone);
        List<NodeCalendars.Assignment> assignments = readNodes(root.map("nodes", false), templates);
        List<NodeCalendars.CutoffRule> cutoffs = readCutoffs(root.list("cutoffs", false), defaultZone);
        return new NodeCalendars(defaultZone, regions, templates, assignments, cutoffs);
    }

    private Map<String, ZoneId> readRegions(YamlNode.MapNode node) {
        Map<String, ZoneId> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            ConfigMap m = ConfigMap.of(e.getValue(), problems, "a region", REGION_KEYS);
            if (m == null) {
                continue;
            }
            ZoneId z = m.string("time_zone", true) == null ? null : zone(m.get("time_zone"));
            out.put(e.getKey(), z != null ? z : ZoneId.of("UTC"));
        }
        return out;
    }

    private Map<String, NodeCalendars.Template> readCalendars(YamlNode.MapNode node, ZoneId defaultZone) {
        Map<String, NodeCalendars.Template> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            ConfigMap m = ConfigMap.of(e.getValue(), problems, "a calendar", CALENDAR_KEYS);
            if (m == null) {
                continue;
            }
            ZoneId explicit = m.has("time_zone") ? zone(m.get("time_zone")) : null;
            Boolean always = m.bool("always_open");
            YamlNode.MapNode hoursNode = m.map("hours", false);
            WeeklyHours hours;
            if (Boolean.TRUE.equals(always) == (hoursNode != null)) {
                problems.error(m.node(), "a calendar needs exactly one of 'always_open: true' (24x7) or 'hours:'"
                        + " (weekly opening hours)");
                hours = WeeklyHours.ALWAYS;
            } else {
                hours = hoursNode == null ? WeeklyHours.ALWAYS : readHours(hoursNode);
            }
            List<LocalDate> closed = readDates(m.list("closed_dates", false));
            try {
                out.put(e.getKey(), new NodeCalendars.Template(
                        BusinessCalendar.of(e.getKey(), explicit != null ? explicit : defaultZone, hours, closed), explicit));
            } catch (IllegalArgumentException ex) {
                problems.error(m.node(), ex.getMessage());
            }
        }
        return out;
    }

    private WeeklyHours readHours(YamlNode.MapNode node) {
        Map<DayOfWeek, int[]> byDay = new EnumMap<>(DayOfWeek.class);
        Map<DayOfWeek, String> setBy = new HashMap<>();
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            Set<DayOfWeek> days;
            int[] windows;
            try {
                days = WeeklyHours.parseDays(e.getKey());
            } catch (IllegalArgumentException ex) {
                problems.keyError(node, e.getKey(), ex.getMessage());
                continue;
            }
            try {
                windows = WeeklyHours.parseWindows(windowsText(e.getValue()));
            } catch (IllegalArgumentException ex) {
                problems.error(e.getValue(), ex.getMessage());
                continue;
            }
            for (DayOfWeek d : days) {
                if (setBy.containsKey(d)) {
                    problems.keyError(node, e.getKey(), d + " already has hours from '" + setBy.get(d)
                            + "'; give each day its hours once");
                }
                setBy.put(d, e.getKey());
                byDay.put(d, windows);
            }
        }
        try {
            WeeklyHours h = WeeklyHours.of(byDay);
            if (!h.opensAtAll()) {
                problems.error(node, "these hours never open; give at least one day a window, or use always_open: true");
                return WeeklyHours.ALWAYS;
            }
            return h;
        } catch (IllegalArgumentException ex) {
            problems.error(node, ex.getMessage());
            return WeeklyHours.ALWAYS;
        }
    }

    private String windowsText(YamlNode v) {
        if (v instanceof YamlNode.Scalar s) {
            return s.isNull() ? "closed" : s.text();
        }
        if (v instanceof YamlNode.ListNode l) {
            List<String> parts = new ArrayList<>();
            for (YamlNode item : l.items()) {
                if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                    parts.add(s.text());
                } else {
                    throw new IllegalArgumentException("expected windows like 09:00-21:00 but found " + item.kind());
                }
            }
            return String.join(",", parts);
        }
        throw new IllegalArgumentException("expected windows like 09:00-21:00 but found " + v.kind());
    }

    private List<LocalDate> readDates(List<YamlNode> items) {
        List<LocalDate> out = new ArrayList<>();
        for (YamlNode item : items) {
            String text = item instanceof YamlNode.Scalar s ? s.text() : null;
            try {
                out.add(LocalDate.parse(text == null ? "" : text.trim()));
            } catch (DateTimeParseException ex) {
                problems.error(item, "'" + text + "' is not a date; write YYYY-MM-DD, e.g. 2025-12-25");
            }
        }
        return out;
    }

    private List<NodeCalendars.Assignment> readNodes(YamlNode.MapNode node, Map<String, NodeCalendars.Template> templates) {
        List<NodeCalendars.Assignment> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
            NodePattern pattern = pattern(node, e.getKey());
            ConfigMap m = ConfigMap.of(e.getValue(), problems, "a node entry", NODE_KEYS);
            if (m == null || pattern == null) {
                continue;
            }
            String calendar = m.string("calendar", true);
            if (calendar != null && !templates.containsKey(calendar)) {
                problems.error(m.get("calendar"), "calendar '" + calendar + "' is not defined under 'calendars:'"
                        + " (defined: " + String.join(", ", templates.keySet()) + ")");
                continue;
            }
            ZoneId z = m.has("time_zone") ? zone(m.get("time_zone")) : null;
            if (calendar != null) {
                out.add(new NodeCalendars.Assignment(pattern, calendar, z));
            }
        }
        return out;
    }

    private List<NodeCalendars.CutoffRule> readCutoffs(List<YamlNode> items, ZoneId defaultZone) {
        List<NodeCalendars.CutoffRule> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        BusinessCalendar placeholder = BusinessCalendar.alwaysOpen("24x7", defaultZone);
        for (YamlNode item : items) {
            ConfigMap m = ConfigMap.of(item, problems, "a cut-off", CUTOFF_KEYS);
            if (m == null) {
                continue;
            }
            String carrier = m.string("carrier", true);
            String nodesText = m.has("nodes") ? m.string("nodes", false) : "*";
            NodePattern nodes = nodesText == null ? null : patternValue(m.get("nodes"), nodesText);
            Integer readyBy = time(m, "ready_by", true);
            Integer handoffBy = m.has("handoff_by") ? time(m, "handoff_by", false) : readyBy;
            Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
            if (m.has("days")) {
                try {
                    days = WeeklyHours.parseDays(m.string("days", false));
                } catch (IllegalArgumentException ex) {
                    problems.error(m.get("days"), ex.getMessage());
                }
            }
            if (carrier == null || nodes == null || readyBy == null || handoffBy == null) {
                continue;
            }
            String key = carrier + " @ " + nodes.text();
            if (seen.containsKey(key)) {
                problems.error(item, "a second cut-off for carrier " + carrier + " at nodes " + nodes.text()
                        + " (first at line " + seen.get(key) + "); keep one");
                continue;
            }
            seen.put(key, item.line());
            try {
                out.add(new NodeCalendars.CutoffRule(carrier, nodes,
                        CarrierCutoff.of(carrier, nodes.text(), readyBy, handoffBy, days, placeholder)));
            } catch (IllegalArgumentException ex) {
                problems.error(item, ex.getMessage());
            }
        }
        return out;
    }

    private Integer time(ConfigMap m, String key, boolean required) {
        String text = m.string(key, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalTimes.parse(text);
        } catch (IllegalArgumentException ex) {
            problems.error(m.get(key), ex.getMessage());
            return null;
        }
    }

    private NodePattern pattern(YamlNode.MapNode parent, String key) {
        try {
            return NodePattern.parse(key);
        } catch (IllegalArgumentException ex) {
            problems.keyError(parent, key, ex.getMessage());
            return null;
        }
    }

    private NodePattern patternValue(YamlNode at, String text) {
        try {
            return NodePattern.parse(text);
        } catch (IllegalArgumentException ex) {
            problems.error(at, ex.getMessage());
            return null;
        }
    }

    private ZoneId zone(YamlNode node) {
        String text = node instanceof YamlNode.Scalar s ? s.text() : null;
        if (text == null) {
            problems.error(node, "expected a time zone");
            return null;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException ex) {
            problems.error(node, "'" + text + "' is not a time zone; use an IANA id like America/New_York"
                    + " or a fixed offset like -05:00");
            return null;
        }
    }
}
