package io.fpi.policies.sla;

import io.fpi.policies.calendar.BusinessCalendar;
import io.fpi.policies.calendar.CarrierCutoff;
import io.fpi.policies.calendar.NodeCalendars;
import io.fpi.policies.config.Problem;
import io.fpi.policies.config.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded, validated SLA policy file (format: infra/sla/README.md): the policies, the business
 * calendars and carrier cut-offs, and the resolution of an order's policy from its fulfillment
 * type, channel, region, node and carrier. Immutable, thread-safe and Serializable; resolved
 * policies are built once per combination and shared.
 *
 * <p>Loading reports every problem of the file at once as a
 * {@link io.fpi.policies.config.ConfigFileException} ({@code file:line:column: path: what to fix}).
 */
public final class SlaPolicies implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Environment variable a job reads for an override file; unset or blank means the default. */
    public static final String ENV_VAR = "FPI_SLA_POLICIES";
    /** Classpath location of the shipped default (infra/sla/policies.yaml in the source tree). */
    public static final String DEFAULT_RESOURCE = "sla/policies.yaml";
    /** Interned event strings (node ids, carriers) kept at most; beyond that strings are used as they come. */
    private static final int MAX_INTERNED = 100_000;

    private final String source;
    private final String version;
    private final String description;
    private final long fingerprint;
    private final List<SlaPolicy> policies;
    private final PolicyTable table;
    private final NodeCalendars calendars;
    private final Vocabulary vocab;
    private final List<Problem> warnings;
    private transient volatile Map<Long, ResolvedSla> resolved;
    private transient volatile Map<String, String> interned;

    SlaPolicies(String source, String version, String description, long fingerprint, List<SlaPolicy> policies,
                PolicyTable table, NodeCalendars calendars, Vocabulary vocab, List<Problem> warnings) {
        this.source = source;
        this.version = version;
        this.description = description;
        this.fingerprint = fingerprint;
        this.policies = List.copyOf(policies);
        this.table = table;
        this.calendars = calendars;
        this.vocab = vocab;
        this.warnings = List.copyOf(warnings);
    }

    public static SlaPolicies load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SLA policy file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The shipped default, {@code sla/policies.yaml} on the classpath. */
    public static SlaPolicies loadDefault() {
        try (InputStream in = SlaPolicies.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath (fpi-policies jar missing?)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file named by a setting such as {@value #ENV_VAR}'s value; null or blank means the default. */
    public static SlaPolicies fromSetting(String path) {
        return path == null || path.isBlank() ? loadDefault() : load(Path.of(path.trim()));
    }

    /** @param sourceName how messages name the file (a path or {@code classpath:...}) */
    public static SlaPolicies parse(String yaml, String sourceName) {
        return PolicyFileReader.read(yaml, sourceName);
    }

    public String source() {
        return source;
    }

    /** The file's {@code version:}; every finding records it. */
    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** Identifies the exact file content (SHA-256 prefix); per-order state records it. */
    public long fingerprint() {
        return fingerprint;
    }

    public List<SlaPolicy> policies() {
        return policies;
    }

    /** Things that load but look unintended (an unknown channel name, ...). */
    public List<Problem> warnings() {
        return warnings;
    }

    public NodeCalendars calendars() {
        return calendars;
    }

    /** The base policy for a fulfillment type and channel (null = not known), or null when none matches. */
    public SlaPolicy match(String fulfillmentType, String channel) {
        int i = table.policyIndex(fulfillmentType, channel);
        return i < 0 ? null : policies.get(i);
    }

    /**
     * The policy judging an order with these attributes (any may be null while unknown), or null
     * when no policy matches its fulfillment type and channel. Cheap after the first call for a
     * combination: a few hash lookups and pattern tests, no allocation but the cache key.
     */
    public ResolvedSla resolve(String fulfillmentType, String channel, String region, String nodeId, String carrier) {
        int p = table.policyIndex(fulfillmentType, channel);
        if (p < 0) {
            return null;
        }
        SlaPolicy policy = policies.get(p);
        int r = calendars.regionIndex(region);
        int n = policy.nodeOverrideIndex(nodeId);
        int a = calendars.assignmentIndex(nodeId);
        int c = calendars.cutoffIndex(carrier, nodeId);
        long key = ((long) (p + 1) << 48) | ((long) (r + 1) << 36) | ((long) (n + 1) << 24) | ((long) (a + 1) << 12) | (c + 1);
        key = nodeId == null ? -key : key;
        Map<Long, ResolvedSla> cache = resolvedCache();
        ResolvedSla hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        return cache.computeIfAbsent(key, k -> build(policy, region, nodeId != null, n, r, a, c));
    }

    private ResolvedSla build(SlaPolicy policy, String region, boolean nodeKnown, int nodeOverride, int regionIndex,
                              int assignment, int cutoff) {
        SlaPolicy.Patch ro = policy.regionOverride(region);
        SlaPolicy.Patch no = nodeOverride < 0 ? null : policy.nodeOverrideList().get(nodeOverride);
        SlaRule[] rules = policy.compile(ro, no, vocab, new Problems(source));
        if (rules == null) {
            throw new IllegalStateException("policy " + policy.id() + " failed to compile after validation");
        }
        BusinessCalendar calendar = calendars.calendar(regionIndex, assignment);
        CarrierCutoff cut = calendars.cutoff(cutoff, calendar);
        return new ResolvedSla(policy.id(), version, ro == null ? null : ro.key(), no == null ? null : no.key(),
                rules, calendar, cut, nodeKnown);
    }

    /**
     * A shared instance equal to {@code s} (names from the file, node ids and carriers seen in
     * events), so millions of per-order states hold references instead of copies.
     */
    public String intern(String s) {
        if (s == null) {
            return null;
        }
        Map<String, String> m = internMap();
        String shared = m.get(s);
        if (shared != null) {
            return shared;
        }
        if (m.size() >= MAX_INTERNED) {
            return s;
        }
        shared = m.putIfAbsent(s, s);
        return shared != null ? shared : s;
    }

    /** The shared name of an activity the evaluator remembers per order, or null if no rule uses it. */
    String trackedActivity(String activity) {
        return vocab.tracked(activity);
    }

    /** Activities whose first occurrence per order the evaluator remembers. */
    public Set<String> trackedActivities() {
        return vocab.trackedActivities();
    }

    /** Every milestone and stage name of the file; a name's position is its bit in per-order masks. */
    public List<String> ruleNames() {
        return vocab.ruleNames();
    }

    private Map<Long, ResolvedSla> resolvedCache() {
        Map<Long, ResolvedSla> m = resolved;
        if (m == null) {
            m = new ConcurrentHashMap<>();
            resolved = m;
        }
        return m;
    }

    private Map<String, String> internMap() {
        Map<String, String> m = interned;
        if (m == null) {
            m = new ConcurrentHashMap<>();
            interned = m;
        }
        return m;
    }

    @Override
    public String toString() {
        return "SLA policies " + version + " from " + source + " (" + policies.size() + " policies)";
    }
}
