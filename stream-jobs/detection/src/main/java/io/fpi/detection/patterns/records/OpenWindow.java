package io.fpi.detection.patterns.records;

import java.util.Arrays;

/**
 * The count of one key in one window that has not closed yet, and a few of its orders as
 * evidence: the lexicographically smallest distinct order ids, so the sample is the same whatever
 * the arrival order. A Flink POJO.
 */
public class OpenWindow {
    public static final int SAMPLE_ORDERS = 3;

    public int count;
    public String[] sampleOrders = new String[0];

    public OpenWindow() {}

    public void add(String orderId) {
        count++;
        if (orderId == null || orderId.isEmpty()) {
            return;
        }
        int at = Arrays.binarySearch(sampleOrders, orderId);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (insert >= SAMPLE_ORDERS) {
            return;
        }
        String[] next = new String[Math.min(SAMPLE_ORDERS, sampleOrders.length + 1)];
        System.arraycopy(sampleOrders, 0, next, 0, insert);
        next[insert] = orderId;
        System.arraycopy(sampleOrders, insert, next, insert + 1, next.length - insert - 1);
        sampleOrders = next;
    }
}
