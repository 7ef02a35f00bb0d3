package io.fpi.jobs.imports;

import io.fpi.importer.ImportReport;
import io.fpi.jobs.common.DeadLetter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observers of running imports, by id. The id travels in the {@link ImportSpec}; the tasks look it
 * up here. That only reaches the command when the job runs in its JVM (the local MiniCluster,
 * which is how bin/fpi import runs it): on a remote cluster the lookup finds nothing and the
 * report goes to the task manager's log instead, while the data lands in ClickHouse all the same.
 */
public final class ImportObservers {
    private static final Logger LOG = LoggerFactory.getLogger(ImportObservers.class);
    private static final Map<String, ImportObserver> OBSERVERS = new ConcurrentHashMap<>();

    /** Where reports go when no observer is registered in this JVM. */
    static final ImportObserver LOGGING = new ImportObserver() {
        @Override
        public void onParsed(ImportReport report) {
            LOG.info("import parsed: {}", report.summary());
        }

        @Override
        public void onParseFailed(Throwable error) {
            LOG.error("import failed: {}", error.toString());
        }

        @Override
        public void onDeadLetter(DeadLetter deadLetter) {
            LOG.warn("import refused an event: {} {}", deadLetter.reason, deadLetter.detail);
        }
    };

    private ImportObservers() {}

    /** Registers {@code observer} and returns its id; {@link #unregister} it when the job is over. */
    public static String register(ImportObserver observer) {
        String id = UUID.randomUUID().toString();
        OBSERVERS.put(id, observer);
        return id;
    }

    public static void unregister(String id) {
        if (id != null) {
            OBSERVERS.remove(id);
        }
    }

    /** The observer registered under {@code id}, or one that logs. */
    public static ImportObserver get(String id) {
        ImportObserver o = id == null ? null : OBSERVERS.get(id);
        return o != null ? o : LOGGING;
    }
}
