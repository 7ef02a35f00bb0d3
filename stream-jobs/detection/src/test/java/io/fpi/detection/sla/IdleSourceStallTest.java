package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.stalls.StallRules;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.common.EventDecoder;
import io.fpi.jobs.common.IdleAdvancingWatermarks;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.schemas.EventCodec;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the whole input goes quiet, event time stops and no timer fires. With idle advance, the
 * watermark moves on with the (processing-time) clock and the stalls of a quiet system are still
 * reported.
 */
class IdleSourceStallTest extends MonitorTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    @Test
    void with_idle_advance_a_stall_is_reported_while_nothing_arrives() throws Exception {
        ManualClock clock = new ManualClock();
        Order o = shipToHome("Q-1");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            Source source = new Source(new IdleAdvancingWatermarks<>(OUT_OF_ORDERNESS, Duration.ofSeconds(30),
                    Duration.ofSeconds(30), clock), clock, h);
            source.emit(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE)); // then: silence

            for (int minute = 1; minute <= 3 * 60; minute++) { // 3 h of processing time, one tick a minute
                clock.advanceTime(1, TimeUnit.MINUTES);
                source.tick();
            }
            assertThat(h.findings(FindingTypes.STALL)).as("1 h threshold after payment").singleElement().satisfies(f -> {
                assertThat(f.getStage()).isEqualTo("PAYMENT_AUTHORIZED");
                assertThat(f.getDetectedAt()).as("in event time, not wall time").isEqualTo(T0 + MINUTE + HOUR);
            });
            assertThat(source.last).isEqualTo(T0 + MINUTE - OUT_OF_ORDERNESS.toMillis() - 1 + 3 * HOUR);
        }
    }

    @Test
    void without_idle_advance_the_watermark_stops_with_the_input_and_nothing_is_reported() throws Exception {
        ManualClock clock = new ManualClock();
        Order o = shipToHome("Q-2");
        try (MonitorHarness h = MonitorHarness.open(CONFIG)) {
            WatermarkStrategy<FulfillmentEvent> plain = WatermarkStrategy.<FulfillmentEvent>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                    .withIdleness(Duration.ofSeconds(30));
            Source source = new Source(plain, clock, h);
            source.emit(placed(o, T0), at(o, "PAYMENT_AUTHORIZED", T0 + MINUTE));

            for (int minute = 1; minute <= 3 * 60; minute++) {
                clock.advanceTime(1, TimeUnit.MINUTES);
                source.tick();
            }
            assertThat(h.findings()).isEmpty();
            assertThat(source.last).isEqualTo(T0 + MINUTE - OUT_OF_ORDERNESS.toMillis() - 1);
        }
    }

    /**
     * The live wiring on a MiniCluster: a source that sends one order and then stays open without
     * sending anything, the trace job with {@code idleAdvanceAfter}, the monitor with a 2 s
     * threshold. The STALL arrives although no record follows the first.
     */
    @Test
    @Timeout(120)
    void on_a_running_job_a_quiet_source_still_gets_its_stall_reported() throws Exception {
        StallRules twoSeconds = StallRules.parse("""
                version: "quiet"
                stages:
                  - { stage: ORDER_PLACED, threshold: 2s, responsible: PAYMENT }
                """, "quiet.yaml");
        TraceJobConfig traceConfig = TraceJobConfig.parse(new String[] {"--max.out.of.orderness", "100ms",
                "--source.idleness", "200ms"}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        long now = System.currentTimeMillis();
        Order live = new Order("Q-LIVE", "SHIP_TO_HOME", "WEB", "DC-NORTHEAST", "NORTHEAST", now + 5 * 24 * HOUR);
        TraceOutputs traces = TraceJob.defineWorkflow(env, QuietSource.after(placed(live, now)),
                traceConfig, Duration.ofMillis(300));
        MonitorOutputs monitored = OrderMonitoring.attach(traces.events(), CONFIG.withStallRules(twoSeconds));

        try (CloseableIterator<Finding> it = monitored.findings().executeAndCollect("quiet source")) {
            Finding f = it.next(); // blocks until the watermark, moved by the clock alone, passes an instant
            assertThat(f.getType()).isEqualTo(FindingTypes.STALL);
            assertThat(f.getOrderId()).isEqualTo("Q-LIVE");
            assertThat(f.getDetectedAt()).isEqualTo(now + 2_000);
        }
    }

    /** Drives a watermark generator like a source does: events in, periodic emission on ticks, into the harness. */
    private static final class Source {
        final WatermarkGenerator<FulfillmentEvent> generator;
        final MonitorHarness harness;
        long last = Long.MIN_VALUE;
        final WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark w) {
                if (w.getTimestamp() > last) {
                    last = w.getTimestamp();
                    try {
                        harness.watermark(last);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        };

        Source(WatermarkStrategy<FulfillmentEvent> strategy, RelativeClock clock, MonitorHarness harness) {
            this.harness = harness;
            this.generator = strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
                @Override
                public MetricGroup getMetricGroup() {
                    return new UnregisteredMetricsGroup();
                }

                @Override
                public RelativeClock getInputActivityClock() {
                    return clock;
                }
            });
        }

        void emit(FulfillmentEvent... events) throws Exception {
            for (FulfillmentEvent e : events) {
                generator.onEvent(e, e.getEventTime(), output);
                harness.send(e);
            }
            generator.onPeriodicEmit(output);
        }

        void tick() {
            generator.onPeriodicEmit(output);
        }
    }

    /** Sends its records, then never another one and never ends: a topic gone quiet. */
    private static final class QuietSource {
        static DataGeneratorSource<Envelope> after(FulfillmentEvent... events) {
            List<byte[][]> records = new ArrayList<>();
            EventCodec codec = new EventCodec();
            for (FulfillmentEvent e : events) {
                records.add(new byte[][] {(e.getDataset() + "/" + e.getOrderId()).getBytes(StandardCharsets.UTF_8), codec.encode(e)});
            }
            int count = records.size();
            RateLimiterStrategy<?> thenNothing = parallelism -> new RateLimiter<>() {
                private int granted;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    granted += permits;
                    return granted <= count ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
                }
            };
            return new DataGeneratorSource<>(new Records(records), Long.MAX_VALUE, thenNothing, Envelope.TYPE);
        }
    }

    private static final class Records implements GeneratorFunction<Long, Envelope> {
        private final ArrayList<byte[][]> records;
        private transient EventDecoder decoder;

        Records(List<byte[][]> records) {
            this.records = new ArrayList<>(records);
        }

        @Override
        public void open(SourceReaderContext readerContext) {
            decoder = new EventDecoder();
        }

        @Override
        public Envelope map(Long index) {
            byte[][] r = records.get((int) Math.min(index, records.size() - 1));
            return decoder.decode(r[0], r[1], "fpi.events", 0, index);
        }
    }
}
