package io.fpi.launcher;

import io.fpi.launcher.bench.BenchCommand;
import io.fpi.runtime.config.Env;
import java.io.PrintStream;
import java.util.Arrays;

/** bin/fpi's entry point: one sub-command per verb. */
public final class Fpi {
    static final String USAGE = String.join("\n",
            "usage: fpi <command> [options]",
            "",
            "  demo       run the whole platform locally (Kafka, ClickHouse, Flink job, API + dashboard, simulator)",
            "  simulate   publish a simulated retailer's events to Kafka (the demo's broker, or FPI_KAFKA_BOOTSTRAP)",
            "  test       install test prerequisites if missing and run every test (handled by bin/fpi itself)",
            "  import     load an XES / OCEL 2.0 / CSV event log into a dataset (a bounded Flink job into ClickHouse)",
            "  stats      process statistics of a dataset as one JSON object (cases, events, variants, DFG edges...)",
            "  bench      benchmark: 'fpi bench pipeline|import|all' prints throughput, CPU, latency and state-size figures",
            "",
            "Run 'fpi <command> --help' for a command's options.",
            "");

    private Fpi() {}

    public static void main(String[] args) {
        int code = run(args, Env.system(), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, Env env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo":
                return DemoCommand.run(rest, env, out, err);
            case "simulate":
                return SimulateLauncher.run(rest, env, err);
            case "bench":
                return BenchCommand.run(rest, env, out, err);
            case "import":
                return ImportCommand.run(rest, env, out, err);
            case "stats":
                return StatsCommand.run(rest, env, out, err);
            default:
                err.println("fpi: unknown command '" + args[0] + "'");
                err.print(USAGE);
                return 2;
        }
    }
}
