package io.fpi.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.SqlLiterals;
import io.fpi.runtime.migrations.Migrations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real clickhouse-server binary (installed by .ci/run). */
class LocalClickHouseTest {
    @TempDir
    static Path dir;
    static LocalClickHouse server;
    static ClickHouseClient client;

    @BeforeAll
    static void start() {
        server = LocalClickHouse.start(dir.resolve("ch"));
        client = server.client();
        Migrations.apply(client);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void migrations_are_idempotent_and_recorded_once() {
        assertThat(Migrations.apply(client)).isZero();
        List<JsonNode> rows = client.query("SELECT count() AS n, uniqExact(version) AS v FROM schema_migrations");
        assertThat(rows.get(0).get("n").asInt()).isEqualTo(Migrations.names().size());
        assertThat(rows.get(0).get("v").asInt()).isEqualTo(Migrations.names().size());
    }

    @Test
    void re_running_an_add_column_migration_statement_is_harmless_but_other_errors_are_not() {
        client.execute("CREATE TABLE IF NOT EXISTS alter_probe (a Int8) ENGINE = MergeTree ORDER BY a");
        Migrations.executeIdempotently(client, "ALTER TABLE alter_probe ADD COLUMN b Int8");
        Migrations.executeIdempotently(client, "ALTER TABLE alter_probe ADD COLUMN b Int8");
        assertThat(client.queryOne("SELECT count() AS n FROM system.columns WHERE database = 'fpi' AND table = 'alter_probe'")
                .get("n").asInt()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Migrations.executeIdempotently(client, "ALTER TABLE no_such_table ADD COLUMN b Int8"))
                .isInstanceOf(io.fpi.runtime.clickhouse.ClickHouseException.class);
    }

    @Test
    void a_running_server_is_found_by_another_process_over_the_same_directory() {
        assertThat(LocalClickHouse.findRunning(dir.resolve("ch"))).contains(server.endpoint());
        assertThat(LocalClickHouse.findRunning(dir.resolve("nothing-here"))).isEmpty();
    }

    @Test
    void hostile_strings_round_trip_as_literals_and_never_break_out() {
        List<String> hostile = List.of("'", "\\", "\\'", "';DROP TABLE events;--", "a' OR '1'='1", "/* c */ --",
                "\u0000\u0001\n\r\t\u007f", "ünïcödé ✓ 𝄞", "\\x41", "x".repeat(10_000), "'\\''\\\\'");
        for (String s : hostile) {
            JsonNode row = client.queryOne("SELECT " + SqlLiterals.string(s) + " AS s, length(" + SqlLiterals.string(s) + ") AS n");
            assertThat(row.get("s").asText()).isEqualTo(s);
            assertThat(row.get("n").asLong()).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
        assertThat(client.queryOne("SELECT count() AS n FROM system.tables WHERE database = 'fpi' AND name = 'events'")
                .get("n").asInt()).isEqualTo(1);
    }

    @Test
    void json_each_row_inserts_are_collapsed_by_key_under_final() {
        String row = "{\"dataset\":\"t\",\"order_id\":\"o\",\"event_id\":\"e1\",\"activity\":\"ORDER_PLACED\",\"event_time_ms\":1000,"
                + "\"event_date\":\"1970-01-01\",\"ingest_time_ms\":1000,\"source_system\":\"OMS\",\"channel\":\"\",\"fulfillment_type\":\"\","
                + "\"node_id\":\"\",\"region\":\"\",\"promised_by_ms\":null,\"units_ordered\":null,\"units_fulfilled\":null,"
                + "\"amount_minor\":null,\"cost_minor\":null,\"currency\":\"\",\"error_code\":\"\",\"error_reason\":\"\","
                + "\"attr_keys\":[],\"attr_values\":[],\"sequence\":0}\n";
        client.insertJsonEachRow("events", row.getBytes(StandardCharsets.UTF_8));
        client.insertJsonEachRow("events", row.getBytes(StandardCharsets.UTF_8));
        assertThat(client.queryOne("SELECT count() AS n FROM events FINAL WHERE dataset = 't'").get("n").asInt()).isEqualTo(1);
    }
}
