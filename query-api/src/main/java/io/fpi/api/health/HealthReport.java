package io.fpi.api.health;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The answer of {@code GET /api/health}: "ok" only when every dependency answered. */
public record HealthReport(String status, ClickHouseHealth clickhouse, KafkaHealth kafka) {
    public static HealthReport of(ClickHouseHealth clickhouse, KafkaHealth kafka) {
        return new HealthReport(clickhouse.reachable() && kafka.reachable() ? "ok" : "degraded", clickhouse, kafka);
    }

    @JsonIgnore
    public boolean healthy() {
        return "ok".equals(status);
    }
}
