package io.fpi.api.health;

/**
 * What the Kafka probe saw. {@code clientVersion} is the kafka-clients library's version (brokers
 * do not report theirs through the Admin API); {@code error} says why an unreachable cluster is.
 */
public record KafkaHealth(boolean reachable, String clusterId, Integer brokers, String clientVersion, String error) {
    static KafkaHealth up(String clusterId, int brokers, String clientVersion) {
        return new KafkaHealth(true, clusterId, brokers, clientVersion, null);
    }

    static KafkaHealth down(String clientVersion, String error) {
        return new KafkaHealth(false, null, null, clientVersion, error);
    }
}
