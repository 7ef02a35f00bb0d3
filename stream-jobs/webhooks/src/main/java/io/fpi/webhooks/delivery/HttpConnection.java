package io.fpi.webhooks.delivery;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to a checked address: a blocking socket (TLS with SNI and host name
 * verification for https), one request at a time, kept alive for reuse when the receiver allows.
 * Reads only what a webhook needs back: the status, Retry-After and the first bytes of the body.
 * Every read is bounded by what is left of the attempt's deadline, so a receiver that trickles
 * bytes cannot hold an attempt past its read timeout.
 */
final class HttpConnection implements AutoCloseable {
    static final int KEEP_BYTES = 512;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    /** A longer answer is not read to its end; the connection is closed instead of reused. */
    private static final long MAX_DRAIN = 1 << 20;

    /** The TCP connection was not established within the connect timeout. */
    static final class ConnectTimeout extends IOException {
        ConnectTimeout() {
            super("connect timeout", null);
        }
    }

    /** What came back. {@code body} holds at most {@link #KEEP_BYTES}. */
    record Response(int status, Map<String, String> headers, String body, boolean reusable) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Our own read buffer, so the deadline is applied once per socket read, not per byte. */
    private final byte[] buf = new byte[8 * 1024];
    private int pos;
    private int lim;
    long idleSinceMs;
    /** Set once a byte of the answer was read: from then on a failure is not a stale connection. */
    private boolean answered;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static HttpConnection open(InetAddress address, int port, String host, boolean https, SSLSocketFactory tls,
                               int connectTimeoutMs, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            try {
                s.connect(new InetSocketAddress(address, port), connectTimeoutMs);
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeout();
            }
            s.setSoTimeout(readTimeoutMs);
            if (!https) {
                return new HttpConnection(s);
            }
            SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
            SSLParameters p = ssl.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host of the URL
            if (!isIpLiteral(host)) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(p);
            ssl.startHandshake();
            return new HttpConnection(ssl);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** Sends one request and reads its answer, within {@code deadlineNanos} (System.nanoTime). */
    Response exchange(byte[] head, byte[] body, long deadlineNanos) throws IOException {
        answered = false;
        pos = 0;
        lim = 0;
        out.write(head);
        out.write(body);
        out.flush();
        String statusLine;
        int status;
        do {
            statusLine = line(deadlineNanos);
            answered = true;
            status = status(statusLine);
            if (status >= 100 && status < 200) {
                headers(deadlineNanos); // 100 Continue and friends: the real answer follows
            }
        } while (status >= 100 && status < 200);
        Map<String, String> headers = headers(deadlineNanos);
        byte[] kept = new byte[KEEP_BYTES];
        int[] keptSize = {0};
        boolean complete = readBody(status, headers, kept, keptSize, deadlineNanos);
        boolean http11 = statusLine.startsWith("HTTP/1.1");
        boolean reusable = complete && http11 && !"close".equalsIgnoreCase(headers.get("connection"));
        return new Response(status, headers, new String(kept, 0, keptSize[0], StandardCharsets.UTF_8), reusable);
    }

    /** True when a failure happened before any byte of the answer: the receiver may have closed an idle connection. */
    boolean failedBeforeAnswer() {
        return !answered;
    }

    private boolean readBody(int status, Map<String, String> headers, byte[] kept, int[] size, long deadline) throws IOException {
        if (status == 204 || status == 304) {
            return true;
        }
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", "").strip())) {
            long total = 0;
            while (true) {
                String sizeLine = line(deadline);
                int semi = sizeLine.indexOf(';');
                long chunk = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (chunk == 0) {
                    while (!line(deadline).isEmpty()) {
                        // trailers
                    }
                    return true;
                }
                total += chunk;
                if (total > MAX_DRAIN) {
                    return false;
                }
                read(chunk, kept, size, deadline);
                line(deadline); // the CRLF after each chunk
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n = Long.parseLong(length.strip());
            if (n > MAX_DRAIN) {
                read(KEEP_BYTES, kept, size, deadline);
                return false;
            }
            read(n, kept, size, deadline);
            return true;
        }
        read(MAX_DRAIN, kept, size, deadline); // delimited by the end of the connection
        return false;
    }

    /** Reads up to n bytes (all of them unless the stream ends), keeping the first ones. */
    private void read(long n, byte[] kept, int[] size, long deadline) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == lim && !fill(deadline)) {
                return;
            }
            int r = (int) Math.min(lim - pos, left);
            int keep = Math.min(r, kept.length - size[0]);
            if (keep > 0) {
                System.arraycopy(buf, pos, kept, size[0], keep);
                size[0] += keep;
            }
            pos += r;
            left -= r;
        }
    }

    /** Reads more from the socket within the deadline; false at the end of the stream. */
    private boolean fill(long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("read deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
            return false;
        }
        pos = 0;
        lim = r;
        return true;
    }

    private Map<String, String> headers(long deadline) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; ; i++) {
            String l = line(deadline);
            if (l.isEmpty()) {
                return headers;
            }
            if (i >= MAX_HEADERS) {
                throw new IOException("the answer has more than " + MAX_HEADERS + " headers");
            }
            int colon = l.indexOf(':');
            if (colon > 0) {
                headers.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
        }
    }

    private static int status(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + (statusLine.length() > 60 ? statusLine.substring(0, 60) : statusLine));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line");
        }
    }

    /** A CRLF- (or LF-) terminated line of ISO-8859-1 text, without its terminator. */
    private String line(long deadline) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos == lim && !fill(deadline)) {
                throw new EOFException("the receiver closed the connection");
            }
            int c = buf[pos++] & 0xff;
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) c);
        }
    }

    boolean isOpen() {
        return !socket.isClosed() && !socket.isInputShutdown();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
