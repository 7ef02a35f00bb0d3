package io.fpi.webhooks.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.schemas.Finding;
import io.fpi.webhooks.TestFindings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private static Filters types(String... t) {
        return new Filters(List.of(t), List.of(), null, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void no_filters_match_everything() {
        assertThat(Filters.NONE.matches(TestFindings.breach("b1", "demo", "info"))).isTrue();
    }

    @Test
    void type_severity_dataset_region_and_node_filters_all_have_to_match() {
        Filters f = new Filters(List.of("STALL"), List.of(), "warning", List.of("demo"), List.of("SHIP_TO_HOME"),
                List.of("NORTHEAST"), List.of("DC-NORTHEAST"));
        assertThat(f.matches(TestFindings.stall("s1", "demo", "NORTHEAST", "DC-NORTHEAST"))).isTrue();
        assertThat(f.matches(TestFindings.stall("s1", "other", "NORTHEAST", "DC-NORTHEAST"))).isFalse();
        assertThat(f.matches(TestFindings.stall("s1", "demo", "PACIFIC", "DC-NORTHEAST"))).isFalse();
        assertThat(f.matches(TestFindings.stall("s1", "demo", "NORTHEAST", "ST-0001"))).isFalse();
        assertThat(f.matches(TestFindings.breach("b1", "demo", "critical"))).isFalse();
    }

    @Test
    void min_severity_and_exact_severities_filter_by_rank_and_by_name() {
        Filters min = new Filters(List.of(), List.of(), "warning", List.of(), List.of(), List.of(), List.of());
        assertThat(min.matches(TestFindings.breach("b", "demo", "info"))).isFalse();
        assertThat(min.matches(TestFindings.breach("b", "demo", "warning"))).isTrue();
        assertThat(min.matches(TestFindings.breach("b", "demo", "critical"))).isTrue();
        Filters exact = new Filters(List.of(), List.of("info"), null, List.of(), List.of(), List.of(), List.of());
        assertThat(exact.matches(TestFindings.breach("b", "demo", "critical"))).isFalse();
    }

    @Test
    void a_resolve_reaches_subscribers_of_the_type_it_resolves_whatever_its_own_severity() {
        Finding stall = TestFindings.stall("stall-00000000000000aa", "demo", "NORTHEAST", "DC-NORTHEAST");
        Finding resolve = TestFindings.resolved("resolved-1", stall);
        Filters stallsAtLeastWarning = new Filters(List.of("STALL"), List.of(), "warning", List.of(), List.of(),
                List.of("NORTHEAST"), List.of());

        assertThat(stallsAtLeastWarning.matches(resolve)).isTrue();
        assertThat(types("SLA_BREACH").matches(resolve)).isFalse();
        assertThat(types("RESOLVED").matches(resolve)).isTrue();
    }

    @Test
    void the_resolved_type_comes_from_evidence_or_from_the_id_prefix() {
        Finding byEvidence = Finding.newBuilder(TestFindings.resolved("r", TestFindings.breach("opaque-id", "demo", "info")))
                .setEvidence(Map.of("resolved_type", "SLA_BREACH")).build();
        assertThat(FindingTypes.resolvedType(byEvidence)).isEqualTo("SLA_BREACH");
        assertThat(FindingTypes.resolvedType(TestFindings.resolved("r", TestFindings.breach("sla_breach-0123", "demo", "info"))))
                .isEqualTo("SLA_BREACH");
        assertThat(FindingTypes.resolvedType(TestFindings.resolved("r", TestFindings.breach("whatever", "demo", "info")))).isNull();
    }

    @Test
    void a_resolve_without_region_is_not_excluded_by_a_region_filter_but_a_finding_without_one_is() {
        Finding stall = Finding.newBuilder(TestFindings.stall("stall-01", "demo", "NORTHEAST", "N")).setRegion(null).build();
        Filters ne = new Filters(List.of(), List.of(), null, List.of(), List.of(), List.of("NORTHEAST"), List.of());
        assertThat(ne.matches(stall)).isFalse();
        assertThat(ne.matches(TestFindings.resolved("r", stall))).isTrue();
    }
}
