package io.fpi.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectorTest {

    @ParameterizedTest
    @CsvSource({
            "log.xes, XES", "LOG.XES.GZ, XES", "o.xmlocel, OCEL2_XML", "o.jsonocel.gz, OCEL2_JSON",
            "events.csv, CSV", "events.csv.gz, CSV"})
    void unambiguous_extensions_decide(String name, LogFormat expected) {
        assertThat(FormatDetector.byExtension(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"log.xml", "log.json", "log.gz", "log"})
    void generic_extensions_leave_it_to_the_content(String name) {
        assertThat(FormatDetector.byExtension(name)).isNull();
    }

    @Test
    void xml_with_a_log_root_and_trace_children_is_xes() {
        assertThat(detect("log.xml", "<?xml version='1.0'?>\n<!-- c -->\n<log xmlns=\"http://www.xes-standard.org/\">"
                + "<extension name='x' prefix='x' uri='u'/><trace/></log>")).isEqualTo(LogFormat.XES);
    }

    @Test
    void xml_with_a_log_root_and_ocel_sections_is_ocel2_xml() {
        assertThat(detect("log.xml", "<log>\n  <event-types/>\n  <events/>\n</log>")).isEqualTo(LogFormat.OCEL2_XML);
        assertThat(detect("log.xml", "<ocel><objects/></ocel>")).isEqualTo(LogFormat.OCEL2_XML);
    }

    @Test
    void json_with_ocel_keys_is_ocel2_json() {
        assertThat(detect("log.json", "  {\"eventTypes\": [], \"objectTypes\": []}")).isEqualTo(LogFormat.OCEL2_JSON);
    }

    @Test
    void gzip_content_is_sniffed_after_decompression() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"objectTypes\":[],\"objects\":[]}".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(FormatDetector.detect(ImportSource.ofBytes("export.gz", bytes.toByteArray())))
                .isEqualTo(LogFormat.OCEL2_JSON);
    }

    @Test
    void text_with_delimiters_is_csv() {
        assertThat(detect("export.txt", "case;activity;time\n")).isEqualTo(LogFormat.CSV);
    }

    @Test
    void unrecognisable_content_fails_asking_for_a_format() {
        assertThatThrownBy(() -> detect("data.json", "{\"ocel:global-event\": {}}"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("OCEL 1.0 is not supported")
                .hasMessageEndingWith("pass --format xes|ocel2-xml|ocel2-json|csv");
        assertThatThrownBy(() -> detect("page.xml", "<html><body/></html>"))
                .hasMessageContaining("XML with root <html>");
        assertThatThrownBy(() -> detect("blob", "hello"))
                .hasMessageContaining("neither XML, JSON nor CSV");
    }

    @Test
    void cli_format_names_parse_and_unknown_ones_list_the_choices() {
        assertThat(LogFormat.fromCliName("ocel2-json")).isEqualTo(LogFormat.OCEL2_JSON);
        assertThat(LogFormat.fromCliName("XES")).isEqualTo(LogFormat.XES);
        assertThatThrownBy(() -> LogFormat.fromCliName("parquet"))
                .hasMessage("unknown format 'parquet'; use one of: xes|ocel2-xml|ocel2-json|csv");
    }

    private static LogFormat detect(String name, String content) {
        return FormatDetector.detect(ImportSource.ofBytes(name, content.getBytes(StandardCharsets.UTF_8)));
    }
}
