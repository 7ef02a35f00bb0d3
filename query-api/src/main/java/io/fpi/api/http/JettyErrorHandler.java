package io.fpi.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty refuses some requests before Javalin sees them (a NUL or invalid UTF-8 in the path, a URI
 * over the size limit) and would answer with an HTML page. This writes the API's JSON error body
 * instead, whatever the client accepts, and never a cause or stack trace.
 */
public final class JettyErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = Json.mapper();

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String reason) {
        String error = switch (code) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 413, 414, 431 -> "too_large";
            default -> code >= 500 ? "internal_error" : "http_" + code;
        };
        String message = "The request was refused before reaching the API (" + (reason == null ? "HTTP " + code : reason)
                + "): send percent-encoded UTF-8 without NUL characters, and keep URLs under 64 kB.";
        try {
            return JSON.writeValueAsBytes(new ErrorBody(error, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a record of two strings always serializes
        }
    }
}
