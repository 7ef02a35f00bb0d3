package io.fpi.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2010-12-30T14:32:00.000+01:00, 2010-12-30T13:32:00Z",
            "2010-12-30T14:32:00+0100, 2010-12-30T13:32:00Z",
            "2010-12-30T14:32:00+01, 2010-12-30T13:32:00Z",
            "2010-12-30T08:02:00.5-05:30, 2010-12-30T13:32:00.500Z",
            "2010-12-30T13:32:00.123456789Z, 2010-12-30T13:32:00.123Z",
            "2010-12-30T13:32:00, 2010-12-30T13:32:00Z",
            "2010-12-30T13:32, 2010-12-30T13:32:00Z",
            "2010-12-30 13:32:00.250, 2010-12-30T13:32:00.250Z",
            "2010-12-30 14:32:00 +01:00, 2010-12-30T13:32:00Z",
            "2010-12-30, 2010-12-30T00:00:00Z",
            "2020-03-29T03:30:00+02:00[Europe/Paris], 2020-03-29T01:30:00Z",
            "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z"})
    void iso_shapes_convert_to_utc_millis(String text, String utc) {
        assertThat(Timestamps.parseMillis(text)).isEqualTo(Instant.parse(utc).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30/12/2010", "2010-13-01T00:00:00Z", "2010-02-30T00:00:00Z", "2010-12-30T25:00:00Z",
            "1293716000000", "yesterday", ""})
    void anything_else_is_refused_with_the_value_quoted(String text) {
        assertThatThrownBy(() -> Timestamps.parseMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a timestamp");
    }

    @ParameterizedTest
    @CsvSource({"1293716000000, 1293716000000", "-1000, -1000"})
    void epoch_millis_only_where_allowed(String text, long millis) {
        assertThat(Timestamps.parseMillis(text, true)).isEqualTo(millis);
    }
}
