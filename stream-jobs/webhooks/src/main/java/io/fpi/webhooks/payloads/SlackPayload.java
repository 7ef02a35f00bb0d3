package io.fpi.webhooks.payloads;

import io.fpi.schemas.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Slack incoming-webhook message: {@code {"text": ...}} in Slack's mrkdwn, with {@code &}, {@code <}
 * and {@code >} escaped as Slack requires. Slack ignores FPI's signature headers; they are sent anyway.
 */
public final class SlackPayload implements PayloadRenderer {
    private static final int LISTED_ORDERS = 10;

    @Override
    public byte[] render(Alert a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text(a));
        return PayloadRenderer.json(body);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    static String text(Alert a) {
        Finding first = a.findings().isEmpty() ? null : a.findings().get(0);
        String icon = a.kind() == Alert.Kind.TEST ? ":wave:" : a.resolved() ? ":white_check_mark:" : ":rotating_light:";
        StringBuilder sb = new StringBuilder(icon).append(' ');
        if (a.kind() == Alert.Kind.GROUP) {
            sb.append('*').append(esc(Summaries.line(a))).append('*');
            if (a.windowEndMs() > a.windowStartMs()) {
                sb.append(" within ").append((a.windowEndMs() - a.windowStartMs() + 999) / 1000).append(" s");
            }
            if (first != null) {
                sb.append("\nFirst: ").append(esc(first.getMessage()));
            }
            List<String> orders = a.findings().stream().map(Finding::getOrderId).filter(o -> o != null)
                    .limit(LISTED_ORDERS).collect(Collectors.toList());
            if (!orders.isEmpty()) {
                sb.append("\nOrders: ").append(esc(String.join(", ", orders)));
                if (a.count() > orders.size()) {
                    sb.append(" (+").append(a.count() - orders.size()).append(" more)");
                }
            }
        } else {
            sb.append('*').append(esc(Summaries.line(a))).append('*');
            if (first != null && a.kind() != Alert.Kind.TEST) {
                sb.append(" (").append(esc(first.getSeverity())).append(')');
                sb.append('\n').append(details(first));
            }
        }
        return sb.toString();
    }

    private static String details(Finding f) {
        StringBuilder sb = new StringBuilder();
        append(sb, "order", f.getOrderId());
        append(sb, "dataset", f.getDataset());
        append(sb, "node", f.getNodeId());
        append(sb, "region", f.getRegion());
        append(sb, "stage", f.getStage());
        append(sb, "finding", f.getFindingId());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String k, String v) {
        if (v != null && !v.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : " · ").append(k).append(' ').append(esc(v));
        }
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
