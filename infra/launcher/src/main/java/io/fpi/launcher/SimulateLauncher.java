package io.fpi.launcher;

import io.fpi.runtime.config.Env;
import io.fpi.runtime.local.EmbeddedKafka;
import io.fpi.simulator.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code bin/fpi simulate}: the simulator's own command, pointed at the demo's broker when neither
 * --bootstrap nor FPI_KAFKA_BOOTSTRAP names one.
 */
final class SimulateLauncher {
    private SimulateLauncher() {}

    static int run(String[] args, Env env, PrintStream err) {
        boolean explicit = Arrays.asList(args).contains("--bootstrap") || Arrays.asList(args).contains("--help")
                || env.getOrNull("FPI_KAFKA_BOOTSTRAP") != null;
        if (explicit) {
            return SimulateCommand.run(args);
        }
        Optional<String> demoBroker = EmbeddedKafka.findRunning(DataDir.resolve(env).resolve("kafka"));
        if (demoBroker.isEmpty()) {
            err.println("fpi simulate: no Kafka to publish to: start 'bin/fpi demo' first, or set FPI_KAFKA_BOOTSTRAP,"
                    + " or pass --bootstrap HOST:PORT");
            return 2;
        }
        String[] withBroker = Arrays.copyOf(args, args.length + 2);
        withBroker[args.length] = "--bootstrap";
        withBroker[args.length + 1] = demoBroker.get();
        return SimulateCommand.run(withBroker);
    }
}
