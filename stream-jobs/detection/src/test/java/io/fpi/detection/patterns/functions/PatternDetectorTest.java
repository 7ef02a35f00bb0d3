package io.fpi.detection.patterns.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.detection.findings.FindingTypes;
import io.fpi.detection.patterns.PatternConfig;
import io.fpi.detection.patterns.PatternsTestBase;
import io.fpi.detection.patterns.records.WindowCount;
import io.fpi.schemas.Finding;
import io.fpi.schemas.FulfillmentEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The detector on Flink's keyed harness: timers fire on watermarks, every window closes, state is cleaned. */
class PatternDetectorTest extends PatternsTestBase {
    private static final PatternConfig CONFIG = allScope().build();
    private static final String BACKORDER_KEY = "EXCEPTION_RAISED|BACKORDER|OMS";

    /** Sends backorder counts window by window (from window 0), closing each with a watermark. */
    private static void backorderWindows(PatternHarness h, int... counts) throws Exception {
        backorderWindowsFrom(h, 0, counts);
    }

    private static void backorderWindowsFrom(PatternHarness h, int first, int... counts) throws Exception {
        for (int i = 0; i < counts.length; i++) {
            h.send(backorders(first + i, counts[i])).watermark(closeOf(first + i));
        }
    }

    @Test
    void a_key_active_in_3_of_the_last_4_windows_is_reported_once_as_recurring_from_its_first_active_window() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, 2, 0, 3);
            assertThat(h.findings()).isEmpty();

            backorderWindowsFrom(h, 3, 2);
            List<Finding> recurring = h.findings(FindingTypes.RECURRING_EXCEPTION);
            assertThat(recurring).hasSize(1);
            Finding f = recurring.get(0);
            assertThat(f.getFindingId()).isEqualTo(FindingTypes.id(FindingTypes.RECURRING_EXCEPTION, DATASET, "all",
                    BACKORDER_KEY, Long.toString(window(0))));
            assertThat(f.getDetectedAt()).isEqualTo(window(4));
            assertThat(f.getErrorCode()).isEqualTo("BACKORDER");
            assertThat(f.getSourceSystem()).isEqualTo("OMS");
            assertThat(f.getNodeId()).isNull();
            assertThat(f.getOrderId()).isNull();
            assertThat(f.getSeverity()).isEqualTo(FindingTypes.INFO);
            assertThat(f.getEvidence())
                    .containsEntry("counts", "2,0,3,2")
                    .containsEntry("counts_from_ms", Long.toString(window(0)))
                    .containsEntry("active_windows", "3")
                    .containsEntry("episode_start_ms", Long.toString(window(0)))
                    .containsEntry("window_start_ms", Long.toString(window(3)))
                    .containsEntry("n", "3").containsEntry("m", "4")
                    .containsEntry("scope", "all").containsEntry("pattern_key", BACKORDER_KEY)
                    .containsEntry("sample_orders", "b-3-0,b-3-1");
            assertThat(f.getMessage()).contains("Recurring BACKORDER (EXCEPTION_RAISED) from OMS", "3 of the last 4", "2,0,3,2");

            backorderWindowsFrom(h, 4, 2, 4, 2);
            assertThat(h.findings()).as("one finding per episode, not per window").hasSize(1);
        }
    }

    @Test
    void a_recurring_episode_ends_with_a_resolution_after_m_quiet_windows() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, 2, 2, 2, 0, 0, 0);
            assertThat(h.findings(FindingTypes.RESOLVED)).as("one active window is still in the lookback").isEmpty();

            backorderWindowsFrom(h, 6, 1); // below the minimum count: not active
            List<Finding> resolved = h.findings(FindingTypes.RESOLVED);
            assertThat(resolved).hasSize(1);
            String recurringId = h.findings(FindingTypes.RECURRING_EXCEPTION).get(0).getFindingId();
            assertThat(resolved.get(0).getResolves()).isEqualTo(recurringId);
            assertThat(resolved.get(0).getFindingId()).isEqualTo(FindingTypes.id(FindingTypes.RESOLVED, DATASET, recurringId));
            assertThat(resolved.get(0).getDetectedAt()).isEqualTo(window(7));
            assertThat(resolved.get(0).getEvidence()).containsEntry("episode_events", "6").containsEntry("episode_peak", "2")
                    .containsEntry("episode_windows", "6").containsEntry("counts", "0,0,0,1");
        }
    }

    @Test
    void a_window_far_above_the_baseline_is_a_critical_spike_with_its_evidence_and_resolves_when_counts_return() throws Exception {
        try (PatternHarness h = PatternHarness.open(allScope().recurringScopes().build(), T0)) {
            backorderWindows(h, 2, 2, 2, 2, 2, 2, 2, 2);
            assertThat(h.findings()).isEmpty();

            backorderWindowsFrom(h, 8, 30);
            List<Finding> spikes = h.findings(FindingTypes.EXCEPTION_SPIKE);
            assertThat(spikes).hasSize(1);
            Finding f = spikes.get(0);
            assertThat(f.getFindingId()).isEqualTo(FindingTypes.id(FindingTypes.EXCEPTION_SPIKE, DATASET, "all",
                    BACKORDER_KEY, Long.toString(window(8))));
            assertThat(f.getDetectedAt()).isEqualTo(window(9));
            assertThat(f.getSeverity()).isEqualTo(FindingTypes.CRITICAL);
            // mean 2, sigma floored at sqrt(2) = 1.41, threshold 2 + 4 * 1.41
            assertThat(f.getEvidence())
                    .containsEntry("count", "30")
                    .containsEntry("counts", "2,2,2,30")
                    .containsEntry("baseline_mean", "2.00")
                    .containsEntry("baseline_sigma", "1.41")
                    .containsEntry("threshold", "7.66")
                    .containsEntry("k", "4.00")
                    .containsEntry("score", "28")
                    .containsEntry("window_ms", Long.toString(WINDOW));
            assertThat(f.getMessage()).isEqualTo("Spike of BACKORDER (EXCEPTION_RAISED) from OMS, at all nodes: 30 in the"
                    + " 15-min window from 2026-03-02T15:00:00Z, baseline 2.00 ± 1.41 per window (threshold 7.66).");

            backorderWindowsFrom(h, 9, 12);
            assertThat(h.findings()).as("still above the release threshold: the same episode").hasSize(1);

            backorderWindowsFrom(h, 10, 3);
            List<Finding> resolved = h.findings(FindingTypes.RESOLVED);
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).getResolves()).isEqualTo(f.getFindingId());
            assertThat(resolved.get(0).getEvidence()).containsEntry("episode_windows", "2").containsEntry("episode_events", "42")
                    .containsEntry("episode_peak", "30");
        }
    }

    @Test
    void a_moderate_excess_is_a_warning_and_a_count_below_the_minimum_is_no_spike() throws Exception {
        try (PatternHarness h = PatternHarness.open(allScope().recurringScopes().build(), T0)) {
            backorderWindows(h, 0, 0, 0, 0, 0, 0, 4);
            assertThat(h.findings()).as("4 events are above the threshold of 4 but below the minimum of 5").isEmpty();

            backorderWindowsFrom(h, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8);
            assertThat(h.findings(FindingTypes.EXCEPTION_SPIKE)).singleElement()
                    .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(FindingTypes.WARNING));
        }
    }

    @Test
    void no_spike_is_reported_during_the_datasets_warm_up_but_a_new_key_after_it_spikes_against_its_zero_history() throws Exception {
        try (PatternHarness h = PatternHarness.open(allScope().recurringScopes().build(), T0)) {
            backorderWindows(h, 0, 1, 30, 2);
            assertThat(h.findings()).as("the first hour of the dataset only learns").isEmpty();

            // a key first seen two hours into the dataset has had eight windows of zeros
            h.send(carrierFailures(8, 20, "SWIFTSHIP")).watermark(closeOf(8));
            List<Finding> spikes = h.findings(FindingTypes.EXCEPTION_SPIKE);
            assertThat(spikes).singleElement().satisfies(f -> {
                assertThat(f.getErrorCode()).isEqualTo("CARRIER_API_5XX");
                assertThat(f.getEvidence()).containsEntry("carrier", "SWIFTSHIP").containsEntry("baseline_mean", "0.00")
                        .containsEntry("counts", "0,0,0,20");
                assertThat(f.getMessage()).contains("carrier SWIFTSHIP");
            });
        }
    }

    @Test
    void a_key_that_goes_quiet_still_closes_its_zero_windows_on_watermarks() throws Exception {
        try (PatternHarness h = PatternHarness.open(allScope().recurringScopes().build(), T0)) {
            backorderWindows(h, 2, 2, 2, 2, 2, 30);
            assertThat(h.findings(FindingTypes.EXCEPTION_SPIKE)).hasSize(1);
            assertThat(h.eventTimeTimers()).isEqualTo(1);
            h.clearOutput();

            h.watermark(closeOf(6)); // no event at all in window 6
            assertThat(h.findings()).singleElement().satisfies(f -> {
                assertThat(f.getType()).isEqualTo(FindingTypes.RESOLVED);
                assertThat(f.getDetectedAt()).isEqualTo(window(7));
                assertThat(f.getEvidence()).containsEntry("count", "0").containsEntry("counts", "2,2,30,0");
            });
            assertThat(h.windows()).singleElement().satisfies(w -> {
                assertThat(w.windowStartMs).isEqualTo(window(6));
                assertThat(w.eventCount).isZero();
                assertThat(w.spikeFindingId).isEmpty();
            });
            assertThat(h.eventTimeTimers()).as("the timer moved on to the next window").isEqualTo(1);
        }
    }

    @Test
    void window_rows_carry_counts_baselines_and_open_episodes_and_plain_zero_windows_write_none() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, 2, 0, 3, 2);
            h.watermark(closeOf(7));

            List<WindowCount> rows = h.windows();
            assertThat(rows).extracting(w -> w.windowStartMs)
                    .as("windows with events, then zero windows while the recurring episode is open (it ends at window 7)")
                    .containsExactly(window(0), window(2), window(3), window(4), window(5), window(6), window(7));
            WindowCount third = rows.get(2);
            assertThat(third.eventCount).isEqualTo(2);
            assertThat(third.activeWindows).isEqualTo(3);
            assertThat(third.recurringFindingId).startsWith("recurring_exception-");
            assertThat(third.windowMs).isEqualTo(WINDOW);
            assertThat(third.dataset).isEqualTo(DATASET);
            assertThat(third.scope).isEqualTo("all");
            assertThat(third.patternKey).isEqualTo(BACKORDER_KEY);
            assertThat(third.sampleOrders).containsExactly("b-3-0", "b-3-1");
            assertThat(rows.get(6).recurringFindingId).as("closed by the window that resolved it").isEmpty();
            assertThat(rows.get(0).baselineMean).isZero();
            assertThat(rows.get(1).baselineMean).isGreaterThan(0);
        }
    }

    @Test
    void state_and_timer_are_gone_after_the_idle_expiry_and_a_returning_key_starts_afresh() throws Exception {
        PatternConfig config = allScope().idleExpiry(Duration.ofHours(1)).build(); // 4 windows
        try (PatternHarness h = PatternHarness.open(config, T0)) {
            h.send(backorders(0, 1)).watermark(closeOf(0));
            assertThat(h.stateEntries()).isEqualTo(1);

            h.watermark(closeOf(3));
            assertThat(h.stateEntries()).as("three quiet windows").isEqualTo(1);
            assertThat(h.eventTimeTimers()).isEqualTo(1);

            h.watermark(closeOf(4));
            assertThat(h.stateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();

            h.send(backorders(6, 2)).watermark(closeOf(6));
            assertThat(h.windows()).extracting(w -> w.windowStartMs).containsExactly(window(0), window(6));
            assertThat(h.eventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void an_open_episode_keeps_the_key_until_it_is_resolved_and_then_state_and_timers_are_gone() throws Exception {
        PatternConfig config = allScope().idleExpiry(Duration.ofHours(1)).build();
        try (PatternHarness h = PatternHarness.open(config, T0)) {
            backorderWindows(h, 2, 2, 2);
            assertThat(h.findings(FindingTypes.RECURRING_EXCEPTION)).hasSize(1);

            h.watermark(closeOf(5));
            assertThat(h.stateEntries()).isEqualTo(1);
            assertThat(h.findings(FindingTypes.RESOLVED)).isEmpty();

            h.watermark(closeOf(6));
            assertThat(h.findings(FindingTypes.RESOLVED)).hasSize(1);
            assertThat(h.stateEntries()).isZero();
            assertThat(h.eventTimeTimers()).isZero();
        }
    }

    @Test
    void an_event_of_a_window_already_closed_is_not_counted_and_creates_no_state() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            h.send(backorders(0, 2)).watermark(closeOf(1));
            h.send(backorders(1, 5)); // window 1 closed with the watermark
            h.send(carrierFailures(0, 3, "SWIFTSHIP")); // a new key, but its window is long closed
            h.watermark(closeOf(2));

            assertThat(h.windows()).extracting(w -> w.windowStartMs + ":" + w.eventCount)
                    .containsExactly(window(0) + ":2");
            assertThat(h.stateEntries()).as("only the backorder key").isEqualTo(1);
        }
    }

    @Test
    void an_out_of_order_event_before_a_new_keys_first_window_is_counted_while_its_window_is_open() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            h.watermark(window(1) - 60_000);
            h.send(backorders(1, 2));
            h.send(backorders(0, 3)); // older, but window 0 closes only at closeOf(0)
            h.watermark(closeOf(1));

            assertThat(h.windows()).extracting(w -> w.windowStartMs + ":" + w.eventCount)
                    .containsExactly(window(0) + ":3", window(1) + ":2");
            assertThat(h.eventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void windows_held_open_by_a_slow_watermark_close_one_by_one_in_order() throws Exception {
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            for (int i = 5; i >= 0; i--) {
                h.send(backorders(i, i + 1));
            }
            assertThat(h.eventTimeTimers()).isEqualTo(1);

            h.watermark(closeOf(5));
            assertThat(h.windows()).extracting(w -> w.eventCount).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(h.findings(FindingTypes.RECURRING_EXCEPTION)).singleElement()
                    .satisfies(f -> assertThat(f.getEvidence()).containsEntry("counts", "1,2,3,4")
                            .containsEntry("episode_start_ms", Long.toString(window(1))));
        }
    }

    /**
     * Timers of different keys at the same instant fire in no defined order, so the output is compared
     * as a set; within one key the order is fixed, and the tables are keyed, so this is what readers see.
     */
    @Test
    void the_same_events_in_any_order_within_their_windows_give_identical_findings_and_rows() throws Exception {
        List<List<FulfillmentEvent>> script = new ArrayList<>();
        int[] counts = {2, 2, 3, 2, 2, 2, 2, 2, 2, 25, 30, 4, 0, 0, 0, 0, 0};
        for (int i = 0; i < counts.length; i++) {
            List<FulfillmentEvent> w = new ArrayList<>(backorders(i, counts[i]));
            w.addAll(carrierFailures(i, counts[i] / 2, "PARCELPRO"));
            script.add(w);
        }
        List<Finding> reference = null;
        List<String> referenceRows = null;
        for (int seed = 0; seed < 5; seed++) {
            try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
                for (int i = 0; i < script.size(); i++) {
                    List<FulfillmentEvent> w = new ArrayList<>(script.get(i));
                    Collections.shuffle(w, new Random(seed * 100L + i));
                    h.send(w).watermark(closeOf(i));
                }
                List<String> rows = h.windows().stream().map(PatternDetectorTest::describe).sorted().toList();
                List<Finding> findings = sortedById(h.findings());
                if (reference == null) {
                    reference = findings;
                    referenceRows = rows;
                    assertThat(reference).extracting(Finding::getType).contains(FindingTypes.EXCEPTION_SPIKE,
                            FindingTypes.RECURRING_EXCEPTION, FindingTypes.RESOLVED);
                } else {
                    assertThat(findings).isEqualTo(reference);
                    assertThat(rows).isEqualTo(referenceRows);
                }
            }
        }
    }

    @Test
    void replaying_the_events_after_a_restore_reproduces_the_findings_and_rows_of_an_uninterrupted_run() throws Exception {
        int[] counts = {2, 2, 3, 2, 2, 2, 2, 2, 2, 25, 30, 4, 0, 0, 0, 0, 0};
        List<Finding> uninterruptedFindings;
        List<String> uninterruptedRows;
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, counts);
            uninterruptedFindings = h.findings();
            uninterruptedRows = h.windows().stream().map(PatternDetectorTest::describe).toList();
        }

        OperatorSubtaskState snapshot;
        List<Finding> findings = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, java.util.Arrays.copyOf(counts, 9));
            h.send(backorders(9, 10)); // part of window 9 before the checkpoint
            snapshot = h.snapshot();
            findings.addAll(h.findings());
            h.windows().forEach(w -> rows.add(describe(w)));
            h.send(backorders(9, 25).subList(10, 25)).watermark(closeOf(9)); // output lost with the failure
        }
        try (PatternHarness h = PatternHarness.restore(CONFIG, T0, snapshot)) {
            h.send(backorders(9, 25).subList(10, 25)).watermark(closeOf(9));
            backorderWindowsFrom(h, 10, java.util.Arrays.copyOfRange(counts, 10, counts.length));
            findings.addAll(h.findings());
            h.windows().forEach(w -> rows.add(describe(w)));
            assertThat(h.stateEntries()).isGreaterThan(0);
        }

        assertThat(findings).isEqualTo(uninterruptedFindings);
        assertThat(rows).isEqualTo(uninterruptedRows);
    }

    @Test
    void after_a_restore_an_event_of_a_window_closed_before_the_checkpoint_is_still_late() throws Exception {
        OperatorSubtaskState snapshot;
        try (PatternHarness h = PatternHarness.open(CONFIG, T0)) {
            backorderWindows(h, 2, 2);
            snapshot = h.snapshot();
        }
        try (PatternHarness h = PatternHarness.restore(CONFIG, T0, snapshot)) {
            h.send(backorders(1, 7)); // the restored watermark is unknown, but window 1 is closed in state
            h.send(backorders(2, 2)).watermark(closeOf(2));
            assertThat(h.windows()).extracting(w -> w.windowStartMs + ":" + w.eventCount).containsExactly(window(2) + ":2");
        }
    }

    private static List<Finding> sortedById(List<Finding> findings) {
        return findings.stream().sorted(java.util.Comparator.comparing(Finding::getFindingId)).toList();
    }

    private static String describe(WindowCount w) {
        return w.patternKey + "@" + w.windowStartMs + " n=" + w.eventCount + " mean=" + w.baselineMean + " sigma="
                + w.baselineSigma + " thr=" + w.threshold + " active=" + w.activeWindows + " spike=" + w.spike + " "
                + w.spikeFindingId + " " + w.recurringFindingId + " " + String.join(",", w.sampleOrders);
    }
}
