package io.fpi.webhooks.payloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.webhooks.subscriptions.Format;

/** Turns an {@link Alert} into the bytes of a request body in one format. */
public interface PayloadRenderer {
    ObjectMapper JSON = new ObjectMapper();

    byte[] render(Alert alert);

    String contentType();

    static PayloadRenderer of(Format format, String externalUrl) {
        return switch (format) {
            case FPI -> new FpiPayload();
            case ALERTMANAGER -> new AlertmanagerPayload(externalUrl);
            case SLACK -> new SlackPayload();
        };
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("payload could not be serialized", e); // maps of strings always serialize
        }
    }
}
