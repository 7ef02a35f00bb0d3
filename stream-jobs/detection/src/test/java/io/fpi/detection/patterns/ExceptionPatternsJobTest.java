package io.fpi.detection.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exception patterns composed behind the trace job as the combined job will run them, on a Flink
 * MiniCluster at parallelism 2, from a simulator run's Kafka records (noise included: duplicates,
 * out-of-order and malformed records).
 */
class ExceptionPatternsJobTest extends PatternsTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    record Result(List<Finding> findings, List<WindowCount> windows) {}

    static Result run(List<byte[][]> records) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        TraceOutputs traces = TraceJob.defineWorkflow(env, SimulatedTopic.source(records), TraceJobConfig.defaults());
        PatternOutputs patterns = ExceptionPatterns.attach(traces.events(), PatternConfig.defaults());
        CloseableIterator<Finding> findings = patterns.findings().collectAsync();
        CloseableIterator<WindowCount> windows = patterns.windows().collectAsync();
        env.executeAsync("exception-patterns-job-test");
        return new Result(drain(findings), drain(windows));
    }

    @Test
    void the_failing_carriers_api_errors_are_the_top_finding_and_a_run_without_the_outage_has_no_such_spike() throws Exception {
        Result outage = run(SimulatedTopic.records(simulation(2000, "SWIFTSHIP")));
        List<Finding> ranked = outage.findings().stream().sorted(PatternRanking.TOP_FIRST).toList();

        assertThat(ranked.subList(0, 3)).anySatisfy(f -> {
            assertThat(f.getType()).isEqualTo(FindingTypes.EXCEPTION_SPIKE);
            assertThat(f.getErrorCode()).isEqualTo("CARRIER_API_5XX");
            assertThat(f.getEvidence()).containsEntry("carrier", "SWIFTSHIP");
        });
        assertThat(ranked.get(0).getSeverity()).isEqualTo(FindingTypes.CRITICAL);
        assertThat(outage.findings()).extracting(Finding::getFindingId).doesNotHaveDuplicates();
        assertThat(outage.windows()).filteredOn(w -> w.scope.equals("all") && "CARRIER_API_5XX".equals(w.errorCode)
                        && List.of(w.attrValues).contains("SWIFTSHIP"))
                .as("the trend of the failing carrier's errors").hasSizeGreaterThan(8)
                .extracting(w -> w.eventCount).anySatisfy(n -> assertThat(n).isGreaterThan(30));

        Result baseline = run(SimulatedTopic.records(simulation(2000, null)));
        assertThat(baseline.findings()).isNotEmpty().noneSatisfy(f -> {
            assertThat(f.getType()).isEqualTo(FindingTypes.EXCEPTION_SPIKE);
            assertThat(f.getErrorCode()).isEqualTo("CARRIER_API_5XX");
        });
        assertThat(baseline.findings()).noneMatch(f -> f.getSeverity().equals(FindingTypes.CRITICAL));
    }

    static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
