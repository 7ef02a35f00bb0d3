package io.fpi.detection.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the full job's program arguments: {@code --findings.topic x} and every
 * {@code --pattern.*} / {@code --kpi.*} / {@code --sla.*} / {@code --stall.*} option become
 * FPI_* variables (same naming rule as the trace job: FPI_ + upper case, '.' as '_'); the rest
 * is left for {@link io.fpi.jobs.traces.TraceJobConfig#parse}.
 */
final class DetectionArgs {
    private static final List<String> PREFIXES = List.of("findings.", "pattern.", "kpi.", "sla.", "stall.", "idle.", "monitor.");

    private DetectionArgs() {}

    static String[] extract(String[] args, Map<String, String> vars) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : null;
            if (name != null && PREFIXES.stream().anyMatch(name::startsWith) && i + 1 < args.length) {
                vars.put("FPI_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), args[++i]);
            } else {
                rest.add(a);
            }
        }
        return rest.toArray(String[]::new);
    }
}
