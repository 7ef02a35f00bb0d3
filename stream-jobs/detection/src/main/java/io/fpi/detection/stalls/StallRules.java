package io.fpi.detection.stalls;

import io.fpi.detection.nodes.NodeStageRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stall thresholds of a stalls.yaml file (format and defaults:
 * stream-jobs/detection/SLA_AND_STALLS.md): per stage ×
 * fulfillment type × node pattern, how long an order may sit at its last milestone, on which clock,
 * which system is expected to act, and which exceptions pause the clock.
 *
 * <p>Loaded once per job and shared by every order (Serializable, so it ships inside the operator).
 * Lookups are a map get and a scan of the (one to three) rules of the stage, no allocation.
 */
public final class StallRules implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ENV_VAR = "FPI_STALL_THRESHOLDS";
    /** The shipped default, infra/sla/stalls.yaml, which the fpi-policies jar carries as sla/stalls.yaml. */
    public static final String DEFAULT_RESOURCE = "sla/stalls.yaml";

    private final String source;
    private final String version;
    private final Set<String> pauseCodes;
    private final long holdThresholdMs;
    private final String holdSeverity;
    private final Map<String, StallRule[]> byStage;
    private final List<NodeStageRule> nodeRules;

    StallRules(String source, String version, Set<String> pauseCodes, long holdThresholdMs, String holdSeverity,
               List<StallRule> rules, List<NodeStageRule> nodeRules) {
        this.nodeRules = List.copyOf(nodeRules);
        this.source = source;
        this.version = version;
        this.pauseCodes = Set.copyOf(pauseCodes);
        this.holdThresholdMs = holdThresholdMs;
        this.holdSeverity = holdSeverity;
        Map<String, List<StallRule>> grouped = new HashMap<>();
        for (StallRule r : rules) {
            grouped.computeIfAbsent(r.stage(), k -> new ArrayList<>()).add(r);
        }
        Map<String, StallRule[]> sorted = new HashMap<>();
        grouped.forEach((stage, list) -> {
            list.sort(Comparator.comparingLong(StallRule::specificity).reversed());
            sorted.put(stage, list.toArray(new StallRule[0]));
        });
        this.byStage = sorted;
    }

    public static StallRules loadDefault() {
        try (InputStream in = StallRules.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath (fpi-policies jar missing?)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StallRules load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stall threshold file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file named by {@value #ENV_VAR}'s value; null or blank means the shipped default. */
    public static StallRules fromSetting(String path) {
        return path == null || path.isBlank() ? loadDefault() : load(Path.of(path.trim()));
    }

    /** @throws io.fpi.policies.config.ConfigFileException listing every problem of the file */
    public static StallRules parse(String yaml, String sourceName) {
        return StallRulesReader.read(yaml, sourceName);
    }

    /** The most specific rule for an order sitting at {@code stage}, or null: such orders are not watched. */
    public StallRule resolve(String stage, String fulfillmentType, String nodeId) {
        StallRule[] rules = stage == null ? null : byStage.get(stage);
        if (rules != null) {
            for (StallRule r : rules) {
                if (r.matches(fulfillmentType, nodeId)) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * The cross-order rules of the file's {@code node_stages} section (blocked node stages), in file
     * order; empty when the file has none.
     */
    public List<NodeStageRule> nodeRules() {
        return nodeRules;
    }

    /** Exception codes that pause the stage clock while open (someone is working on the order). */
    public boolean pauses(String errorCode) {
        return errorCode != null && pauseCodes.contains(errorCode);
    }

    /** The codes of pause_on_exceptions. */
    public Set<String> pauseCodes() {
        return pauseCodes;
    }

    /** How long a pausing exception may stay open before the order counts as stalled anyway. */
    public long holdThresholdMs() {
        return holdThresholdMs;
    }

    public String holdSeverity() {
        return holdSeverity;
    }

    public String version() {
        return version;
    }

    public String source() {
        return source;
    }

    public List<StallRule> rules() {
        List<StallRule> out = new ArrayList<>();
        byStage.values().forEach(rs -> out.addAll(List.of(rs)));
        out.sort(Comparator.comparing(StallRule::stage));
        return out;
    }

    @Override
    public String toString() {
        return "stall thresholds " + version + " from " + source + " (" + rules().size() + " rules, " + nodeRules.size() + " node stage rules)";
    }
}
