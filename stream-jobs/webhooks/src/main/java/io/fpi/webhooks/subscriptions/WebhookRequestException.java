package io.fpi.webhooks.subscriptions;

/**
 * A webhook request that cannot be carried out, with the HTTP status and code the API answers
 * with; this module knows nothing about the HTTP framework, the API maps it 1:1.
 */
public class WebhookRequestException extends RuntimeException {
    private final int status;
    private final String code;

    public WebhookRequestException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static WebhookRequestException invalid(String message) {
        return new WebhookRequestException(400, "bad_request", message);
    }

    public static WebhookRequestException notFound(String message) {
        return new WebhookRequestException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
