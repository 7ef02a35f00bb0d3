package io.fpi.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void user_and_system_ticks_are_read_after_a_command_name_with_spaces_and_parentheses() {
        String stat = "4242 (clickhouse (srv) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 30 0 500 1000 200";
        assertThat(CpuClock.parseStatCpuTicks(stat)).isEqualTo(1234 + 566);
    }

    @Test
    void machine_busy_time_is_everything_but_idle_and_iowait() {
        assertThat(CpuClock.parseMachineBusyTicks("cpu  100 5 50 1000 30 2 3 4 0 0")).isEqualTo(100 + 5 + 50 + 2 + 3 + 4);
    }

    @Test
    void this_process_is_readable_from_proc_and_its_cpu_only_grows() {
        long pid = ProcessHandle.current().pid();
        CpuClock clock = new CpuClock(Map.of("self", pid));
        CpuClock.Snapshot a = clock.now();
        long x = 0;
        for (int i = 0; i < 50_000_000; i++) {
            x += i ^ (x >>> 3);
        }
        CpuClock.Snapshot b = clock.now();
        assertThat(x).isNotZero();
        Map<String, Double> cpu = b.cpuSecondsSince(a);
        assertThat(cpu).containsKeys("jvm", "self");
        assertThat(cpu.get("jvm")).isGreaterThan(0);
        assertThat(cpu.get("self")).isGreaterThanOrEqualTo(0);
        assertThat(b.secondsSince(a)).isGreaterThan(0);
        assertThat(b.machineCoresSince(a)).isGreaterThan(0);
    }

    @Test
    void a_process_that_does_not_exist_is_left_out_instead_of_counted_as_zero() {
        CpuClock clock = new CpuClock(Map.of("gone", Long.MAX_VALUE));
        CpuClock.Snapshot a = clock.now();
        assertThat(clock.now().cpuSecondsSince(a)).containsOnlyKeys("jvm");
        assertThat(a.cpuSecondsSince(a).get("jvm")).isCloseTo(0.0, within(1e-9));
    }
}
