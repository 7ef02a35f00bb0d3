package io.fpi.webhooks.safety;

import java.util.regex.Pattern;

/** Tells IP literals from host names without asking DNS. */
final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?");

    private IpLiterals() {}

    static boolean isLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IPV4.matcher(h).matches() || IPV6.matcher(h).matches();
    }
}
