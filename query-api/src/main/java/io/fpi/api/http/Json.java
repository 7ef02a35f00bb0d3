package io.fpi.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The API's JSON conventions in one place: response records use Java names and come out in
 * snake_case ({@code cycleTimeMs} -> {@code cycle_time_ms}); {@link java.time.Instant}s are written
 * as ISO-8601 UTC strings; nulls are kept so a client sees {@code "cycle_time_ms": null} rather
 * than a missing field.
 */
public final class Json {
    private Json() {}

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}
