package io.fpi.simulator.orders;

/** Where an order is fulfilled from after sourcing (NONE: it ended, e.g. cancelled). */
enum Path {
    DC, STORE, NONE
}
