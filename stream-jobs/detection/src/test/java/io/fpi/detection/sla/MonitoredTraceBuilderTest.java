package io.fpi.detection.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.jobs.common.Envelope;
import io.fpi.jobs.traces.TraceJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.jobs.traces.TraceOutputs;
import io.fpi.jobs.traces.records.TraceRow;
import io.fpi.schemas.Finding;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The full job runs the order monitor inside the trace builder's operator ({@link MonitoredTraceBuilder});
 * the tests and the scoring run it as its own operator behind a second keyBy ({@link OrderMonitoring}).
 * Both must find the same: the same findings (id, type, order, instants, policy, milestone, what a
 * RESOLVED resolves, severity) and the same SLA outcomes, over simulated scenarios with their noise
 * (duplicates, disorder, malformed records), at parallelism 2.
 *
 * <p>Not compared: a finding's "trace so far" (stage, last activity, source system, trace summary,
 * message). It shows the events the monitor had taken in when the watermark passed the instant,
 * which includes events up to the out-of-orderness bound past it, depending on how the parallel
 * channels interleave: it differs between two runs of the same topology too (20 of 231 findings of
 * the baseline run, measured once).
 */
class MonitoredTraceBuilderTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final int ORDERS = 1_500;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"baseline", "carrier-outage", "warehouse-wave-delay"})
    void finds_exactly_what_the_separate_monitor_finds(String scenario) throws Exception {
        SimulatedRun run = SimulatedRun.generate(scenario.equals("baseline") ? null : scenario, ORDERS, 7);

        Outputs separate = separate(run);
        Outputs fused = fused(run);

        assertThat(separate.findings()).as("the run has findings of every monitor kind")
                .anyMatch(f -> f.startsWith(FindingTypes.SLA_BREACH)).anyMatch(f -> f.startsWith(FindingTypes.STALL))
                .anyMatch(f -> f.startsWith(FindingTypes.RESOLVED));
        assertThat(fused.findings()).as("findings").containsExactlyInAnyOrderElementsOf(separate.findings());
        assertThat(fused.outcomes()).as("SLA outcomes").isNotEmpty().containsExactlyInAnyOrderElementsOf(separate.outcomes());
        assertThat(fused.traceRows()).as("trace rows are the trace builder's").isEqualTo(separate.traceRows());
    }

    record Outputs(List<String> findings, List<String> outcomes, long traceRows) {}

    private static Outputs separate(SimulatedRun run) throws Exception {
        StreamExecutionEnvironment env = env();
        TraceOutputs traces = TraceJob.defineWorkflow(env, source(run), TraceJobConfig.defaults());
        MonitorOutputs monitored = OrderMonitoring.attach(traces.events(), MonitorTestBase.CONFIG);
        return collect(env, "separate-" + run.name(), monitored, traces);
    }

    private static Outputs fused(SimulatedRun run) throws Exception {
        StreamExecutionEnvironment env = env();
        TraceJobConfig config = TraceJobConfig.defaults();
        SingleOutputStreamOperator<TraceRow> traced = TraceJob.trace(TraceJob.readEvents(env, source(run), config, null),
                new MonitoredTraceBuilder(config.traceRetention(), config.traceIdleExpiry(), MonitorTestBase.CONFIG));
        TraceOutputs traces = TraceJob.outputs(null, traced);
        MonitorOutputs monitored = new MonitorOutputs(traced.getSideOutput(MonitoredTraceBuilder.FINDINGS),
                traced.getSideOutput(OrderMonitor.SLA_OUTCOMES));
        return collect(env, "fused-" + run.name(), monitored, traces);
    }

    private static Outputs collect(StreamExecutionEnvironment env, String id, MonitorOutputs monitored, TraceOutputs traces)
            throws Exception {
        CollectingSink<Finding> findings = new CollectingSink<>(id + "-findings");
        CollectingSink<SlaOutcome> outcomes = new CollectingSink<>(id + "-outcomes");
        CollectingSink<TraceRow> rows = new CollectingSink<>(id + "-rows");
        monitored.findings().sinkTo(findings);
        monitored.slaOutcomes().sinkTo(outcomes);
        traces.traces().sinkTo(rows);
        env.execute(id);
        List<String> f = new ArrayList<>();
        for (Finding x : findings.results()) {
            f.add(String.join(" ", x.getType(), x.getFindingId(), x.getDataset(), x.getOrderId(), String.valueOf(x.getDetectedAt()),
                    String.valueOf(x.getDeadline()), String.valueOf(x.getPolicyId()), String.valueOf(x.getMilestone()),
                    String.valueOf(x.getResolves()), String.valueOf(x.getSeverity())));
        }
        List<String> o = new ArrayList<>();
        for (SlaOutcome x : outcomes.results()) {
            o.add(x + " " + x.channel + "/" + x.fulfillmentType + "/" + x.region + "/" + x.nodeId);
        }
        return new Outputs(f, o, rows.results().size());
    }

    private static Source<Envelope, ?, ?> source(SimulatedRun run) {
        return PartitionedRecords.source(run.records(), 2);
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }
}
