package io.fpi.launcher.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time and CPU time of this JVM plus the local helper processes (clickhouse-server, the
 * embedded Kafka broker) at one instant. This JVM's CPU comes from
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}; the others' from
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks). External services (FPI_KAFKA_BOOTSTRAP,
 * FPI_CLICKHOUSE_URL) have no pid here and are not counted.
 */
public final class CpuClock {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux distribution we target

    private final Map<String, Long> pids;

    /** @param pids name to pid of the helper processes to include (may be empty) */
    public CpuClock(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
    }

    public Map<String, Long> pids() {
        return pids;
    }

    public Snapshot now() {
        long wall = System.nanoTime();
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("jvm", jvmCpuNanos());
        pids.forEach((name, pid) -> cpu.put(name, procCpuNanos(pid)));
        return new Snapshot(wall, cpu, machineBusyNanos());
    }

    /** Non-idle CPU time of the whole machine (every process, ours and others'), from /proc/stat. */
    static long machineBusyNanos() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            return parseMachineBusyTicks(first) * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** "cpu user nice system idle iowait irq softirq steal ...": everything but idle and iowait. */
    static long parseMachineBusyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }

    static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** utime + stime of a process in nanoseconds, or -1 when /proc does not have it. */
    static long procCpuNanos(long pid) {
        try {
            return parseStatCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 14 and 15 of /proc/pid/stat; the command name (field 2) may contain spaces, so count after ')'. */
    static long parseStatCpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so utime (14) is f[11] and stime (15) is f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Readings at one instant; differences give elapsed wall and CPU time. */
    public record Snapshot(long wallNanos, Map<String, Long> cpuNanos, long machineBusyNanos) {
        public double secondsSince(Snapshot earlier) {
            return (wallNanos - earlier.wallNanos) / 1e9;
        }

        /** Cores the whole machine kept busy since {@code earlier}, or NaN without /proc/stat. */
        public double machineCoresSince(Snapshot earlier) {
            if (machineBusyNanos < 0 || earlier.machineBusyNanos < 0) {
                return Double.NaN;
            }
            return (machineBusyNanos - earlier.machineBusyNanos) / (double) (wallNanos - earlier.wallNanos);
        }

        /** CPU seconds per process since {@code earlier}; processes without a reading are left out. */
        public Map<String, Double> cpuSecondsSince(Snapshot earlier) {
            Map<String, Double> out = new LinkedHashMap<>();
            cpuNanos.forEach((name, v) -> {
                Long before = earlier.cpuNanos.get(name);
                if (v >= 0 && before != null && before >= 0) {
                    out.put(name, (v - before) / 1e9);
                }
            });
            return out;
        }
    }
}
