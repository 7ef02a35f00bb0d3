package io.fpi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** schemas/README.md documents the vocabulary; this keeps it in step with {@link CanonicalActivity}. */
class VocabularyReadmeTest {
    private static final Path README = Path.of("README.md"); // surefire runs in the module directory

    @Test
    void every_canonical_activity_has_a_row_and_every_row_is_a_canonical_activity() throws IOException {
        Map<String, List<String>> rows = rows("vocabulary");
        List<String> names = Arrays.stream(CanonicalActivity.values()).map(Enum::name).toList();
        assertThat(rows.keySet()).as("activities in the README table").containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void each_row_states_the_phase_milestone_flag_and_closing_status_of_the_enum() throws IOException {
        Map<String, List<String>> rows = rows("vocabulary");
        for (CanonicalActivity a : CanonicalActivity.values()) {
            List<String> cells = rows.get(a.name());
            assertThat(cells).as("README row of %s", a).isNotNull().hasSize(6);
            assertThat(cells.get(1)).as("phase of %s", a).isEqualTo(a.phase().name());
            assertThat(cells.get(2)).as("milestone of %s", a).isEqualTo(a.milestone() ? "yes" : "no");
            assertThat(cells.get(3)).as("closes as of %s", a).isEqualTo(a.closesAs() == null ? "—" : a.closesAs().wireName());
            assertThat(cells.get(4)).as("typical source_system of %s", a).isNotBlank();
            assertThat(cells.get(5)).as("meaning of %s", a).isNotBlank();
        }
    }

    @Test
    void every_exception_code_is_documented() throws IOException {
        assertThat(rows("exception-codes").keySet()).containsExactlyInAnyOrder(CanonicalActivity.BACKORDER,
                CanonicalActivity.SUBSTITUTION, CanonicalActivity.CUSTOMER_MODIFICATION, CanonicalActivity.FRAUD_HOLD,
                CanonicalActivity.MANUAL_INTERVENTION);
    }

    /** The rows of the table between {@code <!-- name:start -->} and {@code <!-- name:end -->}, by first cell. */
    private static Map<String, List<String>> rows(String name) throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = lines.indexOf("<!-- " + name + ":start -->");
        int end = lines.indexOf("<!-- " + name + ":end -->");
        assertThat(start).as("marker %s:start in %s", name, README).isNotNegative();
        assertThat(end).as("marker %s:end after it", name).isGreaterThan(start);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        // skip the header row and the |---| separator
        for (String line : lines.subList(start + 3, end)) {
            String trimmed = line.strip();
            assertThat(trimmed).as("table line in %s", name).startsWith("|").endsWith("|");
            List<String> cells = Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split("\\|", -1))
                    .map(String::strip)
                    .toList();
            String key = cells.get(0).replace("`", "");
            assertThat(rows.put(key, cells)).as("duplicate row %s", key).isNull();
        }
        return rows;
    }
}
