package io.fpi.policies.sla;

import io.fpi.policies.config.YamlNode;
import java.io.Serializable;
import java.util.List;

/**
 * A milestone or stage as written in the file, every field optional so that an override can say
 * only what it changes. {@link #merge} lays an override over a base; {@link RuleCompiler} checks
 * the result is complete and turns it into an {@link SlaRule}.
 */
final class RuleSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    String name;
    RuleKind kind;
    String description;
    List<String> satisfiedBy;
    Anchor from;
    String fromActivity;
    Long within;
    Long offset;
    Clock clock;
    Boolean cutoff;
    Severity severity;
    Double atRiskShare;
    Boolean enabled;
    /** A value of this spec was already reported as wrong; compiling it would only add follow-on errors. */
    boolean broken;
    /** Where the spec (or the last override applied to it) was written, for messages. */
    transient YamlNode node;

    RuleSpec copy() {
        RuleSpec c = new RuleSpec();
        c.name = name;
        c.kind = kind;
        c.description = description;
        c.satisfiedBy = satisfiedBy;
        c.from = from;
        c.fromActivity = fromActivity;
        c.within = within;
        c.offset = offset;
        c.clock = clock;
        c.cutoff = cutoff;
        c.severity = severity;
        c.atRiskShare = atRiskShare;
        c.enabled = enabled;
        c.broken = broken;
        c.node = node;
        return c;
    }

    /**
     * This spec with the patch's fields laid over it. A patch that moves the anchor ({@code from})
     * drops the base's {@code within}/{@code offset}, which belonged to the old anchor.
     */
    RuleSpec merge(RuleSpec patch) {
        RuleSpec m = copy();
        if (patch.from != null) {
            m.from = patch.from;
            m.fromActivity = patch.fromActivity;
            m.within = null;
            m.offset = null;
        }
        m.description = pick(patch.description, m.description);
        m.satisfiedBy = pick(patch.satisfiedBy, m.satisfiedBy);
        m.within = pick(patch.within, m.within);
        m.offset = pick(patch.offset, m.offset);
        m.clock = pick(patch.clock, m.clock);
        m.cutoff = pick(patch.cutoff, m.cutoff);
        m.severity = pick(patch.severity, m.severity);
        m.atRiskShare = pick(patch.atRiskShare, m.atRiskShare);
        m.enabled = pick(patch.enabled, m.enabled);
        m.broken |= patch.broken;
        m.node = patch.node;
        return m;
    }

    private static <T> T pick(T patch, T base) {
        return patch != null ? patch : base;
    }
}
