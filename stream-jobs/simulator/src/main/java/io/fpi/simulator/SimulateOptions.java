package io.fpi.simulator;

import io.fpi.simulator.kafka.KafkaEventPublisher;
import io.fpi.simulator.scenarios.ScenarioSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The parsed command line of {@code fpi simulate} (see {@link SimulateCommand#USAGE}). */
public record SimulateOptions(SimulatorConfig config, String bootstrap, String topic, Path groundTruth, boolean help) {
    public static final String ENV_BOOTSTRAP = "FPI_KAFKA_BOOTSTRAP";
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    private static final Set<String> VALUE_FLAGS = Set.of("--bootstrap", "--topic", "--dataset", "--seed", "--rate",
            "--speedup", "--sim-start", "--scenario", "--scenario-start", "--scenario-duration", "--orders",
            "--duration", "--sim-duration", "--out-of-order", "--duplicates", "--malformed", "--max-disorder",
            "--ground-truth");

    /** Parses flags; throws IllegalArgumentException with a message a person can act on. */
    public static SimulateOptions parse(String[] args, Map<String, String> env, long nowMs) {
        SimulatorConfig.Builder b = SimulatorConfig.builder();
        String envBootstrap = env.get(ENV_BOOTSTRAP);
        String bootstrap = envBootstrap == null || envBootstrap.isBlank() ? DEFAULT_BOOTSTRAP : envBootstrap.trim();
        String topic = KafkaEventPublisher.DEFAULT_TOPIC;
        Path truth = null;
        List<String> scenarioNames = new ArrayList<>();
        Duration scenarioStart = null;
        Duration scenarioDuration = null;
        long simStart = nowMs - SimulatorConfig.DEFAULT_LOOKBACK.toMillis();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                return new SimulateOptions(null, bootstrap, topic, null, true);
            }
            if (flag.equals("--unpaced")) {
                b.paced(false);
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (!VALUE_FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag);
            }
            String v = inline != null ? inline : ++i < args.length ? args[i] : null;
            if (v == null) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            switch (flag) {
                case "--bootstrap" -> bootstrap = v;
                case "--topic" -> topic = v;
                case "--dataset" -> b.dataset(v);
                case "--seed" -> b.seed(parseLong(flag, v));
                case "--rate" -> b.eventsPerSecond(parseDouble(flag, v));
                case "--speedup" -> b.speedup(parseDouble(flag, v));
                case "--sim-start" -> simStart = parseInstant(flag, v, nowMs);
                case "--scenario" -> scenarioNames.addAll(List.of(v.split(",")));
                case "--scenario-start" -> scenarioStart = parseDuration(flag, v);
                case "--scenario-duration" -> scenarioDuration = parseDuration(flag, v);
                case "--orders" -> b.maxOrders(parseLong(flag, v));
                case "--duration" -> b.duration(parseDuration(flag, v));
                case "--sim-duration" -> b.simDuration(parseDuration(flag, v));
                case "--out-of-order" -> b.outOfOrderRate(parseDouble(flag, v));
                case "--duplicates" -> b.duplicateRate(parseDouble(flag, v));
                case "--malformed" -> b.malformedRate(parseDouble(flag, v));
                case "--max-disorder" -> b.maxDisorder(parseDuration(flag, v));
                case "--ground-truth" -> truth = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        for (String name : scenarioNames) {
            if (!name.isBlank()) {
                b.scenario(ScenarioSpec.parse(name, scenarioStart, scenarioDuration));
            }
        }
        b.simStartMs(simStart);
        return new SimulateOptions(b.build(), bootstrap, topic, truth, false);
    }

    private static long parseLong(String flag, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + v + "'");
        }
    }

    private static double parseDouble(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + v + "'");
        }
    }

    /** A plain number is seconds; otherwise 250ms, 20s, 5m, 6h, 2d or ISO-8601 (PT6H). */
    static Duration parseDuration(String flag, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit) || unit == '.') {
                return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
            }
            double n = Double.parseDouble(s.substring(0, s.length() - 1));
            long unitMs = switch (unit) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> throw new IllegalArgumentException();
            };
            return Duration.ofMillis(Math.round(n * unitMs));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + " must be seconds or a duration like 250ms, 20s, 5m, 6h, 2d, got '" + v + "'");
        }
    }

    /** ISO-8601 instant (2026-05-21T08:00:00Z), or now minus a duration (-6h, -2d). */
    static long parseInstant(String flag, String v, long nowMs) {
        String s = v.trim();
        if (s.startsWith("-")) {
            return nowMs - parseDuration(flag, s.substring(1)).toMillis();
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(flag + " must be an ISO-8601 instant like 2026-05-21T08:00:00Z or -6h, got '" + v + "'");
        }
    }
}
