package io.fpi.api.http;

/**
 * A request that cannot be answered, with the HTTP status, a stable error code and a message the
 * caller can act on. Services and parameter parsers throw it without knowing about Javalin; the
 * HTTP layer turns it into {@code {"error": code, "message": message}}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill or leak
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
