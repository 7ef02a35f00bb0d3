package io.fpi.importer.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic XES log of N events for throughput and memory benchmarks: cases of 5 to 15
 * events over 20 activities, with resource and lifecycle attributes and a trace attribute, shaped
 * like real exports (receipt.xes). Deterministic for a given seed. Gzips when the name ends in
 * {@code .gz}.
 *
 * <p>{@code java -cp <classpath> io.fpi.importer.bench.XesGenerator OUT.xes[.gz] EVENTS [SEED]}
 */
public final class XesGenerator {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.ofHours(1));

    private XesGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: XesGenerator OUT.xes[.gz] EVENTS [SEED]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        write(out, events, seed);
        System.out.printf("wrote %,d events to %s (%,d bytes)%n", events, out, Files.size(out));
    }

    /** Writes exactly {@code events} events (the last case may be shorter). */
    public static void write(Path out, long events, long seed) throws IOException {
        try (OutputStream raw = Files.newOutputStream(out);
             OutputStream os = out.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16)) {
            write(w, events, seed);
        }
    }

    static void write(Writer w, long events, long seed) throws IOException {
        Random rnd = new Random(seed);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\" xmlns=\"http://www.xes-standard.org/\">\n");
        w.write("\t<extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>\n");
        w.write("\t<global scope=\"event\">\n\t\t<string key=\"concept:name\" value=\"UNKNOWN\"/>\n\t</global>\n");
        w.write("\t<classifier name=\"Activity\" keys=\"concept:name\"/>\n");
        long written = 0;
        long caseNo = 0;
        long time = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        while (written < events) {
            int size = (int) Math.min(5 + rnd.nextInt(11), events - written);
            w.write("\t<trace>\n\t\t<string key=\"concept:name\" value=\"case-" + caseNo++ + "\"/>\n");
            w.write("\t\t<string key=\"channel\" value=\"" + (rnd.nextBoolean() ? "WEB" : "STORE") + "\"/>\n");
            long t = time + rnd.nextInt(3_600_000);
            for (int i = 0; i < size; i++) {
                t += 1_000L + rnd.nextInt(7_200_000);
                w.write("\t\t<event>\n");
                w.write("\t\t\t<string key=\"concept:name\" value=\"Activity " + (char) ('A' + rnd.nextInt(20)) + "\"/>\n");
                w.write("\t\t\t<string key=\"org:resource\" value=\"Resource" + rnd.nextInt(50) + "\"/>\n");
                w.write("\t\t\t<date key=\"time:timestamp\" value=\"" + TIME.format(Instant.ofEpochMilli(t)) + "\"/>\n");
                w.write("\t\t\t<string key=\"lifecycle:transition\" value=\"complete\"/>\n");
                w.write("\t\t\t<int key=\"units\" value=\"" + rnd.nextInt(10) + "\"/>\n");
                w.write("\t\t</event>\n");
            }
            w.write("\t</trace>\n");
            written += size;
            time += 60_000;
        }
        w.write("</log>\n");
    }
}
