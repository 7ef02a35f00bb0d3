package io.fpi.jobs.common;

import java.io.Serializable;

/** Writes one value as one JSONEachRow line of a ClickHouse table (beginRow ... endRow). */
@FunctionalInterface
public interface RowEncoder<T> extends Serializable {
    void encode(T value, JsonRowWriter out);
}
