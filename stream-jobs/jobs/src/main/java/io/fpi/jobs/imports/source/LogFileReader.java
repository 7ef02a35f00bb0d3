package io.fpi.jobs.imports.source;

import io.fpi.jobs.common.Envelope;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;

/**
 * Runs the parser of its split in a thread of its own (the parsers push events into a callback;
 * a source reader is polled) and hands events over in chunks through a small bounded queue, which
 * is also the back-pressure: a parser that runs ahead of the job waits on {@code put}. Memory is
 * therefore the parser's (one XES trace, one CSV row) plus {@value #QUEUE_CHUNKS} chunks.
 *
 * <p>A failed parse (malformed file) fails this reader, and so the job, with the parser's
 * {@link io.fpi.importer.ImportException}. A checkpoint keeps the split while it is being parsed:
 * a restore parses the file again from the start, and the repeats are duplicates the trace builder
 * and the tables drop (at-least-once into idempotent tables, like the live job).
 */
final class LogFileReader implements SourceReader<Envelope, LogFileSplit> {
    static final int QUEUE_CHUNKS = 16;

    private final SourceReaderContext context;
    private final BlockingQueue<LogFileParserThread.Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final Object availabilityLock = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>(); // guarded by availabilityLock
    private LogFileSplit split;
    private LogFileParserThread parser;
    private volatile boolean noMoreSplits;

    LogFileReader(SourceReaderContext context) {
        this.context = context;
    }

    @Override
    public void start() {
        context.sendSplitRequest();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Envelope> output) throws Exception {
        LogFileParserThread.Chunk chunk = queue.poll();
        if (chunk == null) {
            return split == null && noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        if (chunk.failure() != null) {
            throw rethrowable(chunk.failure());
        }
        if (chunk.events() == null) { // end of the file
            split = null;
            parser = null;
            return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }
        for (Envelope e : chunk.events()) {
            output.collect(e);
        }
        return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availabilityLock) {
            if (!queue.isEmpty() || (split == null && noMoreSplits)) {
                return CompletableFuture.completedFuture(null);
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    @Override
    public void addSplits(List<LogFileSplit> splits) {
        for (LogFileSplit s : splits) {
            if (split != null) {
                throw new IllegalStateException("one import reader parses one file at a time; got " + s.splitId()
                        + " while parsing " + split.splitId());
            }
            split = s;
            parser = new LogFileParserThread(s.spec(), this::hand);
            parser.start();
        }
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        signal();
    }

    /** The split until its parse is over: a restore parses the file again from its start. */
    @Override
    public List<LogFileSplit> snapshotState(long checkpointId) {
        return split == null ? List.of() : List.of(split);
    }

    @Override
    public void close() throws Exception {
        if (parser != null) {
            parser.interrupt();
            parser.join(10_000);
        }
    }

    /** Called by the parser thread; blocks while the queue is full. */
    private void hand(LogFileParserThread.Chunk chunk) throws InterruptedException {
        queue.put(chunk);
        signal();
    }

    private void signal() {
        synchronized (availabilityLock) {
            available.complete(null);
        }
    }

    private static Exception rethrowable(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new RuntimeException(t);
    }
}
