package io.fpi.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpi.runtime.config.Env;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bin/fpi stats --dataset NAME}: one JSON object of process-mining figures computed in
 * ClickHouse ({@link ProcessStats}). An unknown dataset is an error naming the known ones.
 */
final class StatsCommand {
    static final String USAGE = String.join("\n",
            "usage: fpi stats --dataset NAME",
            "",
            "Prints {\"dataset\", \"cases\", \"events\", \"activities\", \"variants\", \"dfg_edges\", \"top_variant_cases\"}",
            "computed in ClickHouse from the dataset's traces (imported or live).",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsCommand() {}

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        String dataset = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--dataset" -> dataset = i + 1 < args.length ? args[++i] : null;
                default -> {
                    err.println("fpi stats: unknown argument '" + args[i] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (dataset == null || dataset.isBlank()) {
            err.println("fpi stats: --dataset NAME is required");
            err.print(USAGE);
            return 2;
        }
        ImportCommand.quietLogs();
        Path dataDir = DataDir.resolve(env);
        try (LocalClickHouseService clickHouse = LocalClickHouseService.start(env, dataDir)) {
            ProcessStats.Summary s = new ProcessStats(clickHouse.client()).summary(dataset);
            if (s.cases() == 0) {
                List<String> known = new DatasetRows(clickHouse.client()).datasets();
                err.println("fpi stats: unknown dataset '" + dataset + "' (no traces in ClickHouse). Known datasets: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
                return 1;
            }
            // live datasets may have names an import would refuse; only imports have manifests
            ImportManifest manifest = ImportArgs.DATASET.matcher(dataset).matches()
                    ? new ImportManifest.Store(dataDir).read(dataset) : null;
            if (manifest != null && !manifest.complete()) {
                err.println("fpi stats: warning: the last import into '" + dataset + "' is " + manifest.status()
                        + " (" + manifest.file() + "); the figures cover what ClickHouse holds");
            }
            out.println(toJson(s));
            return 0;
        } catch (RuntimeException e) {
            err.println("fpi stats: failed: " + e.getMessage());
            return 1;
        }
    }

    static String toJson(ProcessStats.Summary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("dataset", s.dataset());
        o.put("cases", s.cases());
        o.put("events", s.events());
        o.put("activities", s.activities());
        o.put("variants", s.variants());
        o.put("dfg_edges", s.dfgEdges());
        o.put("top_variant_cases", s.topVariantCases());
        return o.toString();
    }
}
