package io.fpi.api.process;

import java.time.Instant;

/**
 * The cases a process query mines: one dataset (required: activity names of different datasets
 * must not mix), optionally only cases placed in [from, to) (placed_at = ORDER_PLACED's time, else
 * the first event's), and of one channel and fulfillment type (null: any).
 */
public record ProcessFilter(String dataset, Instant from, Instant to, String channel, String fulfillmentType) {

    public ProcessFilter(String dataset, Instant from, Instant to) {
        this(dataset, from, to, null, null);
    }
}
