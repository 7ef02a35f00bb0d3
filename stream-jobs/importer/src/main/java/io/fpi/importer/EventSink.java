package io.fpi.importer;

import io.fpi.schemas.FulfillmentEvent;

/**
 * Receives parsed events one at a time, in the order the parser emits them (file order, except
 * that an XES trace's events come sorted by time). An exception thrown here aborts the parse and
 * propagates to the caller unchanged.
 */
@FunctionalInterface
public interface EventSink {
    void accept(FulfillmentEvent event);
}
