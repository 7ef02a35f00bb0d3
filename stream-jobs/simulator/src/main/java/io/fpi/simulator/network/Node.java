package io.fpi.simulator.network;

/** A fulfilling node: a regional DC (DC-...) or a store (ST-0001 ...). */
public record Node(String id, Region region, boolean store) {}
