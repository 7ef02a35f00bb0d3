package io.fpi.api.health;

/** Whether ClickHouse answered, with its version, or why not. */
public record ClickHouseHealth(boolean reachable, String version, String error) {
}
