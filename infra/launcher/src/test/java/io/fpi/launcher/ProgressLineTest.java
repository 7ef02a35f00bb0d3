package io.fpi.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import io.fpi.importer.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the import's progress line says in each phase. */
class ProgressLineTest {
    static final long TEN_SECONDS = Duration.ofSeconds(10).toNanos();

    /** A tally whose parser started ten seconds before {@link #now}. */
    static ImportTally startedTenSecondsAgo() {
        ImportTally tally = new ImportTally();
        tally.onParseStarted();
        return tally;
    }

    static long now(ImportTally tally) {
        return tally.parseStartedAtNanos() + TEN_SECONDS;
    }

    @Test
    void until_the_job_is_up_it_says_it_is_starting() {
        assertThat(ProgressLine.describe(new ImportTally(), System.nanoTime())).isEqualTo("starting the import job");
    }

    @Test
    void while_parsing_it_shows_events_read_their_rate_and_an_eta_from_the_bytes_consumed() {
        ImportTally tally = startedTenSecondsAgo();
        tally.onProgress(new ImportProgress("events", 250_000, 250_000, 25_000_000, 100_000_000));

        assertThat(ProgressLine.describe(tally, now(tally)))
                .isEqualTo("parsing: 250,000 events read, 25,000 events/s, 25% of the file, ETA 30 s");
    }

    @Test
    void the_first_pass_over_an_ocel_file_is_shown_as_indexing_objects() {
        ImportTally tally = startedTenSecondsAgo();
        tally.onProgress(new ImportProgress("objects", 0, 0, 50, 100));

        assertThat(ProgressLine.describe(tally, now(tally))).isEqualTo("indexing OCEL objects, 50% of the file, ETA 10 s");
    }

    @Test
    void once_parsed_it_shows_the_events_traced_into_clickhouse_out_of_the_total() {
        ImportTally tally = startedTenSecondsAgo();
        tally.onParsed(new ImportReport(LogFormat.XES, "x.xes", 1000, 1000, Map.of(), Map.of(), 0, null, 10,
                Duration.ofSeconds(1), 100));
        tally.onTraced(4, 400);

        assertThat(ProgressLine.describe(tally, tally.parsedAtNanos() + TEN_SECONDS))
                .isEqualTo("sorting and writing: 400 of 1,000 events traced into ClickHouse, ETA 15 s");
    }

    @Test
    void off_a_terminal_nothing_is_drawn() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ProgressLine line = ProgressLine.start(new PrintStream(err, true, StandardCharsets.UTF_8), new ImportTally(),
                "import x", false)) {
            Thread.sleep(2 * ProgressLine.REDRAW_MS);
        }
        assertThat(err.size()).isZero();
    }

    @Test
    void on_a_terminal_the_line_is_redrawn_in_place_and_cleared_at_the_end() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ProgressLine line = ProgressLine.start(new PrintStream(err, true, StandardCharsets.UTF_8), new ImportTally(),
                "import x", true)) {
            Thread.sleep(3 * ProgressLine.REDRAW_MS);
        }
        String drawn = err.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rimport x: starting the import job").doesNotContain("\n").endsWith("\r");
    }
}
