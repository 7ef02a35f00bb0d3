package io.fpi.policies.sla;

import io.fpi.policies.calendar.NodeCalendars;
import io.fpi.policies.calendar.NodeCalendarsReader;
import io.fpi.policies.config.ConfigMap;
import io.fpi.policies.config.Problems;
import io.fpi.policies.config.YamlNode;
import io.fpi.policies.config.YamlTreeReader;
import io.fpi.schemas.CanonicalActivity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a whole policy file. Every section is read even after an error, so the
 * exception lists all problems of the file; every override combination is compiled once here, so
 * resolving a policy for an order can never fail later.
 */
final class PolicyFileReader {
    private static final Set<String> TOP_KEYS = Set.of("version", "description", "default_time_zone",
            "extra_activities", "regions", "calendars", "nodes", "cutoffs", "policies");
    /** Field widths of the resolution cache key (see SlaPolicies#resolve). */
    static final int MAX_POLICIES = 0xffff - 1;
    static final int MAX_ENTRIES = 0xfff - 1;

    private PolicyFileReader() {}

    static SlaPolicies read(String text, String source) {
        Problems problems = new Problems(source);
        YamlNode root = YamlTreeReader.read(text, problems);
        problems.throwIfErrors();
        ConfigMap top = ConfigMap.of(root, problems, "an SLA policy file", TOP_KEYS);
        problems.throwIfErrors();
        String version = top.string("version", true);
        List<String> extras = top.strings("extra_activities", false);
        for (String extra : extras) {
            if (CanonicalActivity.of(extra).isPresent()) {
                problems.warn(top.get("extra_activities"), extra + " is canonical already; no need to list it");
            }
        }
        NodeCalendars calendars = NodeCalendarsReader.read(top, problems);
        Vocabulary vocab = new Vocabulary(extras);
        List<SlaPolicy> policies = PolicyReader.read(top.list("policies", true), problems, vocab,
                new LinkedHashSet<>(calendars.regions()));
        if (policies.isEmpty() && !problems.hasErrors()) {
            problems.error(top.get("policies"), "no policies; add at least one under 'policies:'");
        }
        checkSizes(policies, calendars, problems, root);
        PolicyTable table = PolicyTable.build(policies, problems);
        compileAll(policies, vocab, problems);
        problems.throwIfErrors();
        return new SlaPolicies(source, version, top.string("description", false), fingerprint(text), policies, table,
                calendars, vocab, problems.warnings());
    }

    /** Compiles base, base+region, base+node and base+region+node for every override, reporting what fails. */
    private static void compileAll(List<SlaPolicy> policies, Vocabulary vocab, Problems problems) {
        for (SlaPolicy p : policies) {
            if (p.compile(null, null, vocab, problems) == null) {
                continue;
            }
            for (SlaPolicy.Patch r : p.regionOverrideMap().values()) {
                p.compile(r, null, vocab, problems);
            }
            for (SlaPolicy.Patch n : p.nodeOverrideList()) {
                p.compile(null, n, vocab, problems);
                for (SlaPolicy.Patch r : p.regionOverrideMap().values()) {
                    p.compile(r, n, vocab, problems);
                }
            }
        }
    }

    private static void checkSizes(List<SlaPolicy> policies, NodeCalendars calendars, Problems problems, YamlNode root) {
        boolean tooBig = policies.size() > MAX_POLICIES || calendars.regions().size() > MAX_ENTRIES
                || calendars.assignments().size() > MAX_ENTRIES || calendars.cutoffs().size() > MAX_ENTRIES;
        for (SlaPolicy p : policies) {
            tooBig |= p.nodeOverrideList().size() > MAX_ENTRIES;
        }
        if (tooBig) {
            problems.error(root, "the file is too large: at most " + MAX_POLICIES + " policies and " + MAX_ENTRIES
                    + " regions, node entries, cut-offs or node overrides per policy");
        }
    }

    /** The first 8 bytes of the SHA-256 of the file: identifies the exact file a state was built with. */
    static long fingerprint(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long f = 0;
            for (int i = 0; i < 8; i++) {
                f = (f << 8) | (h[i] & 0xff);
            }
            return f == 0 ? 1 : f; // 0 marks a state that has not seen any file
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
