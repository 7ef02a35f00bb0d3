package io.fpi.policies.sla;

import io.fpi.policies.config.Problems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fulfillment type × channel → policy, precomputed for every value the file names plus "any other
 * value" (row and column 0), so matching an order is two hash lookups and an array read. The most
 * specific match wins: exact type and channel, then one exact and one {@code *}, then
 * {@code * × *}. Two policies that tie for some combination (the same match twice, or
 * {@code BOPIS × *} and {@code * × WEB} without a {@code BOPIS × WEB} policy) are an error.
 */
final class PolicyTable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Integer> types = new HashMap<>();
    private final Map<String, Integer> channels = new HashMap<>();
    private final int[][] cells;

    private PolicyTable(List<String> typeNames, List<String> channelNames, int[][] cells) {
        for (int i = 0; i < typeNames.size(); i++) {
            types.put(typeNames.get(i), i + 1);
        }
        for (int i = 0; i < channelNames.size(); i++) {
            channels.put(channelNames.get(i), i + 1);
        }
        this.cells = cells;
    }

    static PolicyTable build(List<SlaPolicy> policies, Problems problems) {
        List<String> typeNames = new ArrayList<>();
        List<String> channelNames = new ArrayList<>();
        for (SlaPolicy p : policies) {
            addName(typeNames, p.fulfillmentType());
            addName(channelNames, p.channel());
        }
        int[][] cells = new int[typeNames.size() + 1][channelNames.size() + 1];
        Set<String> reported = new HashSet<>();
        for (int t = 0; t <= typeNames.size(); t++) {
            for (int c = 0; c <= channelNames.size(); c++) {
                String type = t == 0 ? null : typeNames.get(t - 1);
                String chan = c == 0 ? null : channelNames.get(c - 1);
                cells[t][c] = best(policies, type, chan, problems, reported);
            }
        }
        return new PolicyTable(typeNames, channelNames, cells);
    }

    private static void addName(List<String> names, String value) {
        if (!value.equals("*") && !names.contains(value)) {
            names.add(value);
        }
    }

    private static int best(List<SlaPolicy> policies, String type, String chan, Problems problems, Set<String> reported) {
        int best = -1;
        for (int i = 0; i < policies.size(); i++) {
            SlaPolicy p = policies.get(i);
            if (p.matches(type, chan) && (best < 0 || p.specificity() > policies.get(best).specificity())) {
                best = i;
            }
        }
        for (int i = best + 1; best >= 0 && i < policies.size(); i++) {
            SlaPolicy p = policies.get(i);
            if (p.matches(type, chan) && p.specificity() == policies.get(best).specificity() && reported.add(best + "/" + i)) {
                problems.error(p.node, tie(p, policies.get(best), type, chan));
            }
        }
        return best;
    }

    private static String tie(SlaPolicy p, SlaPolicy other, String type, String chan) {
        String combo = (type == null ? "any other type" : type) + " × " + (chan == null ? "any other channel" : chan);
        boolean sameMatch = p.fulfillmentType().equals(other.fulfillmentType()) && p.channel().equals(other.channel());
        return "policy '" + p.id() + "' (" + p.fulfillmentType() + " × " + p.channel() + ") and policy '" + other.id()
                + "' (" + other.fulfillmentType() + " × " + other.channel() + ", line "
                + (other.node == null ? 0 : other.node.line()) + ") both match " + combo + " equally; "
                + (sameMatch ? "merge them into one policy" : "add a policy matching exactly " + combo + " or narrow one of them");
    }

    /** Index of the policy for this type and channel (null = not known yet), -1 when none matches. */
    int policyIndex(String type, String channel) {
        Integer t = type == null ? null : types.get(type);
        Integer c = channel == null ? null : channels.get(channel);
        return cells[t == null ? 0 : t][c == null ? 0 : c];
    }
}
