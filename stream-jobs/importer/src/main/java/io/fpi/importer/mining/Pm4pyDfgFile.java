package io.fpi.importer.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pm4py's {@code .dfg} text format: the number of activities, one name per line (a name's
 * index is its 0-based line order), the number of start activities followed by
 * {@code index x count} lines (written {@code 3x6}), the end activities likewise, then the rest
 * of the lines as edges {@code from>to x count} ({@code 3>1x3}).
 */
public final class Pm4pyDfgFile {

    private Pm4pyDfgFile() {
    }

    public static Dfg read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming the 1-based line that does not fit the format */
    public static Dfg parse(List<String> lines) {
        Cursor c = new Cursor(lines);
        int n = c.count();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = c.next();
        }
        Map<String, Long> starts = c.counted(names);
        Map<String, Long> ends = c.counted(names);
        Map<Dfg.Edge, Long> edges = new HashMap<>();
        while (c.hasNext()) {
            String line = c.next().trim();
            if (line.isEmpty()) {
                continue;
            }
            int gt = line.indexOf('>');
            int x = line.lastIndexOf('x');
            if (gt < 0 || x < gt) {
                throw c.bad("expected an edge 'from>toXcount'");
            }
            Dfg.Edge e = new Dfg.Edge(c.name(names, line.substring(0, gt)), c.name(names, line.substring(gt + 1, x)));
            edges.merge(e, c.number(line.substring(x + 1)), Long::sum);
        }
        return new Dfg(edges, starts, ends);
    }

    private static final class Cursor {
        private final List<String> lines;
        private int i;

        Cursor(List<String> lines) {
            this.lines = lines;
        }

        boolean hasNext() {
            return i < lines.size();
        }

        String next() {
            if (!hasNext()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unexpected end of the .dfg file");
            }
            return lines.get(i++);
        }

        int count() {
            return (int) number(next());
        }

        Map<String, Long> counted(String[] names) {
            int n = count();
            Map<String, Long> out = new HashMap<>();
            for (int k = 0; k < n; k++) {
                String line = next().trim();
                int x = line.indexOf('x');
                if (x < 0) {
                    throw bad("expected 'indexXcount'");
                }
                out.merge(name(names, line.substring(0, x)), number(line.substring(x + 1)), Long::sum);
            }
            return out;
        }

        String name(String[] names, String index) {
            long idx = number(index);
            if (idx < 0 || idx >= names.length) {
                throw bad("activity index " + idx + " out of range 0.." + (names.length - 1));
            }
            return names[(int) idx];
        }

        long number(String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw bad("expected a number, found '" + s + "'");
            }
        }

        IllegalArgumentException bad(String what) {
            return new IllegalArgumentException("line " + i + ": " + what);
        }
    }
}
