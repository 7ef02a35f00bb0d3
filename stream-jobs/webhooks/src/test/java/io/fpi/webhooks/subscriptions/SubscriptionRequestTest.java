package io.fpi.webhooks.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void a_full_create_request_is_parsed_with_aliases_normalised() {
        SubscriptionRequest r = SubscriptionRequest.parse(json("""
                {'url': 'https://hooks.example.com/fpi', 'secret': 'abc', 'format': 'Alertmanager',
                 'filters': {'finding_types': ['stall', 'SLA_BREACH'], 'severity': 'critical', 'dataset': 'demo',
                             'fulfillment_types': ['BOPIS'], 'regions': ['PACIFIC'], 'node_ids': ['ST-0001'],
                             'min_severity': 'warning'},
                 'grouping': {'window_ms': 5000, 'group_by': ['region', 'stage']},
                 'rate_limit_per_minute': 30, 'enabled': false, 'description': 'ops'}"""), true);

        assertThat(r.format()).isEqualTo(Format.ALERTMANAGER);
        assertThat(r.filters().types()).containsExactly("STALL", "SLA_BREACH");
        assertThat(r.filters().severities()).containsExactly("critical");
        assertThat(r.filters().minSeverity()).isEqualTo("warning");
        assertThat(r.filters().datasets()).containsExactly("demo");
        assertThat(r.filters().nodes()).containsExactly("ST-0001");
        assertThat(r.groupWindowMs()).isEqualTo(5000);
        assertThat(r.groupBy()).containsExactly("region", "stage");
        assertThat(r.rateLimitPerMinute()).isEqualTo(30);
        assertThat(r.enabled()).isFalse();
    }

    @Test
    void create_needs_a_url_and_a_secret_and_patch_needs_neither() {
        assertThatThrownBy(() -> SubscriptionRequest.parse(json("{'secret': 'x'}"), true)).hasMessageContaining("url is required");
        assertThatThrownBy(() -> SubscriptionRequest.parse(json("{'url': 'https://a.example'}"), true))
                .hasMessageContaining("secret is required");
        assertThat(SubscriptionRequest.parse(json("{'enabled': true}"), false).url()).isNull();
    }

    @Test
    void every_refusal_names_the_field_and_what_is_allowed() {
        String[][] cases = {
                {"[1]", "JSON object"},
                {"{'url': 'https://a', 'secret': 'x', 'colour': 'red'}", "unknown field 'colour'"},
                {"{'format': 'xml'}", "fpi, alertmanager, slack"},
                {"{'filters': {'types': ['BREACH']}}", "not a finding type"},
                {"{'filters': {'severities': ['high']}}", "not a severity"},
                {"{'filters': {'min_severity': 'high'}}", "info, warning, critical"},
                {"{'filters': {'colour': ['red']}}", "unknown filter 'colour'"},
                {"{'filters': {'regions': [1]}}", "non-blank strings"},
                {"{'filters': []}", "filters must be an object"},
                {"{'grouping': {'window_ms': -1}}", "grouping.window_ms"},
                {"{'grouping': {'window_ms': 10, 'group_by': ['order_total']}}", "grouping.group_by"},
                {"{'rate_limit_per_minute': 1.5}", "rate_limit_per_minute"},
                {"{'enabled': 'yes'}", "enabled must be true or false"},
                {"{'secret': '   '}", "secret must not be blank"},
                {"{'url': 42}", "url must be a string"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> SubscriptionRequest.parse(json(c[0]), false)).as(c[0])
                    .isInstanceOf(WebhookRequestException.class)
                    .hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(((WebhookRequestException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void read_only_fields_of_a_get_answer_may_be_sent_back() {
        assertThat(SubscriptionRequest.parse(json("{'id': 'wh-1', 'has_secret': true, 'created_at': 'x', 'enabled': false}"),
                false).enabled()).isFalse();
    }
}
