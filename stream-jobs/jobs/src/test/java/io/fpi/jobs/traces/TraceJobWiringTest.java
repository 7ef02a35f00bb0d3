package io.fpi.jobs.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.runtime.clickhouse.ClickHouseEndpoint;
import java.util.Map;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The real job as main() and the launcher build it; nothing is executed, nothing is contacted. */
class TraceJobWiringTest {

    private static StreamExecutionEnvironment built() {
        TraceJobConfig config = TraceJobConfig.parse(new String[] {"--clickhouse.url", "http://127.0.0.1:1",
                "--checkpoint.interval", "5s"}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TraceJob.build(env, config);
        return env;
    }

    @Test
    void every_operator_has_a_name_and_a_stable_uid() {
        StreamGraph graph = built().getStreamGraph();

        assertThat(graph.getStreamNodes()).extracting(StreamNode::getTransformationUID).contains("events-source",
                "split-dead-letters", "trace-builder", "clickhouse-events", "clickhouse-traces", "dead-letter-topic");
        assertThat(graph.getStreamNodes()).allSatisfy(node -> {
            assertThat(node.getOperatorName()).isNotBlank();
            assertThat(node.getTransformationUID()).as("uid of %s", node.getOperatorName()).isNotBlank();
        });
    }

    @Test
    void checkpoints_are_exactly_once_and_failures_restart_from_them() {
        StreamExecutionEnvironment env = built();

        assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(5_000);
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
    }

    @Test
    void the_real_job_needs_clickhouse() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TraceJob.build(env, TraceJobConfig.defaults()))
                .hasMessageContaining("FPI_CLICKHOUSE_URL");
        assertThat(TraceJobConfig.defaults().withClickHouse(ClickHouseEndpoint.of("http://h:1")).requireClickHouse())
                .isNotNull();
    }
}
