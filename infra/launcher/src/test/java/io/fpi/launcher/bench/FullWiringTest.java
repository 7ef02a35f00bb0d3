package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import io.fpi.runtime.config.Env;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Full must stay the job that runs in production: same operators, same uids, other source bounds only. */
class FullWiringTest {
    static final ClickHouseEndpoint CH = ClickHouseEndpoint.of("http://127.0.0.1:1");
    static final TraceJobConfig CONFIG = TraceJobConfig.parse(new String[] {"--kafka.bootstrap", "127.0.0.1:1"}, Map.of())
            .withClickHouse(CH);

    @Test
    void full_has_the_operators_and_uids_of_the_trace_job() {
        StreamExecutionEnvironment real = StreamExecutionEnvironment.getExecutionEnvironment();
        TraceJob.build(real, CONFIG);

        StreamExecutionEnvironment bench = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkStages stages = new FlinkStages("127.0.0.1:1", CONFIG.dlqTopic(), CH, CONFIG, 2, Path.of("/tmp"),
                new CpuClock(Map.of()), false, new Env(Map.of()));
        stages.wire(bench, FlinkStages.Kind.FULL, stages.source("t", "g", true, null), true);

        Set<String> expected = operators(real);
        assertThat(expected).anyMatch(o -> o.contains("clickhouse-traces")).anyMatch(o -> o.contains("trace-builder"));
        assertThat(operators(bench)).isEqualTo(expected);
    }

    @Test
    void b2_is_full_without_the_clickhouse_and_dead_letter_sinks() {
        StreamExecutionEnvironment full = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamExecutionEnvironment b2 = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkStages stages = new FlinkStages("127.0.0.1:1", CONFIG.dlqTopic(), CH, CONFIG, 2, Path.of("/tmp"),
                new CpuClock(Map.of()), false, new Env(Map.of()));
        stages.wire(full, FlinkStages.Kind.FULL, stages.source("t", "g", true, null), true);
        stages.wire(b2, FlinkStages.Kind.B2, stages.source("t", "g", true, null), true);

        Set<String> upstream = operators(full);
        upstream.removeIf(o -> o.contains("clickhouse") || o.contains("dead-letter-topic"));
        Set<String> b2Ops = operators(b2);
        assertThat(b2Ops).containsAll(upstream);
        assertThat(b2Ops).noneMatch(o -> o.contains("clickhouse"));
    }

    @Test
    void full_job_has_the_operators_and_uids_of_the_production_detection_job() {
        StreamExecutionEnvironment real = StreamExecutionEnvironment.getExecutionEnvironment();
        FpiJob.build(real, CONFIG, new Env(Map.of()));

        StreamExecutionEnvironment bench = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkStages stages = new FlinkStages("127.0.0.1:1", CONFIG.dlqTopic(), CH, CONFIG, 2, Path.of("/tmp"),
                new CpuClock(Map.of()), false, new Env(Map.of()));
        int timed = stages.wire(bench, FlinkStages.Kind.FULL_JOB, stages.source("t", "g", true, null), true);

        Set<String> expected = operators(real);
        assertThat(expected).anyMatch(o -> o.contains("kpi-minute-aggregator")).anyMatch(o -> o.contains("findings-topic"))
                .anyMatch(o -> o.contains("exception-pattern-detector")).anyMatch(o -> o.contains("trace-builder"));
        Set<String> benchOps = operators(bench);
        assertThat(benchOps).as("the bench holds back the final watermark, nothing else").contains(
                HoldFinalWatermark.UID + " [" + HoldFinalWatermark.UID + "]");
        benchOps.remove(HoldFinalWatermark.UID + " [" + HoldFinalWatermark.UID + "]");
        assertThat(benchOps).isEqualTo(expected);
        assertThat(timed).as("ClickHouse sinks: events, traces, kpi_minute, exception_windows, findings").isEqualTo(5);
    }

    @Test
    void trace_only_is_full_with_the_final_watermark_held_back() {
        StreamExecutionEnvironment full = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamExecutionEnvironment traceOnly = StreamExecutionEnvironment.getExecutionEnvironment();
        FlinkStages stages = new FlinkStages("127.0.0.1:1", CONFIG.dlqTopic(), CH, CONFIG, 2, Path.of("/tmp"),
                new CpuClock(Map.of()), false, new Env(Map.of()));
        stages.wire(full, FlinkStages.Kind.FULL, stages.source("t", "g", true, null), true);
        stages.wire(traceOnly, FlinkStages.Kind.TRACE_ONLY, stages.source("t", "g", true, null), true);

        Set<String> ops = operators(traceOnly);
        assertThat(ops.remove(HoldFinalWatermark.UID + " [" + HoldFinalWatermark.UID + "]")).isTrue();
        assertThat(ops).isEqualTo(operators(full));
    }

    /** "name [uid]" of every stream node. */
    private static Set<String> operators(StreamExecutionEnvironment env) {
        Set<String> out = new TreeSet<>();
        for (StreamNode n : env.getStreamGraph().getStreamNodes()) {
            out.add(n.getOperatorName() + " [" + n.getTransformationUID() + "]");
        }
        return out;
    }
}
