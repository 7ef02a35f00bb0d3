package io.fpi.detection.patterns.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.jobs.common.JsonRowWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WindowCountRowEncoderTest {

    @Test
    void a_row_has_every_column_with_baselines_in_thousandths_and_empty_strings_for_wildcards() {
        WindowCount w = new WindowCount();
        w.dataset = "demo";
        w.scope = "all";
        w.patternKey = "INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP";
        w.activity = "INTEGRATION_CALL_FAILED";
        w.errorCode = "CARRIER_API_5XX";
        w.sourceSystem = "CARRIER";
        w.attrKeys = new String[] {"carrier"};
        w.attrValues = new String[] {"SWIFTSHIP"};
        w.windowStartMs = 1_772_461_800_000L;
        w.windowMs = 900_000L;
        w.eventCount = 44;
        w.baselineMean = 0.4567;
        w.baselineSigma = 1.0;
        w.threshold = 4.0004;
        w.activeWindows = 1;
        w.spike = true;
        w.spikeFindingId = "exception_spike-0123456789abcdef";
        w.recurringFindingId = "";
        w.sampleOrders = new String[] {"ORD-1", "ORD-2"};

        JsonRowWriter out = new JsonRowWriter();
        new WindowCountRowEncoder().encode(w, out);

        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{\"dataset\":\"demo\",\"scope\":\"all\","
                + "\"pattern_key\":\"INTEGRATION_CALL_FAILED|CARRIER_API_5XX|CARRIER|carrier=SWIFTSHIP\","
                + "\"activity\":\"INTEGRATION_CALL_FAILED\",\"error_code\":\"CARRIER_API_5XX\",\"source_system\":\"CARRIER\","
                + "\"node_id\":\"\",\"region\":\"\",\"channel\":\"\",\"attr_keys\":[\"carrier\"],\"attr_values\":[\"SWIFTSHIP\"],"
                + "\"window_start_ms\":1772461800000,\"window_ms\":900000,\"window_date\":\"2026-03-02\",\"event_count\":44,"
                + "\"baseline_mean_milli\":457,\"baseline_sigma_milli\":1000,\"threshold_milli\":4000,\"active_windows\":1,"
                + "\"spike\":1,\"spike_finding_id\":\"exception_spike-0123456789abcdef\",\"recurring_finding_id\":\"\","
                + "\"sample_orders\":[\"ORD-1\",\"ORD-2\"]}\n");
    }
}
