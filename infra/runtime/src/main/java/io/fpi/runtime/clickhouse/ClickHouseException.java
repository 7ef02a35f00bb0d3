package io.fpi.runtime.clickhouse;

/** ClickHouse answered with an error, or could not be reached. */
public class ClickHouseException extends RuntimeException {
    private final int httpStatus;

    public ClickHouseException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status ClickHouse answered with, or -1 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean unreachable() {
        return httpStatus < 0;
    }
}
