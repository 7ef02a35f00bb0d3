package io.fpi.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the figures of one run. Each figure is printed to {@code out} the moment it is known (a
 * long run shows progress, and a failure later keeps what was measured); notes and per-repetition
 * detail go to {@code err}. The JSON file repeats every printed name as a top-level key with its
 * number, and adds the spread, units, notes, the machine and the configuration.
 */
public final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final Map<String, Object> config = new LinkedHashMap<>();
    private Object profile;

    public BenchReport(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public void add(Figure f) {
        if (!Double.isFinite(f.value())) {
            note(f.name() + " could not be computed (no finite value)");
            return;
        }
        figures.put(f.name(), f);
        out.println(f.lines());
        out.flush();
    }

    public Figure figure(String name) {
        return figures.get(name);
    }

    public Map<String, Figure> figures() {
        return figures;
    }

    /** A caveat or a skipped measurement: to stderr now, and into the JSON. */
    public void note(String text) {
        notes.add(text);
        err.println("bench: " + text);
        err.flush();
    }

    public List<String> notes() {
        return notes;
    }

    /** Progress and per-repetition detail: stderr only. */
    public void detail(String text) {
        err.println("  " + text);
        err.flush();
    }

    public void machine(String key, Object value) {
        machine.put(key, value);
    }

    public void config(String key, Object value) {
        config.put(key, value);
    }

    public void profile(Object summary) {
        this.profile = summary;
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JSON.writeValueAsString(toJson()) + "\n");
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        for (Figure f : figures.values()) {
            root.put(f.name(), rounded(f, f.summary().median()));
            if (f.summary().repeated()) {
                root.put(f.name() + "_min", rounded(f, f.summary().min()));
                root.put(f.name() + "_max", rounded(f, f.summary().max()));
            }
        }
        ObjectNode detail = root.putObject("figures");
        for (Figure f : figures.values()) {
            ObjectNode d = detail.putObject(f.name());
            d.put("unit", f.unit());
            d.put("meaning", f.meaning());
            d.put("median", f.summary().median());
            d.put("min", f.summary().min());
            d.put("max", f.summary().max());
            d.put("p25", f.summary().p25());
            d.put("p75", f.summary().p75());
            ArrayNode samples = d.putArray("samples");
            f.summary().samples().forEach(samples::add);
        }
        ArrayNode n = root.putArray("notes");
        notes.forEach(n::add);
        root.set("machine", JSON.valueToTree(machine));
        root.set("config", JSON.valueToTree(config));
        if (profile != null) {
            root.set("profile", JSON.valueToTree(profile));
        }
        return root;
    }

    /** The same digits as printed, so the file and the console agree. */
    private static double rounded(Figure f, double v) {
        return Double.parseDouble(f.format(v));
    }
}
