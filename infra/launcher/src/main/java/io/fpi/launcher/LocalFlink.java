package io.fpi.launcher;

import io.fpi.detection.job.FpiJob;
import io.fpi.jobs.traces.TraceJobConfig;
import io.fpi.runtime.config.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FPI's full job (traces, detection, KPIs) on a Flink MiniCluster inside this JVM: the local stand-in for a Flink cluster.
 * Checkpoints go to the data directory and are retained on cancellation; a new start resumes from
 * the newest one, and falls back to a fresh start (from the committed Kafka offsets) when that
 * checkpoint can no longer be restored, e.g. after an incompatible change to the job.
 */
final class LocalFlink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
    private static final Duration RESTORE_PROBE = Duration.ofSeconds(20);

    private final JobClient job;

    private LocalFlink(JobClient job) {
        this.job = job;
    }

    static LocalFlink start(TraceJobConfig config, Env env, Path checkpointRoot) throws Exception {
        TraceJobConfig withDir = config.checkpointDir() != null ? config
                : withCheckpointDir(config, checkpointRoot.toUri().toString());
        Optional<Path> resume = RetainedCheckpoints.latest(checkpointRoot);
        if (resume.isPresent()) {
            JobClient job = submit(withDir, env, resume.get().toString());
            if (survivesRestore(job)) {
                LOG.info("FPI job resumed from {}", resume.get());
                return new LocalFlink(job);
            }
            LOG.warn("could not resume from {}; starting the FPI job fresh from the committed Kafka offsets", resume.get());
        }
        return new LocalFlink(submit(withDir, env, null));
    }

    private static JobClient submit(TraceJobConfig config, Env env, String restorePath) throws Exception {
        Configuration conf = new Configuration();
        if (restorePath != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restorePath);
            conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        int parallelism = config.parallelism() == null ? 2 : config.parallelism();
        StreamExecutionEnvironment flink = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        FpiJob.build(flink, config, env);
        return flink.executeAsync(FpiJob.JOB_NAME);
    }

    /** A restore that fails does so while the job initializes: watch it for a short while. */
    private static boolean survivesRestore(JobClient job) throws Exception {
        long deadline = System.nanoTime() + RESTORE_PROBE.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus status = job.getJobStatus().get(5, TimeUnit.SECONDS);
            if (status == JobStatus.RUNNING) {
                return true;
            }
            if (status.isGloballyTerminalState() || status == JobStatus.FAILING || status == JobStatus.RESTARTING) {
                if (!status.isGloballyTerminalState()) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static TraceJobConfig withCheckpointDir(TraceJobConfig c, String dir) {
        return new TraceJobConfig(c.kafkaBootstrap(), c.eventsTopic(), c.dlqTopic(), c.consumerGroup(), c.clickhouse(),
                c.clickhouseSink(), c.checkpointInterval(), dir, c.maxOutOfOrderness(), c.sourceIdleness(),
                c.traceRetention(), c.traceIdleExpiry(), c.parallelism());
    }

    String jobId() {
        return job.getJobID().toString();
    }

    JobStatus status() throws Exception {
        return job.getJobStatus().get(5, TimeUnit.SECONDS);
    }

    /** Cancels the job; its last checkpoint stays on disk for the next start. */
    @Override
    public void close() {
        try {
            if (!job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("trace job did not cancel cleanly: {}", e.toString());
        }
    }
}
