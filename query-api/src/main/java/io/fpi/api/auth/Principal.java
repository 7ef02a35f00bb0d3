package io.fpi.api.auth;

/** The caller a valid token stands for. */
public record Principal(String name, Role role) {
}
