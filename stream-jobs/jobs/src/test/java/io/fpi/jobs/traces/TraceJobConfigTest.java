package io.fpi.jobs.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceJobConfigTest {

    @Test
    void defaults_make_the_local_run_work_except_for_clickhouse() {
        TraceJobConfig c = TraceJobConfig.defaults();

        assertThat(c.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(c.eventsTopic()).isEqualTo("fpi.events");
        assertThat(c.dlqTopic()).isEqualTo("fpi.events.dlq");
        assertThat(c.consumerGroup()).isEqualTo("fpi-traces");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.sourceIdleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.traceRetention()).isEqualTo(Duration.ofHours(24));
        assertThat(c.traceIdleExpiry()).isEqualTo(Duration.ofDays(30));
        assertThat(c.clickhouseSink().batchRows()).isEqualTo(20_000);
        assertThat(c.clickhouseSink().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.parallelism()).isNull();
        assertThat(c.checkpointDir()).isNull();
        assertThat(c.clickhouse()).isNull();
        assertThatThrownBy(c::requireClickHouse).hasMessageContaining("FPI_CLICKHOUSE_URL").hasMessageContaining("--clickhouse.url");
    }

    @Test
    void program_arguments_override_environment_variables() {
        Map<String, String> env = Map.of("FPI_KAFKA_BOOTSTRAP", "kafka:9092", "FPI_TRACE_RETENTION", "2h",
                "FPI_CLICKHOUSE_URL", "http://ch:8123", "FPI_CLICKHOUSE_PASSWORD", "secret");

        TraceJobConfig c = TraceJobConfig.parse(new String[] {"--trace.retention", "90m", "--job.parallelism", "4",
                "--clickhouse.database", "fpi_test", "--checkpoint.dir", "file:///tmp/cp"}, env);

        assertThat(c.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(c.traceRetention()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.checkpointDir()).isEqualTo("file:///tmp/cp");
        assertThat(c.requireClickHouse().url()).isEqualTo("http://ch:8123");
        assertThat(c.clickhouse().database()).isEqualTo("fpi_test");
        assertThat(c.clickhouse().password()).isEqualTo("secret");
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void an_unknown_or_valueless_argument_is_rejected_with_the_valid_names() {
        assertThatThrownBy(() -> TraceJobConfig.parse(new String[] {"--kafka-bootstrap", "x"}, Map.of()))
                .hasMessageContaining("kafka.bootstrap");
        assertThatThrownBy(() -> TraceJobConfig.parse(new String[] {"--events.topic"}, Map.of()))
                .hasMessageContaining("--events.topic");
        assertThatThrownBy(() -> TraceJobConfig.parse(new String[0], Map.of("FPI_TRACE_RETENTION", "soon")))
                .hasMessageContaining("FPI_TRACE_RETENTION");
    }

    @Test
    void argument_names_follow_from_the_variable_names() {
        assertThat(TraceJobConfig.argName("FPI_MAX_OUT_OF_ORDERNESS")).isEqualTo("max.out.of.orderness");
        assertThat(TraceJobConfig.OPTIONS).allSatisfy(o -> assertThat(o).startsWith("FPI_"));
    }
}
