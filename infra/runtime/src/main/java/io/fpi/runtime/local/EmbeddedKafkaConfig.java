package io.fpi.runtime.local;

import java.nio.file.Path;

/**
 * The files an {@link EmbeddedKafka} child reads: its {@code server.properties} and a log4j2 config.
 * Both are rewritten at every start (the ports change); only {@code data/} and {@code cluster.id}
 * carry state across restarts.
 */
final class EmbeddedKafkaConfig {
    /** Static node id of the single combined broker+controller. */
    static final int NODE_ID = 1;

    private EmbeddedKafkaConfig() {}

    /**
     * A single-node KRaft combined-mode config. The quorum is <em>static</em>
     * ({@code controller.quorum.voters}) rather than formatted with {@code --standalone}: a dynamic
     * quorum stores the controller's endpoint in the metadata log, and ours changes at every start
     * because ports are picked fresh.
     */
    static String serverProperties(Path dataDir, int brokerPort, int controllerPort) {
        return """
                # Written by io.fpi.runtime.local.EmbeddedKafka at every start; edits are lost.
                process.roles=broker,controller
                node.id=%3$d
                controller.quorum.voters=%3$d@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%4$s

                # One node: every internal topic has one replica.
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=8
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=8
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                default.replication.factor=1
                min.insync.replicas=1

                # Topics are created on purpose (EmbeddedKafka.createTopic), never by a typo'd producer.
                auto.create.topics.enable=false
                num.partitions=2
                # Consumers join at once: there is no second member worth waiting for.
                group.initial.rebalance.delay.ms=0
                # Flink's exactly-once KafkaSink defaults to a 1 h transaction timeout; the broker's
                # default ceiling (15 min) would reject it.
                transaction.max.timeout.ms=3600000

                # A demo broker, not an archive: a day or 1 GiB per partition, whichever comes first.
                log.retention.hours=24
                log.retention.bytes=1073741824
                log.segment.bytes=134217728
                log.retention.check.interval.ms=300000
                """.formatted(brokerPort, controllerPort, NODE_ID, dataDir.toAbsolutePath());
    }

    /** Sends the broker's own logs to a size-capped file so that it never writes to our console. */
    static String log4j2Properties(Path logFile) {
        String file = logFile.toAbsolutePath().toString();
        return """
                # Written by io.fpi.runtime.local.EmbeddedKafka at every start; edits are lost.
                status = warn
                appender.file.type = RollingFile
                appender.file.name = file
                appender.file.fileName = %1$s
                appender.file.filePattern = %1$s.%%i
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                appender.file.policies.type = Policies
                appender.file.policies.size.type = SizeBasedTriggeringPolicy
                appender.file.policies.size.size = 10MB
                appender.file.strategy.type = DefaultRolloverStrategy
                appender.file.strategy.max = 3
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                # Per-request and per-partition chatter drowns the lines that explain a failure.
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                logger.state.name = state.change.logger
                logger.state.level = WARN
                logger.cleaner.name = kafka.log.LogCleaner
                logger.cleaner.level = WARN
                """.formatted(file);
    }
}
