package io.fpi.api.http;

/** A whitelisted choice (an enum constant) with the name it has in URLs and JSON. */
public interface WireNamed {
    String wireName();
}
