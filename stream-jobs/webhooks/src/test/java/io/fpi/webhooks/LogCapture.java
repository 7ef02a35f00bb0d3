package io.fpi.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures everything FPI's loggers write (DEBUG and up) while open, to check what never reaches a log. */
public final class LogCapture implements AutoCloseable {
    private static final String LOGGER = "io.fpi";
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    public LogCapture() {
        Configuration config = ctx.getConfiguration();
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                lines.add(e.getLevel() + " " + e.getLoggerName() + " " + e.getMessage().getFormattedMessage()
                        + (e.getThrown() == null ? "" : " " + e.getThrown()));
            }
        };
        appender.start();
        LoggerConfig lc = LoggerConfig.newBuilder().withLoggerName(LOGGER).withLevel(Level.DEBUG).withAdditivity(false)
                .withConfig(config).build();
        lc.addAppender(appender, null, null);
        config.addLogger(LOGGER, lc);
        ctx.updateLoggers();
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void close() {
        ctx.getConfiguration().removeLogger(LOGGER);
        ctx.updateLoggers();
        appender.stop();
    }
}
