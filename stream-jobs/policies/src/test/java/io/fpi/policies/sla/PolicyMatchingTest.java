package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.policies.calendar.BusinessCalendar;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which policy, override, calendar and cut-off judge an order: the most specific always wins. */
class PolicyMatchingTest {
    private static final long H = 3_600_000L;
    private static final SlaPolicies POLICIES = SlaPolicies.parse("""
            version: "m1"
            default_time_zone: UTC
            regions:
              NORTHEAST: { time_zone: America/New_York }
              PACIFIC:   { time_zone: America/Los_Angeles }
            calendars:
              store:     { hours: { MON-SAT: "09:00-21:00", SUN: "11:00-17:00" } }
              flagship:  { hours: { DAILY: "08:00-23:00" } }
              dc:        { always_open: true }
              tokyo:     { always_open: true, time_zone: Asia/Tokyo }
            nodes:
              "ST-*":    { calendar: store }
              "ST-00*":  { calendar: flagship }
              "ST-0042": { calendar: store, time_zone: America/Chicago }
              "DC-*":    { calendar: dc }
              "DC-TYO":  { calendar: tokyo }
            cutoffs:
              - { carrier: "*",        nodes: "ST-*",    ready_by: "15:30", handoff_by: "17:30" }
              - { carrier: SWIFTSHIP,  nodes: "*",       ready_by: "12:00" }
              - { carrier: SWIFTSHIP,  nodes: "ST-*",    ready_by: "14:00", handoff_by: "16:00" }
              - { carrier: "*",        nodes: "ST-0042", ready_by: "10:00", handoff_by: "11:00" }
            policies:
              - id: ship-any
                match: { fulfillment_type: SHIP_TO_HOME, channel: "*" }
                milestones:
                  - { name: shipped, satisfied_by: CARRIER_HANDOFF, within: 24h }
              - id: ship-marketplace
                match: { fulfillment_type: SHIP_TO_HOME, channel: MARKETPLACE }
                milestones:
                  - { name: shipped, satisfied_by: CARRIER_HANDOFF, within: 12h }
              - id: any-call-center
                match: { fulfillment_type: "*", channel: CALL_CENTER }
                milestones:
                  - { name: done, satisfied_by: DELIVERED, within: 3d }
              - id: ship-call-center
                match: { fulfillment_type: SHIP_TO_HOME, channel: CALL_CENTER }
                milestones:
                  - { name: shipped, satisfied_by: CARRIER_HANDOFF, within: 6h }
              - id: bopis-call-center
                match: { fulfillment_type: BOPIS, channel: CALL_CENTER }
                milestones:
                  - { name: ready, satisfied_by: READY_FOR_PICKUP, within: 4h }
              - id: fallback
                match: { fulfillment_type: "*", channel: "*" }
                milestones:
                  - { name: done, satisfied_by: DELIVERED, within: 5d }
              - id: bopis
                match: { fulfillment_type: BOPIS, channel: "*" }
                severity: MEDIUM
                milestones:
                  - { name: ready, satisfied_by: READY_FOR_PICKUP, within: 2h, clock: business }
                  - { name: ready_by_promise, satisfied_by: READY_FOR_PICKUP, from: promised_by }
                overrides:
                  regions:
                    PACIFIC:
                      severity: HIGH
                      milestones:
                        - { name: ready, within: 3h }
                        - { name: collected, satisfied_by: CUSTOMER_COLLECTED, within: 2d }
                  nodes:
                    "ST-00*":
                      milestones: [ { name: ready, within: 1h } ]
                    "ST-0042":
                      milestones:
                        - { name: ready, clock: wall }
                        - { name: ready_by_promise, enabled: false }
            """, "matching.yaml");

    @Test
    void an_exact_type_and_channel_beats_a_channel_wildcard() {
        assertThat(POLICIES.match("SHIP_TO_HOME", "MARKETPLACE").id()).isEqualTo("ship-marketplace");
        assertThat(POLICIES.match("SHIP_TO_HOME", "WEB").id()).isEqualTo("ship-any");
        assertThat(POLICIES.match("SHIP_TO_HOME", "CALL_CENTER").id()).as("exact beats both single wildcards")
                .isEqualTo("ship-call-center");
    }

    @Test
    void a_type_wildcard_matches_other_types_and_the_catch_all_matches_the_rest() {
        assertThat(POLICIES.match("CURBSIDE", "CALL_CENTER").id()).isEqualTo("any-call-center");
        assertThat(POLICIES.match("BOPIS", "CALL_CENTER").id()).isEqualTo("bopis-call-center");
        assertThat(POLICIES.match("BOPIS", "WEB").id()).isEqualTo("bopis");
        assertThat(POLICIES.match("CURBSIDE", "WEB").id()).isEqualTo("fallback");
        assertThat(POLICIES.match("SOMETHING_NEW", "SOMEWHERE").id()).isEqualTo("fallback");
        assertThat(POLICIES.match(null, null).id()).as("not known yet").isEqualTo("fallback");
    }

