package io.fpi.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @Test
    void writes_a_header_and_rows_separated_by_commas_and_crlf() {
        String csv = Csv.write(List.of("id", "n"), List.of(Arrays.asList("a", 1L), Arrays.asList("b", 2L)));

        assertThat(csv).isEqualTo("id,n\r\na,1\r\nb,2\r\n");
    }

    @Test
    void quotes_fields_with_commas_quotes_and_line_breaks_doubling_the_quotes() {
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.cell("plain text")).isEqualTo("plain text");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "=1;2"})
    void prefixes_text_that_a_spreadsheet_would_run_as_a_formula(String text) {
        String cell = Csv.cell(text);

        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + text);
    }

    @Test
    void prefixes_text_starting_with_a_tab_or_carriage_return_and_still_quotes_it() {
        assertThat(Csv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void writes_numbers_as_numbers_without_a_prefix_even_when_negative() {
        assertThat(Csv.cell(-5L)).isEqualTo("-5");
        assertThat(Csv.cell(0.25)).isEqualTo("0.25");
        assertThat(Csv.cell(1.0E7)).isEqualTo("10000000");
        assertThat(Csv.cell(Double.NaN)).isEmpty();
    }

    @Test
    void writes_null_as_an_empty_field_instants_in_iso_lists_and_maps_flat() {
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell(Instant.parse("2024-03-01T10:00:00Z"))).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(Csv.cell(List.of("A", "B"))).isEqualTo("A > B");
        assertThat(Csv.cell(Map.of("k", "v"))).isEqualTo("k=v");
        assertThat(Csv.cell(List.of("=1", "x"))).isEqualTo("'=1 > x");
    }
}
