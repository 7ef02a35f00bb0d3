package io.fpi.policies.calendar;

import java.io.Serializable;

/**
 * Which nodes a rule is for: an exact id ({@code ST-0042}), a prefix ({@code ST-*}, {@code DC-NE*})
 * or everything ({@code *}, which also covers an order whose node is not known yet). Only a
 * trailing {@code *} is allowed, which makes "most specific wins" unambiguous: an exact id beats
 * any prefix, a longer prefix beats a shorter one, and two different patterns of equal
 * specificity can never both match one node.
 */
public final class NodePattern implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String literal;
    private final boolean prefix;

    private NodePattern(String text, String literal, boolean prefix) {
        this.text = text;
        this.literal = literal;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException for a '*' anywhere but at the end, or an empty pattern */
    public static NodePattern parse(String text) {
        String t = text.trim();
        int star = t.indexOf('*');
        if (t.isEmpty() || (star >= 0 && star != t.length() - 1)) {
            throw new IllegalArgumentException("'" + text + "' is not a node pattern; write an exact id (ST-0042),"
                    + " a prefix ending in * (ST-*) or * for every node");
        }
        return star < 0 ? new NodePattern(t, t, false) : new NodePattern(t, t.substring(0, star), true);
    }

    public boolean matches(String nodeId) {
        if (prefix) {
            return literal.isEmpty() || (nodeId != null && nodeId.startsWith(literal));
        }
        return literal.equals(nodeId);
    }

    /** Higher is more specific: * is 0, a prefix its length + 1, an exact id beats every prefix. */
    public int specificity() {
        return prefix ? literal.length() + 1 : Integer.MAX_VALUE;
    }

    public boolean isWildcard() {
        return prefix && literal.isEmpty();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
