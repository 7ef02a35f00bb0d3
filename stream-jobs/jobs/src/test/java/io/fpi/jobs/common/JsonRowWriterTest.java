package io.fpi.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonRowWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hostile_strings_come_out_as_valid_json_that_reads_back_the_same() throws Exception {
        String[] hostile = {"\"", "\\", "\n\r\t\b\f", "\u0000\u0001\u001f\u007f", "ünïcödé ✓ 𝄞", "</script>", "'; DROP TABLE events;--"};
        JsonRowWriter w = new JsonRowWriter(16);
        for (String s : hostile) {
            w.beginRow().string("s", s).stringArray("a", new String[] {s, null}).endRow();
        }

        String[] lines = new String(w.toByteArray(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(hostile.length);
        for (int i = 0; i < hostile.length; i++) {
            JsonNode row = JSON.readTree(lines[i]);
            assertThat(row.get("s").asText()).isEqualTo(hostile[i]);
            assertThat(row.get("a").get(0).asText()).isEqualTo(hostile[i]);
            assertThat(row.get("a").get(1).asText()).as("null written as empty").isEmpty();
        }
        assertThat(w.rows()).isEqualTo(hostile.length);
    }

    @Test
    void a_lone_surrogate_becomes_the_replacement_character() throws Exception {
        JsonRowWriter w = new JsonRowWriter();
        w.beginRow().string("s", "a\uD800b\uDC00").endRow();

        assertThat(JSON.readTree(w.toByteArray()).get("s").asText()).isEqualTo("a\uFFFDb\uFFFD");
    }

    @Test
    void numbers_nulls_unsigned_and_dates_use_clickhouse_friendly_forms() throws Exception {
        long farFuture = Instant.parse("2199-06-01T00:00:00Z").toEpochMilli();
        JsonRowWriter w = new JsonRowWriter();
        w.beginRow()
                .int64("i", -5).uint64("u", -1L).nullableInt64("n", null).nullableInt32("m", 7)
                .utcDate("d", Instant.parse("2025-03-03T23:59:59.999Z").toEpochMilli())
                .utcDate("far", farFuture)
                .int64Array("xs", new long[] {1, -2})
                .endRow();

        String line = new String(w.toByteArray(), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"i\":-5,\"u\":18446744073709551615,\"n\":null,\"m\":7,\"d\":\"2025-03-03\","
                + "\"far\":\"2105-12-31\",\"xs\":[1,-2]}\n");
    }

    @Test
    void reset_starts_an_empty_batch() {
        JsonRowWriter w = new JsonRowWriter();
        w.beginRow().int64("a", 1).endRow();
        w.reset();

        assertThat(w.rows()).isZero();
        assertThat(w.toByteArray()).isEmpty();
    }
}
