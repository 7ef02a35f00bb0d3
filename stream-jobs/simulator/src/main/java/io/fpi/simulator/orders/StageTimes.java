package io.fpi.simulator.orders;

/**
 * Natural stage durations (median, sigma, cap). Caps sit well below the injected stalls (hours),
 * so a detector tuned per stage can separate "slow" from "stuck". Store stages additionally only
 * progress during store hours (09:00-21:00 local), which README.md points out.
 */
final class StageTimes {
    private static final long S = 1_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;

    static final StageTime PAYMENT_AUTH = new StageTime(30 * S, 0.8, 10 * M, false);
    static final StageTime PAYMENT_RETRY = new StageTime(8 * M, 0.7, 45 * M, false);
    static final StageTime FRAUD_REVIEW = new StageTime(45 * M, 0.8, 6 * H, true);
    static final StageTime SOURCING = new StageTime(2 * M, 0.7, 30 * M, false);
    static final StageTime RESERVE = new StageTime(40 * S, 0.6, 10 * M, false);
    static final StageTime SYNC = new StageTime(3 * M, 0.6, 30 * M, false);
    static final StageTime RELEASE = new StageTime(10 * M, 0.6, 90 * M, true);
    static final StageTime WAVE = new StageTime(40 * M, 0.5, 150 * M, true);
    static final StageTime DC_PICK = new StageTime(35 * M, 0.5, 3 * H, true);
    static final StageTime DC_PACK = new StageTime(15 * M, 0.5, 90 * M, true);
    static final StageTime LABEL = new StageTime(4 * M, 0.6, 30 * M, false);
    static final StageTime DC_HANDOFF = new StageTime(2 * H, 0.5, 8 * H, false);
    static final StageTime STORE_QUEUE = new StageTime(25 * M, 0.6, 2 * H, true);
    static final StageTime STORE_PICK = new StageTime(15 * M, 0.5, 75 * M, true);
    static final StageTime STORE_PACK = new StageTime(12 * M, 0.5, 60 * M, true);
    static final StageTime EXPRESS_QUEUE = new StageTime(12 * M, 0.6, 60 * M, true);
    static final StageTime EXPRESS_PICK = new StageTime(10 * M, 0.5, 45 * M, true);
    static final StageTime READY = new StageTime(5 * M, 0.5, 30 * M, true);
    static final StageTime BOPIS_COLLECT = new StageTime(4 * H, 0.9, 44 * H, false);
    static final StageTime COURIER_HANDOFF = new StageTime(40 * M, 0.5, 2 * H, false);
    static final StageTime COURIER_DRIVE = new StageTime(70 * M, 0.5, 4 * H, false);
    static final StageTime FIRST_SCAN = new StageTime(3 * H, 0.5, 8 * H, false);
    static final StageTime DELIVERY_ROUTE = new StageTime(4 * H, 0.6, 11 * H, false);
    static final StageTime EXCEPTION_SHORT = new StageTime(15 * M, 0.6, 90 * M, false);
    static final StageTime MANUAL_INTERVENTION = new StageTime(90 * M, 0.7, 6 * H, true);
    static final StageTime INVOICE = new StageTime(20 * M, 0.6, 2 * H, false);
    static final StageTime SETTLE = new StageTime(3 * H, 0.6, 10 * H, false);
    static final StageTime RETURN_TRANSIT = new StageTime(3 * H, 0.5, 6 * H, false);
    static final StageTime REFUND = new StageTime(30 * M, 0.6, 2 * H, false);
    static final StageTime RETRY = new StageTime(3 * M, 0.6, 20 * M, false);

    /** Injected delays (scenarios, base stalls): always hours, on top of the natural time. */
    static final StageTime BASE_STALL = new StageTime(8 * H, 0.5, 30 * H, false);
    static final StageTime BACKLOG = new StageTime(90 * M, 0.5, 5 * H, false);
    static final StageTime REPLENISHMENT = new StageTime(16 * H, 0.4, 40 * H, false);

    private StageTimes() {}
}
