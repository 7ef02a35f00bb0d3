package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fpi.policies.config.ConfigFileException;
import io.fpi.policies.config.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every mistake is reported with the file, line, key path and what to write instead. */
class PolicyFileErrorsTest {
    private static final String HEAD = """
            version: "t1"
            regions:
              NORTHEAST: { time_zone: America/New_York }
            calendars:
              store: { hours: { DAILY: "09:00-21:00" } }
            nodes:
              "ST-*": { calendar: store }
            """;

    private static List<Problem> errors(String yaml) {
        ConfigFileException e = (ConfigFileException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SlaPolicies.parse(yaml, "test.yaml"));
        assertThat(e).as("expected the file to be rejected").isNotNull();
        assertThat(e.getMessage()).startsWith(e.errors().size() + (e.errors().size() == 1 ? " error" : " errors")
                + " in test.yaml:");
        return e.errors();
    }

    private static Problem onlyError(String yaml) {
        List<Problem> errors = errors(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void an_unknown_key_is_located_and_the_likely_key_suggested() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones:
                      - name: ready_in_2h
                        satisfied_by: READY_FOR_PICKUP
                        withn: 2h
                """);
        assertThat(p.line()).isEqualTo(14);
        assertThat(p.path()).isEqualTo("policies[0].milestones[0].withn");
        assertThat(p.message()).contains("unknown key 'withn'", "did you mean 'within'?");
        assertThat(p.toString()).startsWith("test.yaml:14:");
    }

    @Test
    void a_bad_duration_names_its_path_and_shows_examples() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones:
                      - { name: ready_in_2h, satisfied_by: READY_FOR_PICKUP, within: 2hrs }
                """);
        assertThat(p.path()).isEqualTo("policies[0].milestones[0].within");
        assertThat(p.line()).isEqualTo(12);
        assertThat(p.message()).contains("'2hrs' is not a duration", "e.g. 2h, 90m");
    }

