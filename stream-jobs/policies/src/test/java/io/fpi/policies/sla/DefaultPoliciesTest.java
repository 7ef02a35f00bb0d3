package io.fpi.policies.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.fpi.policies.calendar.BusinessCalendar;
import io.fpi.policies.calendar.CarrierCutoff;
import io.fpi.simulator.network.Carrier;
import io.fpi.simulator.network.Channel;
import io.fpi.simulator.network.FulfillmentType;
import io.fpi.simulator.network.LocalClock;
import io.fpi.simulator.network.Node;
import io.fpi.simulator.network.Region;
import io.fpi.simulator.network.RetailNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped infra/sla/policies.yaml: it loads, covers every order, and describes the simulator's retailer. */
class DefaultPoliciesTest extends SlaTestBase {
    private static final SlaPolicies DEFAULTS = SlaPolicies.loadDefault();
    private static final Path SLA_DIR = Path.of("../../infra/sla");

    @Test
    void the_shipped_file_loads_cleanly_from_the_classpath_and_from_infra() {
        assertThat(DEFAULTS.version()).isNotBlank();
        assertThat(DEFAULTS.warnings()).isEmpty();
        assertThat(DEFAULTS.source()).isEqualTo("classpath:sla/policies.yaml");
        SlaPolicies fromFile = SlaPolicies.load(SLA_DIR.resolve("policies.yaml"));
        assertThat(fromFile.fingerprint()).as("the jar ships the file as it is in infra/sla")
                .isEqualTo(DEFAULTS.fingerprint());
        assertThat(SlaPolicies.fromSetting(" ").fingerprint()).isEqualTo(DEFAULTS.fingerprint());
    }

    @Test
    void every_fulfillment_type_and_channel_has_a_policy_with_the_simulators_promise_milestone() {
        for (FulfillmentType type : FulfillmentType.values()) {
            for (Channel channel : Channel.values()) {
                ResolvedSla r = DEFAULTS.resolve(type.name(), channel.name(), "NORTHEAST", "ST-0001", null);
                assertThat(r).as("%s × %s", type, channel).isNotNull();
                assertThat(r.rules()).as("%s × %s", type, channel).filteredOn(SlaRule::isPromise)
                        .singleElement()
                        .satisfies(rule -> {
                            assertThat(rule.satisfiedBy()).containsExactly(type.promiseMilestone().name());
                            assertThat(rule.offsetMs()).isZero();
                        });
            }
        }
    }

    @Test
    void regions_have_the_simulators_fixed_offsets() {
        assertThat(DEFAULTS.calendars().regions()).containsExactlyInAnyOrder(
                java.util.Arrays.stream(Region.values()).map(Region::name).toArray(String[]::new));
        for (Region r : Region.values()) {
            assertThat(DEFAULTS.calendars().zoneOf(r.name())).as(r.name())
                    .isEqualTo(ZoneOffset.ofTotalSeconds((int) (r.utcOffsetMs() / 1000)));
        }
    }

    @Test
    void stores_keep_the_simulators_hours_and_dcs_work_around_the_clock() {
        RetailNetwork network = RetailNetwork.standard();
        long monday = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
        for (Region r : Region.values()) {
            BusinessCalendar dc = DEFAULTS.calendars().calendarFor(r.name(), network.dc(r).id());
            assertThat(dc.isAlwaysOpen()).as(network.dc(r).id()).isTrue();
            for (Node store : network.stores(r)) {
                BusinessCalendar c = DEFAULTS.calendars().calendarFor(r.name(), store.id());
                for (int day = 0; day < 7; day++) {
                    long t = monday + day * LocalClock.DAY;
                    assertThat(c.nextOpen(t)).as(store.id()).isEqualTo(LocalClock.nextStoreOpen(t, r));
                    assertThat(c.addOpenTime(t + 20 * LocalClock.HOUR, 3 * LocalClock.HOUR)).as(store.id())
                            .isEqualTo(LocalClock.storeWork(t + 20 * LocalClock.HOUR, r, 3 * LocalClock.HOUR));
                }
            }
        }
    }

    @Test
    void parcel_carriers_and_the_courier_have_cutoffs_at_stores_and_none_at_dcs() {
        for (Carrier carrier : Carrier.values()) {
            CarrierCutoff atStore = DEFAULTS.calendars().cutoffFor(carrier.name(), "PACIFIC", "ST-0300");
            assertThat(atStore).as(carrier.name()).isNotNull();
            assertThat(atStore.readyByMinute()).as(carrier.name()).isEqualTo(carrier.parcel() ? 15 * 60 + 30 : 17 * 60);
            assertThat(DEFAULTS.calendars().cutoffFor(carrier.name(), "PACIFIC", "DC-PACIFIC")).isNull();
        }
        assertThat(DEFAULTS.calendars().carriers()).allSatisfy(name -> Carrier.byName(name));
    }

    @Test
    void a_bopis_order_placed_at_2030_at_a_store_closing_at_2100_is_due_at_1030_next_morning() {
        evaluator = new SlaEvaluator(DEFAULTS);
        long placed = Instant.parse("2025-01-14T01:30:00Z").toEpochMilli(); // 20:30 at -05:00
        process(orderPlaced(placed, "BOPIS", null), orderSourced(placed + MINUTE, "ST-0001"));
        assertThat(status("ready_in_2h").deadlineMs()).isEqualTo(Instant.parse("2025-01-14T15:30:00Z").toEpochMilli());
    }

    @Test
    void the_readme_example_is_a_valid_policy_file() throws IOException {
        String readme = Files.readString(SLA_DIR.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- example:start -->\\s*```yaml\\n(.*?)```\\s*<!-- example:end -->", Pattern.DOTALL)
                .matcher(readme);
        assertThat(m.find()).as("README.md has the example between its markers").isTrue();
        SlaPolicies example = SlaPolicies.parse(m.group(1), "README.md example");
        assertThat(example.warnings()).isEmpty();
        ResolvedSla flagship = example.resolve("BOPIS", "WEB", "PACIFIC", "ST-0042", null);
        assertThat(flagship.regionOverride()).isEqualTo("PACIFIC");
        assertThat(flagship.nodeOverride()).isEqualTo("ST-0042");
        assertThat(flagship.rules()).extracting(SlaRule::name).containsExactly("ready_in_2h", "store_pick", "curbside_greeted");
        assertThat(flagship.rule("ready_in_2h").atRiskShare()).isEqualTo(0.7);
        assertThat(flagship.calendar().zone().getId()).isEqualTo("America/Chicago");
    }
}
