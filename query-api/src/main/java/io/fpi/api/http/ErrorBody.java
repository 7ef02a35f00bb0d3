package io.fpi.api.http;

/** The body of every error answer: a stable machine code and a sentence for a person. */
public record ErrorBody(String error, String message) {
}