    @Test
    void an_unknown_activity_suggests_the_canonical_name() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones:
                      - { name: ready_in_2h, satisfied_by: READY_FOR_PICKPU, within: 2h }
                """);
        assertThat(p.path()).isEqualTo("policies[0].milestones[0].satisfied_by");
        assertThat(p.message()).contains("unknown activity 'READY_FOR_PICKPU'", "did you mean 'READY_FOR_PICKUP'?",
                "extra_activities");
    }

    @Test
    void non_canonical_activities_are_allowed_once_listed() {
        SlaPolicies p = SlaPolicies.parse(HEAD + """
                extra_activities: [A_SUBMITTED, A_APPROVED]
                policies:
                  - id: loans
                    match: { fulfillment_type: "*", channel: "*" }
                    stages:
                      - { name: approval, from: A_SUBMITTED, to: A_APPROVED, target: 1d }
                """, "test.yaml");
        assertThat(p.trackedActivities()).containsExactlyInAnyOrder("A_SUBMITTED", "A_APPROVED");
    }

    @Test
    void two_policies_with_the_same_match_are_an_overlap() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                  - id: bopis-again
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 3h } ]
                """);
        assertThat(p.line()).isEqualTo(12);
        assertThat(p.message()).contains("'bopis-again'", "'bopis'", "line 9", "merge them into one policy");
    }

    @Test
    void a_type_wildcard_and_a_channel_wildcard_that_meet_need_an_exact_policy() {
        String both = HEAD + """
                policies:
                  - id: bopis-any-channel
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                  - id: web-any-type
                    match: { fulfillment_type: "*", channel: WEB }
                    milestones: [ { name: m, satisfied_by: DELIVERED, within: 3d } ]
                """;
        assertThat(onlyError(both).message()).contains("both match BOPIS × WEB equally",
                "add a policy matching exactly BOPIS × WEB");
        SlaPolicies fixed = SlaPolicies.parse(both + """
                  - id: bopis-web
                    match: { fulfillment_type: BOPIS, channel: WEB }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 1h } ]
                """, "test.yaml");
        assertThat(fixed.match("BOPIS", "WEB").id()).isEqualTo("bopis-web");
    }

    @Test
    void a_node_entry_naming_a_missing_calendar_lists_the_defined_ones() {
        Problem p = onlyError("""
                version: "t1"
                calendars:
                  store: { hours: { DAILY: "09:00-21:00" } }
                nodes:
                  "DC-*": { calendar: warehouse }
                policies:
                  - id: a
                    match: { fulfillment_type: "*", channel: "*" }
                    milestones: [ { name: m, satisfied_by: DELIVERED, within: 3d } ]
                """);
        assertThat(p.path()).isEqualTo("nodes.DC-*.calendar");
        assertThat(p.message()).contains("calendar 'warehouse' is not defined", "defined: store");
    }

    @Test
    void a_deadline_from_the_promise_takes_an_offset_not_a_window() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: sd
                    match: { fulfillment_type: SAME_DAY, channel: "*" }
                    milestones:
                      - { name: delivered, satisfied_by: DELIVERED, from: promised_by, within: 0 }
                """);
        assertThat(p.line()).isEqualTo(12);
        assertThat(p.message()).contains("takes 'offset'", "not 'within'");
    }

    @Test
    void an_override_for_an_undeclared_region_is_rejected() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                    overrides:
                      regions:
                        NORTH_EAST: { milestones: [ { name: m, within: 3h } ] }
                """);
        assertThat(p.path()).isEqualTo("policies[0].overrides.regions.NORTH_EAST");
        assertThat(p.message()).contains("not declared under 'regions:'", "NORTHEAST");
    }

    @Test
    void an_override_adding_an_incomplete_rule_is_rejected_at_load_not_when_an_order_arrives() {
        Problem p = onlyError(HEAD + """
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                    overrides:
                      nodes:
                        "ST-0001": { milestones: [ { name: mm, within: 3h } ] }
                """);
        assertThat(p.path()).isEqualTo("policies[0].overrides.nodes.ST-0001.milestones[0]");
        assertThat(p.message()).contains("milestone 'mm' needs 'satisfied_by'");
    }

    @Test
    void all_problems_of_a_file_are_reported_together() {
        List<Problem> errors = errors("""
                calendars:
                  store: { hours: { DAILY: "9-21" }, time_zone: Mars/Olympus }
                policies:
                  - id: Bad Id
                    match: { fulfillment_type: BOPIS }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h, clock: sundial } ]
                """);
        assertThat(errors).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("missing required key 'version'"))
                .anySatisfy(m -> assertThat(m).contains("'9' is not a time of day"))
                .anySatisfy(m -> assertThat(m).contains("'Mars/Olympus' is not a time zone"))
                .anySatisfy(m -> assertThat(m).contains("policy id 'Bad Id'"))
                .anySatisfy(m -> assertThat(m).contains("missing required key 'channel'"))
                .anySatisfy(m -> assertThat(m).contains("'sundial' is not one of: wall, business"));
    }

    @Test
    void yaml_syntax_errors_and_a_non_map_file_are_rejected() {
        assertThat(onlyError("version: [1\n").message()).startsWith("not valid YAML");
        assertThat(onlyError("- just\n- a list\n").message()).contains("expected an SLA policy file");
    }

    @Test
    void unknown_channel_names_load_with_a_warning() {
        SlaPolicies p = SlaPolicies.parse(HEAD + """
                policies:
                  - id: kiosk
                    match: { fulfillment_type: BOPIS, channel: KIOSK }
                    milestones: [ { name: m, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                """, "test.yaml");
        assertThat(p.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("policies[0].match.channel");
            assertThat(w.message()).contains("'KIOSK' is not a channel FPI knows");
        });
    }

    @Test
    void a_missing_file_is_an_io_error_naming_the_path() {
        assertThatThrownBy(() -> SlaPolicies.load(java.nio.file.Path.of("/nonexistent/policies.yaml")))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("/nonexistent/policies.yaml");
    }
}
