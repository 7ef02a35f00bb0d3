package io.fpi.api.exceptions;

import io.fpi.api.http.Tabular;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/exceptions/patterns}: the exception patterns with the most events in windows starting
 * in [from, to), most first, each with its trend: one point per window of the pattern's width in the
 * range, a window without a row being 0 (PATTERNS.md: rows exist only for windows with events or an
 * open episode). {@code patterns} counts every matching pattern, {@code limit} cut included.
 */
public record ExceptionPatterns(String dataset, String scope, Instant from, Instant to, int limit, int patterns,
                                List<Pattern> top) implements Tabular {

    /**
     * One pattern key in one scope. {@code spiking}: some window of the range was in a spike episode;
     * {@code latest*}: the baseline of the newest window with a row; episode ids: the newest non-empty.
     */
    public record Pattern(String scope, String patternKey, String activity, String errorCode, String sourceSystem,
                          String nodeId, String region, String channel, Map<String, String> attributes, long windowMs,
                          long events, int windowsWithEvents, boolean spiking, Double latestBaselineMean,
                          Double latestThreshold, String spikeFindingId, String recurringFindingId, List<Point> trend) {
    }

    /** {@code t}: window start. */
    public record Point(Instant t, long count) {
    }

    @Override
    public String csvName() {
        return "exception-patterns";
    }

    @Override
    public List<String> csvHeader() {
        return List.of("scope", "pattern_key", "activity", "error_code", "source_system", "node_id", "region", "channel",
                "attributes", "window_ms", "events", "windows_with_events", "spiking", "latest_baseline_mean", "latest_threshold",
                "spike_finding_id", "recurring_finding_id", "trend_from", "trend_counts");
    }

    /** The trend as its first window and the counts separated by spaces. */
    @Override
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new ArrayList<>();
        for (Pattern p : top) {
            rows.add(Arrays.asList(p.scope(), p.patternKey(), p.activity(), p.errorCode(), p.sourceSystem(), p.nodeId(),
                    p.region(), p.channel(), p.attributes(), p.windowMs(), p.events(), p.windowsWithEvents(), p.spiking(),
                    p.latestBaselineMean(), p.latestThreshold(), p.spikeFindingId(), p.recurringFindingId(),
                    p.trend().isEmpty() ? null : p.trend().get(0).t(),
                    p.trend().stream().map(x -> Long.toString(x.count())).collect(Collectors.joining(" "))));
        }
        return rows;
    }
}
