package io.fpi.policies.calendar;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which business calendar and which carrier cut-off apply at a node: regions give time zones,
 * calendars are templates of opening hours, node patterns assign a calendar to nodes, cut-off rules
 * apply per carrier and/or node pattern. The most specific pattern wins everywhere (see
 * {@link NodePattern}); for cut-offs the node pattern decides first and a named carrier beats
 * {@code *} among equally specific node patterns.
 *
 * <p>A node's zone: the node entry's {@code time_zone}, else the calendar's, else its region's,
 * else {@code default_time_zone}. A node no entry matches is open 24x7 (its business clock is the
 * wall clock).
 */
public final class NodeCalendars implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A calendar template: hours and closed dates in the zone given by an entry, a region or the default. */
    public record Template(BusinessCalendar calendar, ZoneId explicitZone) implements Serializable {}

    /** Nodes matching {@code pattern} follow {@code calendar}; {@code zone} (nullable) overrides the region's. */
    public record Assignment(NodePattern pattern, String calendar, ZoneId zone) implements Serializable {}

    /** A cut-off for {@code carrier} ({@code *} = any) at nodes matching {@code nodes}. */
    public record CutoffRule(String carrier, NodePattern nodes, CarrierCutoff cutoff) implements Serializable {}

    private final ZoneId defaultZone;
    private final List<String> regions;
    private final List<ZoneId> regionZones;
    private final Map<String, Template> templates;
    private final List<Assignment> assignments;
    private final List<CutoffRule> cutoffs;
    private transient volatile Map<Long, BusinessCalendar> calendars;

    public NodeCalendars(ZoneId defaultZone, Map<String, ZoneId> regionZones, Map<String, Template> templates,
                         List<Assignment> assignments, List<CutoffRule> cutoffs) {
        this.defaultZone = defaultZone;
        this.regions = List.copyOf(regionZones.keySet());
        this.regionZones = List.copyOf(regionZones.values());
        this.templates = Map.copyOf(templates);
        this.assignments = List.copyOf(assignments);
        this.cutoffs = List.copyOf(cutoffs);
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Region names in file order. */
    public List<String> regions() {
        return regions;
    }

    public Map<String, Template> templates() {
        return templates;
    }

    public List<Assignment> assignments() {
        return assignments;
    }

    public List<CutoffRule> cutoffs() {
        return cutoffs;
    }

    /** Index of a region in {@link #regions()}, -1 when unknown or null. */
    public int regionIndex(String region) {
        return region == null ? -1 : regions.indexOf(region);
    }

    public ZoneId zoneOf(String region) {
        int i = regionIndex(region);
        return i < 0 ? defaultZone : regionZones.get(i);
    }

    /** Index of the most specific assignment matching the node, -1 when none does. */
    public int assignmentIndex(String nodeId) {
        int best = -1;
        int bestSpecificity = -1;
        for (int i = 0; i < assignments.size(); i++) {
            NodePattern p = assignments.get(i).pattern();
            if (p.specificity() > bestSpecificity && p.matches(nodeId)) {
                best = i;
                bestSpecificity = p.specificity();
            }
        }
        return best;
    }

    /** Index of the cut-off rule for the carrier at the node, -1 when none applies. */
    public int cutoffIndex(String carrier, String nodeId) {
        int best = -1;
        long bestScore = -1;
        for (int i = 0; i < cutoffs.size(); i++) {
            CutoffRule r = cutoffs.get(i);
            boolean named = !r.carrier().equals("*");
            if ((named && !r.carrier().equals(carrier)) || !r.nodes().matches(nodeId)) {
                continue;
            }
            long score = ((long) r.nodes().specificity() << 1) | (named ? 1 : 0);
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** The calendar of a node in a region (by index, -1 for unknown/none); cached. */
    public BusinessCalendar calendar(int regionIndex, int assignmentIndex) {
        Map<Long, BusinessCalendar> cache = calendars;
        if (cache == null) {
            cache = new ConcurrentHashMap<>();
            calendars = cache;
        }
        long key = ((long) regionIndex << 32) | (assignmentIndex & 0xffffffffL);
        return cache.computeIfAbsent(key, k -> build(regionIndex, assignmentIndex));
    }

    private BusinessCalendar build(int regionIndex, int assignmentIndex) {
        ZoneId regionZone = regionIndex < 0 ? defaultZone : regionZones.get(regionIndex);
        if (assignmentIndex < 0) {
            return BusinessCalendar.alwaysOpen("24x7 (no calendar assigned)", regionZone);
        }
        Assignment a = assignments.get(assignmentIndex);
        Template t = templates.get(a.calendar());
        ZoneId zone = a.zone() != null ? a.zone() : t.explicitZone() != null ? t.explicitZone() : regionZone;
        return t.calendar().withZone(zone);
    }

    /** The cut-off rule by index at a node with the given calendar, or null for index -1. */
    public CarrierCutoff cutoff(int cutoffIndex, BusinessCalendar nodeCalendar) {
        return cutoffIndex < 0 ? null : cutoffs.get(cutoffIndex).cutoff().at(nodeCalendar);
    }

    public BusinessCalendar calendarFor(String region, String nodeId) {
        return calendar(regionIndex(region), assignmentIndex(nodeId));
    }

    /** The carrier's cut-off at the node, or null when no rule applies (handoff at any time). */
    public CarrierCutoff cutoffFor(String carrier, String region, String nodeId) {
        return cutoff(cutoffIndex(carrier, nodeId), calendarFor(region, nodeId));
    }

    /** Every carrier named by a cut-off rule. */
    public List<String> carriers() {
        List<String> out = new ArrayList<>();
        for (CutoffRule r : cutoffs) {
            if (!r.carrier().equals("*") && !out.contains(r.carrier())) {
                out.add(r.carrier());
            }
        }
        return out;
    }
}
