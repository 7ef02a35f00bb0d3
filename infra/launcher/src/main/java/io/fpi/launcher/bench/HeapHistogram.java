package io.fpi.launcher.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Where the bytes of the state-size run go: this JVM's class histogram of live objects (the
 * {@code GC.class_histogram} diagnostic command, what {@code jmap -histo:live} prints; it forces a
 * full GC) before the first open order and with every order in state, diffed per class.
 */
final class HeapHistogram {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** Instances and bytes of one class. */
    record Entry(String className, long instances, long bytes) {}

    private final Map<String, Entry> byClass;

    private HeapHistogram(Map<String, Entry> byClass) {
        this.byClass = byClass;
    }

    static HeapHistogram take() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return parse(String.valueOf(text));
    }

    static HeapHistogram parse(String text) {
        Map<String, Entry> out = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Entry e = new Entry(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                out.merge(e.className(), e, (a, b) -> new Entry(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return new HeapHistogram(out);
    }

    /** Classes that grew from {@code before} to this histogram, largest growth first, at most {@code limit}. */
    List<Entry> growthSince(HeapHistogram before, int limit) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byClass.values()) {
            Entry b = before.byClass.get(e.className());
            long bytes = e.bytes() - (b == null ? 0 : b.bytes());
            long instances = e.instances() - (b == null ? 0 : b.instances());
            if (bytes > 0) {
                out.add(new Entry(e.className(), instances, bytes));
            }
        }
        out.sort((x, y) -> Long.compare(y.bytes(), x.bytes()));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** One line per class: bytes and instances per open order. */
    static List<String> render(List<Entry> growth, long orders) {
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (Entry e : growth) {
            total += e.bytes();
            lines.add(String.format(Locale.ROOT, "  %8.1f B %6.2f objects  %s", (double) e.bytes() / orders,
                    (double) e.instances() / orders, e.className()));
        }
        lines.add(String.format(Locale.ROOT, "  %8.1f B in these %d classes, per open order", (double) total / orders, growth.size()));
        return lines;
    }
}
