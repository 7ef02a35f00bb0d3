package io.fpi.launcher;

import io.fpi.importer.ImportProgress;
import io.fpi.importer.ImportReport;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The import's progress line on a terminal, redrawn in place ({@code \r}) four times a second:
 * while parsing, events read, events/s and an ETA from the bytes consumed against the file size;
 * then, while the job writes, traced events out of the total and an ETA from that rate. Off when
 * the output is not a terminal, so logs and pipes get only the final report.
 */
final class ProgressLine implements AutoCloseable {
    static final long REDRAW_MS = 250;

    private final PrintStream err;
    private final ImportTally tally;
    private final String label;
    private final ScheduledExecutorService timer;
    private int lastWidth;

    private ProgressLine(PrintStream err, ImportTally tally, String label, boolean enabled) {
        this.err = err;
        this.tally = tally;
        this.label = label;
        this.timer = enabled ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fpi-import-progress");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Starts redrawing when {@code enabled} (callers pass whether the console is a terminal). */
    static ProgressLine start(PrintStream err, ImportTally tally, String label, boolean enabled) {
        ProgressLine line = new ProgressLine(err, tally, label, enabled);
        if (line.timer != null) {
            line.timer.scheduleAtFixedRate(line::redraw, REDRAW_MS, REDRAW_MS, TimeUnit.MILLISECONDS);
        }
        return line;
    }

    /** A terminal: System.console() is null when stdin or stdout is redirected. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    private synchronized void redraw() {
        String text = label + ": " + describe(tally, System.nanoTime());
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
        err.flush();
        lastWidth = text.length();
    }

    /** The line's text for the tally's state at {@code nowNanos} (System.nanoTime()). */
    static String describe(ImportTally tally, long nowNanos) {
        ImportReport report = tally.report();
        ImportProgress p = tally.progress();
        if (tally.parseStartedAtNanos() == 0) {
            return "starting the import job";
        }
        if (report == null) {
            double seconds = (nowNanos - tally.parseStartedAtNanos()) / 1e9;
            if (p == null) {
                return "parsing";
            }
            double f = p.fraction();
            String eta = f > 0.01 ? ", ETA " + duration(seconds / f - seconds) : "";
            if ("objects".equals(p.phase())) {
                return String.format("indexing OCEL objects, %s of the file%s", percent(f), eta);
            }
            return String.format("parsing: %,d events read, %,.0f events/s, %s of the file%s", p.eventsRead(),
                    seconds > 0 ? p.eventsRead() / seconds : 0.0, percent(f), eta);
        }
        long total = report.eventsImported();
        long traced = tally.tracedEvents();
        double writing = (nowNanos - tally.parsedAtNanos()) / 1e9;
        String eta = traced > 0 && writing > 0 ? ", ETA " + duration((total - traced) / (traced / writing)) : "";
        return String.format("sorting and writing: %,d of %,d events traced into ClickHouse%s", traced, total, eta);
    }

    private static String percent(double f) {
        return f < 0 ? "?" : String.format("%.0f%%", 100 * f);
    }

    private static String duration(double s) {
        if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
            return "?";
        }
        long r = Math.round(s);
        return r < 60 ? r + " s" : String.format("%d min %02d s", r / 60, r % 60);
    }

    /** Stops redrawing and clears the line, so the report starts on a clean one. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        err.print("\r" + " ".repeat(lastWidth) + "\r");
        err.flush();
    }
}
