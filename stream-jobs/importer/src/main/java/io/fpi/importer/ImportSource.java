package io.fpi.importer;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A file to import, re-openable (an OCEL log whose events precede its objects is read twice).
 * {@link #open()} transparently gunzips when the content starts with the gzip magic bytes,
 * whatever the file is called, and counts the stored bytes it consumes for progress reporting.
 */
public final class ImportSource {
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final Path path;
    private final byte[] bytes;
    private final AtomicLong consumed = new AtomicLong();

    private ImportSource(String name, Path path, byte[] bytes) {
        this.name = name;
        this.path = path;
        this.bytes = bytes;
    }

    public static ImportSource of(Path file) {
        return new ImportSource(file.getFileName().toString(), file, null);
    }

    /** In-memory content, for tests and small inputs; {@code name} drives extension detection. */
    public static ImportSource ofBytes(String name, byte[] content) {
        return new ImportSource(name, null, content.clone());
    }

    /** The file name (used in error messages and for extension-based format detection). */
    public String name() {
        return name;
    }

    /** Null for an in-memory source. */
    public Path path() {
        return path;
    }

    /** Stored size in bytes, or -1 when unknown. */
    public long size() {
        if (bytes != null) {
            return bytes.length;
        }
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Stored (possibly compressed) bytes consumed by the most recent {@link #open()}. */
    public long bytesConsumed() {
        return consumed.get();
    }

    /** True when the stored content starts with the gzip magic number. */
    public boolean isGzip() {
        try (InputStream raw = openRaw()) {
            return raw.read() == 0x1f && raw.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /**
     * Opens the content, decompressed and buffered, and resets {@link #bytesConsumed()}.
     * The caller closes it.
     */
    public InputStream open() throws IOException {
        consumed.set(0);
        InputStream counted = new BufferedInputStream(new CountingStream(openRaw(), consumed), BUFFER);
        counted.mark(2);
        boolean gzip = counted.read() == 0x1f && counted.read() == 0x8b;
        counted.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(counted, BUFFER), BUFFER) : counted;
    }

    private InputStream openRaw() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Counts bytes as they leave the file, below any buffering of the decompressor. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong counter;

        CountingStream(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            counter.addAndGet(s);
            return s;
        }
    }
}
