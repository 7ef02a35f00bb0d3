package io.fpi.webhooks.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resolver for a name that resolves to the given literals, without DNS. */
    private static TargetPolicy.Resolver resolvesTo(String... literals) {
        return host -> java.util.Arrays.stream(literals).map(TargetPolicyTest::ip).toArray(InetAddress[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "0.0.0.0", "::", "224.0.0.1", "ff02::1",
            "100.64.0.1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:7f00:1::", "255.255.255.255",
            "198.18.0.1"})
    void internal_addresses_are_refused(String literal) {
        TargetPolicy policy = TargetPolicy.of("", resolvesTo(literal));
        assertThatThrownBy(() -> policy.check("https://hooks.example.com/x"))
                .isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("FPI_WEBHOOK_ALLOWED_HOSTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "172.32.0.1", "100.128.0.1"})
    void public_addresses_are_allowed(String literal) throws Exception {
        TargetPolicy.of("", resolvesTo(literal)).check("https://hooks.example.com/x");
    }

    @Test
    void every_resolved_address_is_checked_not_only_the_first() {
        TargetPolicy policy = TargetPolicy.of("", resolvesTo("93.184.216.34", "10.0.0.5"));
        assertThatThrownBy(() -> policy.check("https://hooks.example.com/x")).hasMessageContaining("10.0.0.5");
    }

    @Test
    void literal_loopback_urls_are_refused_by_the_real_resolver_too() {
        TargetPolicy policy = TargetPolicy.of("");
        assertThatThrownBy(() -> policy.check("http://127.0.0.1:8080/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.check("http://[::1]:8080/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.check("http://localhost/hook")).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.check("http://2130706433/hook")).as("127.0.0.1 as one number")
                .isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void the_allowlist_permits_cidrs_addresses_and_host_names() throws Exception {
        TargetPolicy.of("127.0.0.0/8", resolvesTo("127.0.0.1")).check("http://receiver.local/x");
        TargetPolicy.of("10.0.0.5", resolvesTo("10.0.0.5")).check("http://receiver.local/x");
        TargetPolicy.of("fd00::/8", resolvesTo("fd00::7")).check("http://receiver.local/x");
        TargetPolicy.of("Receiver.Local", resolvesTo("10.9.9.9")).check("http://receiver.local/x");
        assertThatThrownBy(() -> TargetPolicy.of("10.0.0.0/24", resolvesTo("10.0.1.1")).check("http://receiver.local/x"))
                .isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> TargetPolicy.of("other.local", resolvesTo("10.0.0.1")).check("http://receiver.local/x"))
                .isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void a_name_that_rebinds_to_an_internal_address_after_creation_is_refused_at_delivery() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        TargetPolicy policy = TargetPolicy.of("", host -> new InetAddress[] {
                ip(lookups.incrementAndGet() == 1 ? "93.184.216.34" : "169.254.169.254")});
        URI uri = policy.check("https://rebind.example.com/hook"); // at creation: public
        assertThatThrownBy(() -> policy.check(uri)).hasMessageContaining("169.254.169.254").hasMessageContaining("link-local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "gopher://example.com", "example.com/x",
            "https://user:pass@example.com/x", "https://", "http:///path", "javascript:alert(1)", "https://example.com/#frag"})
    void only_plain_http_and_https_urls_are_accepted(String url) {
        assertThatThrownBy(() -> TargetPolicy.parse(url)).isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void an_unresolvable_host_is_refused_and_a_bad_allowlist_entry_is_a_config_error() {
        TargetPolicy policy = TargetPolicy.of("", host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> policy.check("https://nowhere.invalid/x")).hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> TargetPolicy.of("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPolicy.of("bad host!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cidr_matching_respects_partial_bytes() {
        Cidr c = Cidr.parse("172.16.0.0/12");
        assertThat(c.contains(ip("172.31.0.1"))).isTrue();
        assertThat(c.contains(ip("172.32.0.1"))).isFalse();
        assertThat(c.contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    }
}
