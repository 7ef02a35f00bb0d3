package io.fpi.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/fpi demo [--duration SECONDS] [--rate EVENTS_PER_S] [--scenario NAME] [--http-port PORT] [--seed N]}.
 * Simulator flags are passed on to the simulator's own parser, which validates them.
 */
record DemoOptions(Duration duration, int httpPort, List<String> simulatorArgs, boolean help) {
    static final String USAGE = String.join("\n",
            "usage: fpi demo [--duration SECONDS] [--rate EVENTS_PER_S] [--scenario NAME] [--http-port PORT] [--seed N]",
            "",
            "Starts the whole platform locally: an embedded Kafka broker, the local ClickHouse, the trace job on a",
            "Flink MiniCluster, the query API with the dashboard, and the simulator; stops everything on Ctrl-C or",
            "when --duration ends.",
            "",
            "  --duration SECONDS   stop after this many seconds (default: run until Ctrl-C)",
            "  --rate N             simulator events per second while it replays history (default 1600; live: rate/480)",
            "  --scenario NAME      carrier-outage | warehouse-wave-delay | store-inventory-drop | erp-sync-lag | promotion-peak",
            "  --http-port PORT     API and dashboard port (default FPI_HTTP_PORT or 8080)",
            "  --seed N             simulator seed (default 42)",
            "");

    static DemoOptions parse(String[] args, int defaultPort) {
        Duration duration = null;
        int port = defaultPort;
        List<String> sim = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return new DemoOptions(null, port, List.of(), true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("'" + a + "' needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--duration" -> duration = Duration.ofSeconds(positive(a, v, Integer.MAX_VALUE));
                case "--http-port" -> port = (int) positive(a, v, 65535);
                case "--rate", "--scenario", "--seed" -> {
                    sim.add(a);
                    sim.add(v);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new DemoOptions(duration, port, List.copyOf(sim), false);
    }

    private static long positive(String name, String v, long max) {
        try {
            long n = Long.parseLong(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + max + ", got '" + v + "'");
    }
}
