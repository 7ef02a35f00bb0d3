package io.fpi.policies.calendar;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * A carrier's daily collection at a node: a parcel ready (labelled) by {@code ready_by} local time
 * leaves that day and is handed over by {@code handoff_by}; one ready later leaves on the next
 * business day. A business day is a pickup weekday of the carrier on which the node opens (the
 * node calendar's closed dates and closed weekdays count, so no pickup at a store that is shut).
 */
public final class CarrierCutoff implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SCAN_DAYS = 3 * 366;

    private final String carrier;
    private final String nodes;
    private final int readyByMinute;
    private final int handoffByMinute;
    private final int daysMask;
    private final BusinessCalendar node;

    private CarrierCutoff(String carrier, String nodes, int readyByMinute, int handoffByMinute, int daysMask,
                          BusinessCalendar node) {
        this.carrier = carrier;
        this.nodes = nodes;
        this.readyByMinute = readyByMinute;
        this.handoffByMinute = handoffByMinute;
        this.daysMask = daysMask;
        this.node = node;
    }

    /**
     * @param carrier the carrier pattern this rule came from ({@code *} for any), for explanations
     * @param nodes the node pattern this rule came from
     * @param readyByMinute latest local minute of the day a parcel may be ready to leave that day
     * @param handoffByMinute latest local minute the carrier's handoff scan is expected (>= readyBy;
     *     up to 2880, past 1440 meaning after midnight)
     * @param pickupDays weekdays the carrier collects
     * @param node the node's calendar (zone, closed dates, open weekdays)
     */
    public static CarrierCutoff of(String carrier, String nodes, int readyByMinute, int handoffByMinute,
                                   Set<DayOfWeek> pickupDays, BusinessCalendar node) {
        if (readyByMinute < 0 || readyByMinute > WeeklyHours.DAY_MINUTES || handoffByMinute < readyByMinute
                || handoffByMinute > 2 * WeeklyHours.DAY_MINUTES) {
            throw new IllegalArgumentException("handoff_by " + LocalTimes.format(handoffByMinute)
                    + " must not be before ready_by " + LocalTimes.format(readyByMinute));
        }
        if (pickupDays.isEmpty()) {
            throw new IllegalArgumentException("a cut-off needs at least one pickup day");
        }
        int mask = 0;
        for (DayOfWeek d : pickupDays) {
            mask |= 1 << d.ordinal();
        }
        return new CarrierCutoff(carrier, nodes, readyByMinute, handoffByMinute, mask, node);
    }

    /** This rule at a node with another calendar (its zone, closed dates and open weekdays). */
    public CarrierCutoff at(BusinessCalendar nodeCalendar) {
        return nodeCalendar == node ? this
                : new CarrierCutoff(carrier, nodes, readyByMinute, handoffByMinute, daysMask, nodeCalendar);
    }

    /**
     * The latest handoff instant for a parcel ready at {@code readyAtMs}: {@code handoff_by} of the
     * same local day if that is a business day and the parcel was ready by {@code ready_by}
     * (inclusive), else {@code handoff_by} of the next business day.
     */
    public long nextHandoffCutoff(long readyAtMs) {
        long day = node.epochDayOf(readyAtMs);
        if (isBusinessDay(day) && readyAtMs <= node.instantOf(day, readyByMinute)) {
            return node.instantOf(day, handoffByMinute);
        }
        for (long d = day + 1; d <= day + MAX_SCAN_DAYS; d++) {
            if (isBusinessDay(d)) {
                return node.instantOf(d, handoffByMinute);
            }
        }
        throw new IllegalStateException("no pickup day for carrier " + carrier + " at " + nodes + " within "
                + MAX_SCAN_DAYS + " days");
    }

    /** A pickup weekday of the carrier on which the node opens. */
    public boolean isBusinessDay(long epochDay) {
        DayOfWeek dow = BusinessCalendar.dayOfWeek(epochDay);
        return (daysMask & (1 << dow.ordinal())) != 0 && node.opensOn(epochDay);
    }

    public String carrier() {
        return carrier;
    }

    public String nodes() {
        return nodes;
    }

    public int readyByMinute() {
        return readyByMinute;
    }

    public int handoffByMinute() {
        return handoffByMinute;
    }

    public BusinessCalendar calendar() {
        return node;
    }

    @Override
    public String toString() {
        return "cut-off " + carrier + "@" + nodes + " ready by " + LocalTimes.format(readyByMinute) + ", handoff by "
                + LocalTimes.format(handoffByMinute) + " " + node.zone();
    }
}