    @Test
    void without_a_catch_all_an_unmatched_order_has_no_policy() {
        SlaPolicies only = SlaPolicies.parse("""
                version: "1"
                policies:
                  - id: bopis
                    match: { fulfillment_type: BOPIS, channel: "*" }
                    milestones: [ { name: ready, satisfied_by: READY_FOR_PICKUP, within: 2h } ]
                """, "only.yaml");
        assertThat(only.resolve("SHIP_TO_HOME", "WEB", null, null, null)).isNull();
        assertThat(only.resolve(null, "WEB", null, null, null)).isNull();
    }

    @Test
    void a_node_override_beats_a_region_override_which_beats_the_base() {
        assertThat(within("BOPIS", "WEB", "NORTHEAST", "ST-0500", "ready")).isEqualTo(2 * H);
        assertThat(within("BOPIS", "WEB", "PACIFIC", "ST-0500", "ready")).isEqualTo(3 * H);
        assertThat(within("BOPIS", "WEB", "PACIFIC", "ST-0007", "ready")).as("node ST-00* in PACIFIC").isEqualTo(H);
        ResolvedSla both = POLICIES.resolve("BOPIS", "WEB", "PACIFIC", "ST-0007", null);
        assertThat(both.regionOverride()).isEqualTo("PACIFIC");
        assertThat(both.nodeOverride()).isEqualTo("ST-00*");
    }

    @Test
    void overrides_change_only_what_they_name_and_may_add_or_drop_rules() {
        ResolvedSla pacific = POLICIES.resolve("BOPIS", "WEB", "PACIFIC", "ST-0500", null);
        assertThat(pacific.rules()).extracting(SlaRule::name).containsExactly("ready", "ready_by_promise", "collected");
        assertThat(pacific.rule("ready").clock()).as("kept from the base").isEqualTo(Clock.BUSINESS);
        assertThat(pacific.rule("ready").severity()).as("the region's policy severity").isEqualTo(Severity.HIGH);

        ResolvedSla flagship42 = POLICIES.resolve("BOPIS", "WEB", "NORTHEAST", "ST-0042", null);
        assertThat(flagship42.nodeOverride()).as("exact id beats ST-00*").isEqualTo("ST-0042");
        assertThat(flagship42.rule("ready").clock()).isEqualTo(Clock.WALL);
        assertThat(flagship42.rule("ready").withinMs()).isEqualTo(2 * H);
        assertThat(flagship42.rule("ready_by_promise")).as("disabled at this node").isNull();
    }

    @Test
    void a_node_follows_the_most_specific_calendar_entry() {
        assertThat(calendar("NORTHEAST", "ST-0500").name()).isEqualTo("store");
        assertThat(calendar("NORTHEAST", "ST-0007").name()).isEqualTo("flagship");
        assertThat(calendar("NORTHEAST", "ST-0042").name()).as("exact id beats ST-00*").isEqualTo("store");
        assertThat(calendar("NORTHEAST", "DC-NE").isAlwaysOpen()).isTrue();
        assertThat(calendar("NORTHEAST", "XX-1").name()).as("no entry: 24x7").contains("24x7");
        assertThat(calendar("NORTHEAST", null).isAlwaysOpen()).isTrue();
    }

    @Test
    void a_nodes_zone_comes_from_its_entry_then_its_calendar_then_its_region_then_the_default() {
        assertThat(calendar("NORTHEAST", "ST-0042").zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(calendar("NORTHEAST", "DC-TYO").zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(calendar("PACIFIC", "ST-0500").zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(calendar("ATLANTIS", "ST-0500").zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void the_cutoff_with_the_most_specific_node_pattern_wins_then_a_named_carrier() {
        assertThat(cutoff("SWIFTSHIP", "ST-0500")).isEqualTo("SWIFTSHIP@ST-*");
        assertThat(cutoff("PARCELPRO", "ST-0500")).isEqualTo("*@ST-*");
        assertThat(cutoff("SWIFTSHIP", "ST-0042")).as("node first").isEqualTo("*@ST-0042");
        assertThat(cutoff("SWIFTSHIP", "DC-NE")).isEqualTo("SWIFTSHIP@*");
        assertThat(POLICIES.calendars().cutoffFor("PARCELPRO", "NORTHEAST", "DC-NE")).isNull();
        assertThat(POLICIES.calendars().cutoffFor("SWIFTSHIP", "NORTHEAST", "DC-NE").handoffByMinute())
                .as("handoff_by defaults to ready_by").isEqualTo(12 * 60);
    }

    @Test
    void resolved_policies_are_shared_between_orders_of_the_same_kind() {
        ResolvedSla a = POLICIES.resolve("BOPIS", "WEB", "PACIFIC", "ST-0500", null);
        ResolvedSla b = POLICIES.resolve("BOPIS", "APP", "PACIFIC", "ST-0501", null);
        assertThat(POLICIES.match("BOPIS", "APP").id()).isEqualTo("bopis");
        assertThat(b).isSameAs(a);
        assertThat(a.policyVersion()).isEqualTo("m1");
    }

    private static long within(String type, String channel, String region, String node, String rule) {
        return POLICIES.resolve(type, channel, region, node, null).rule(rule).withinMs();
    }

    private static BusinessCalendar calendar(String region, String node) {
        return POLICIES.calendars().calendarFor(region, node);
    }

    private static String cutoff(String carrier, String node) {
        var c = POLICIES.calendars().cutoffFor(carrier, "NORTHEAST", node);
        return c.carrier() + "@" + c.nodes();
    }
}
