package io.fpi.policies.sla;

import io.fpi.policies.config.Problems;
import io.fpi.policies.config.Suggestions;
import io.fpi.policies.config.YamlNode;
import io.fpi.schemas.CanonicalActivity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a policy file may use and the tables derived from them: activities (canonical, plus
 * the file's {@code extra_activities}), the activities the evaluator must remember per order, and
 * the rule-name table whose positions are the bits of the per-order finding masks.
 */
final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Per-order masks are longs. */
    static final int MAX_RULE_NAMES = 64;

    private final Map<String, String> activities = new LinkedHashMap<>();
    private final Set<String> tracked = new LinkedHashSet<>();
    private final List<String> ruleNames = new ArrayList<>();

    Vocabulary(List<String> extraActivities) {
        for (CanonicalActivity a : CanonicalActivity.values()) {
            activities.put(a.name(), a.name());
        }
        for (String extra : extraActivities) {
            activities.putIfAbsent(extra, extra);
        }
    }

    /**
     * The shared instance of a known activity, or null after reporting an unknown one (with the
     * closest canonical name, since an unknown name is almost always a typo).
     */
    String activity(String name, YamlNode at, Problems problems) {
        String known = activities.get(name);
        if (known != null) {
            tracked.add(known);
            return known;
        }
        String close = Suggestions.closest(name, activities.keySet());
        problems.error(at, "unknown activity '" + name + "'"
                + (close != null ? "; did you mean '" + close + "'?" : ".")
                + " Use a canonical activity (schemas/README.md) or list non-canonical names under"
                + " 'extra_activities:' at the top of the file");
        return null;
    }

    /** The bit of a rule name in per-order masks; reports when a file uses more than 64 names. */
    int ruleIndex(String name, YamlNode at, Problems problems) {
        int i = ruleNames.indexOf(name);
        if (i >= 0) {
            return i;
        }
        if (ruleNames.size() == MAX_RULE_NAMES) {
            problems.error(at, "more than " + MAX_RULE_NAMES + " distinct milestone and stage names in one file;"
                    + " reuse names across policies (e.g. delivered_by_promise) or split the file");
            return MAX_RULE_NAMES - 1;
        }
        ruleNames.add(name);
        return ruleNames.size() - 1;
    }

    int ruleIndex(String name) {
        return ruleNames.indexOf(name);
    }

    /** The shared instance if the evaluator must remember when this activity happened, else null. */
    String tracked(String activity) {
        if (activity == null) {
            return null;
        }
        String a = activities.get(activity);
        return a != null && tracked.contains(a) ? a : null;
    }

    Set<String> trackedActivities() {
        return Set.copyOf(tracked);
    }

    List<String> ruleNames() {
        return List.copyOf(ruleNames);
    }
}
