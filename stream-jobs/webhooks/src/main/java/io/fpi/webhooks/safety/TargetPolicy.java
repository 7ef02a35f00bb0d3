package io.fpi.webhooks.safety;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs a webhook may call (SSRF protection). Only http and https, no user info, and no host
 * resolving to a loopback, link-local, private (site-local, unique-local, carrier-grade NAT),
 * unspecified, multicast or reserved address, unless FPI_WEBHOOK_ALLOWED_HOSTS permits it. The
 * allowlist holds host names (matched exactly, case-insensitive: the host may then resolve to
 * anything) and IP addresses or CIDRs (an address inside one is permitted).
 *
 * <p>{@link #check(URI)} runs at creation <em>and</em> before every attempt, resolving the host
 * again each time and checking every address it resolves to, so a name that later rebinds to an
 * internal address (DNS rebinding) is refused at delivery time; and the sender connects to the
 * checked address itself ({@link #resolve(URI)}), never resolving the name a second time.
 */
public final class TargetPolicy {
    private static final List<Cidr> ALWAYS_FORBIDDEN = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.0.2.0/24"), Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"),
            Cidr.parse("203.0.113.0/24"), Cidr.parse("240.0.0.0/4"), Cidr.parse("fc00::/7"),
            Cidr.parse("2001:db8::/32"), Cidr.parse("100::/64"));
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    public static final int MAX_URL_LENGTH = 2048;

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedNetworks;
    private final Resolver resolver;

    /** Name resolution, replaceable in unit tests to simulate a rebinding name. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private TargetPolicy(Set<String> hosts, List<Cidr> networks, Resolver resolver) {
        this.allowedHosts = hosts;
        this.allowedNetworks = networks;
        this.resolver = resolver;
    }

    /** @param allowlist comma-separated host names, IP addresses and CIDRs; blank for none */
    public static TargetPolicy of(String allowlist) {
        return of(allowlist, InetAddress::getAllByName);
    }

    public static TargetPolicy of(String allowlist, Resolver resolver) {
        Set<String> hosts = new HashSet<>();
        List<Cidr> networks = new ArrayList<>();
        if (allowlist != null) {
            for (String raw : allowlist.split(",")) {
                String e = raw.strip();
                if (e.isEmpty()) {
                    continue;
                }
                String unbracketed = e.startsWith("[") && e.endsWith("]") ? e.substring(1, e.length() - 1) : e;
                if (IpLiterals.isLiteral(unbracketed.contains("/") ? unbracketed.substring(0, unbracketed.indexOf('/')) : unbracketed)) {
                    networks.add(Cidr.parse(unbracketed));
                } else if (e.matches("[A-Za-z0-9.-]+")) {
                    hosts.add(e.toLowerCase(Locale.ROOT));
                } else {
                    throw new IllegalArgumentException("FPI_WEBHOOK_ALLOWED_HOSTS: '" + e + "' is neither a host name nor an IP/CIDR");
                }
            }
        }
        return new TargetPolicy(Set.copyOf(hosts), List.copyOf(networks), resolver);
    }

    /** Syntax only (scheme, host, no user info): what can be checked without the network. */
    public static URI parse(String url) throws TargetRefusedException {
        if (url == null || url.isBlank()) {
            throw new TargetRefusedException("url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new TargetRefusedException("url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new TargetRefusedException("url is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TargetRefusedException("url must use http or https, got " + (scheme.isEmpty() ? "no scheme" : scheme));
        }
        if (uri.getRawUserInfo() != null) {
            throw new TargetRefusedException("url must not contain user info (credentials belong in the receiver's own config)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new TargetRefusedException("url must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw new TargetRefusedException("url must not contain a fragment");
        }
        return uri;
    }

    /** Parses and checks a URL, resolving its host now. */
    public URI check(String url) throws TargetRefusedException {
        URI uri = parse(url);
        check(uri);
        return uri;
    }

    /** Resolves the host and refuses it if any address it resolves to is forbidden and not allowlisted. */
    public void check(URI uri) throws TargetRefusedException {
        resolve(uri);
    }

    /**
     * Resolves the host, checks every address, and returns the addresses to connect to. The caller
     * connects to one of these very addresses (never resolving the name again), so what was checked
     * is what is reached, whatever the name resolves to a moment later (DNS rebinding).
     */
    public InetAddress[] resolve(URI uri) throws TargetRefusedException {
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new TargetRefusedException("host " + bare + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new TargetRefusedException("host " + bare + " does not resolve");
        }
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            String why = forbiddenReason(a);
            if (why != null && allowedNetworks.stream().noneMatch(n -> n.contains(a))) {
                throw new TargetRefusedException("host " + bare + " resolves to " + a.getHostAddress() + ", a " + why
                        + " address; add it to FPI_WEBHOOK_ALLOWED_HOSTS to permit it");
            }
        }
        return addresses;
    }

    /** Why an address is not a public unicast one, or null when it is. */
    public static String forbiddenReason(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        for (Cidr c : ALWAYS_FORBIDDEN) {
            if (c.contains(a)) {
                return c.network().length == 16 && (c.network()[0] & 0xfe) == 0xfc ? "unique-local" : "reserved or private";
            }
        }
        if (a instanceof Inet6Address v6) {
            InetAddress embedded = embeddedIpv4(v6);
            if (embedded != null) {
                String inner = forbiddenReason(embedded);
                return inner == null ? null : inner + " (embedded in IPv6)";
            }
        }
        return null;
    }

    // ::a.b.c.d (IPv4-compatible), 64:ff9b::a.b.c.d (NAT64) and 2002:aabb:ccdd:: (6to4) reach an
    // IPv4 host; the JDK already turns ::ffff:a.b.c.d (IPv4-mapped) into an Inet4Address.
    private static InetAddress embeddedIpv4(Inet6Address v6) {
        byte[] b = v6.getAddress();
        byte[] v4 = null;
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        if (compatible || NAT64.contains(v6)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (SIX_TO_FOUR.contains(v6)) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return null;
        }
        try {
            return Inet4Address.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null; // 4 bytes are always a valid address
        }
    }
}
