package dev.weft.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.outbound.OutboundException.Reason;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {

    private final OutboundPolicy strict = OutboundPolicy.strict();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1          | a loopback address
            127.255.0.9        | a loopback address
            10.0.0.5           | a private address
            172.16.0.1         | a private address
            172.31.255.255     | a private address
            192.168.1.1        | a private address
            100.64.0.1         | a carrier-grade NAT address
            100.127.255.254    | a carrier-grade NAT address
            169.254.169.254    | a cloud metadata address
            169.254.1.1        | a link-local address
            0.0.0.0            | the any-local address
            0.1.2.3            | a 'this network' address
            224.0.0.1          | a multicast address
            239.255.255.250    | a multicast address
            255.255.255.255    | the broadcast address
            240.0.0.1          | a reserved address
            ::                 | the any-local address
            ::1                | a loopback address
            fe80::1            | a link-local address
            febf::1            | a link-local address
            fec0::1            | a site-local address
            fc00::1            | a unique-local address
            fd12:3456::1       | a unique-local address
            fd00:ec2::254      | a cloud metadata address
            ff02::1            | a multicast address
            ::10.0.0.1         | a private address
            ::127.0.0.1        | a loopback address
            64:ff9b::10.0.0.1  | a private address
            64:ff9b::a9fe:a9fe | a cloud metadata address
            64:ff9b::7f00:1    | a loopback address
            2002:a00:1::1      | a private address
            """)
    void refusesInternalAddresses(String literal, String description) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertThatThrownBy(() -> strict.checkResolved("target.example", new InetAddress[] {address}))
                .isInstanceOfSatisfying(OutboundBlockedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BLOCKED);
                    assertThat(e.host()).isEqualTo("target.example");
                    assertThat(e.getMessage()).contains("target.example")
                            .contains("resolves to " + description + " " + address.getHostAddress());
                });
    }

    @Test
    void namesThePrivateAddressInTheMessageAndHowToAllowIt() throws Exception {
        assertThatThrownBy(() -> strict.checkResolved("internal.example", new InetAddress[] {ip(10, 0, 0, 5)}))
                .hasMessageStartingWith("Outbound request to host 'internal.example' refused: resolves to a private address 10.0.0.5")
                .hasMessageContaining("WEFT_OUTBOUND_ALLOW_HOSTS").hasMessageContaining("WEFT_DEV=true");
    }

    @Test
    void refusesIpv4MappedIpv6FormsOfInternalAddresses() throws Exception {
        // Inet6Address keeps the mapped form that InetAddress.getByName would turn into IPv4.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThatThrownBy(() -> strict.checkResolved("mapped.example", new InetAddress[] {address}))
                .hasMessageContaining("resolves to a cloud metadata address");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() throws Exception {
        InetAddress[] addresses = {ip(93, 184, 216, 34), ip(192, 168, 0, 10)};

        assertThatThrownBy(() -> strict.checkResolved("mixed.example", addresses))
                .hasMessageContaining("192.168.0.10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "100.63.255.255", "169.253.0.1", "223.255.255.255", "2606:2800:220:1:248:1893:25c8:1946",
            "64:ff9b::5db8:d822", "::ffff:93.184.216.34"})
    void acceptsPublicAddresses(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertThatCode(() -> strict.checkResolved("public.example", new InetAddress[] {address}))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsInternalAddressesOfAnAllowListedHostCaseInsensitively() {
        OutboundPolicy policy = new OutboundPolicy(List.of("Internal.Example", "10.0.0.7", "[::1]"));

        assertThatCode(() -> {
            policy.checkResolved("INTERNAL.example", new InetAddress[] {ip(10, 0, 0, 5)});
            policy.checkResolved("internal.example.", new InetAddress[] {ip(10, 0, 0, 5)});
            policy.checkUrl(URI.create("http://10.0.0.7:8080/hook"));
            policy.checkUrl(URI.create("http://[0:0:0:0:0:0:0:1]/hook"));
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkResolved("other.example", new InetAddress[] {ip(10, 0, 0, 5)}))
                .isInstanceOf(OutboundBlockedException.class);
    }

    @Test
    void readsTheAllowListFromACommaSeparatedSetting() {
        OutboundPolicy policy = OutboundPolicy.fromAllowHostsSetting(" ollama , 10.0.0.7,,");

        assertThat(policy.isAllowListed("OLLAMA")).isTrue();
        assertThat(policy.isAllowListed("10.0.0.7")).isTrue();
        assertThat(policy.isAllowListed("")).isFalse();
        assertThat(OutboundPolicy.fromAllowHostsSetting(null).isAllowListed("ollama")).isFalse();
    }

    @Test
    void refusesTheCloudMetadataHostByName() {
        assertThatThrownBy(() -> strict.checkUrl(URI.create("http://metadata.google.internal/computeMetadata/v1/")))
                .isInstanceOf(OutboundBlockedException.class)
                .hasMessageContaining("metadata.google.internal");
        assertThatThrownBy(() -> strict.checkUrl(URI.create("http://METADATA.google.internal./")))
                .isInstanceOf(OutboundBlockedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://[::1]/", "https://169.254.169.254/latest/meta-data",
            "http://[::ffff:10.0.0.1]/", "http://[fd00:ec2::254]/"})
    void refusesInternalIpLiteralsBeforeAnyLookup(String url) {
        assertThatThrownBy(() -> strict.checkUrl(URI.create(url)))
                .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BLOCKED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://example.com/file", "gopher://example.com:70/_x",
            "jar:file:/x.jar!/a", "mailto:ops@example.com", "/relative/path", "http:///no-host",
            "http://user:secret@example.com/", "https://token@example.com/", "http://2130706433/",
            "http://0177.0.0.1/", "http://127.1/", "http://0x7f.0.0.1/"})
    void refusesUrlsThatAreNotPlainHttpWithAHost(String url) {
        assertThatThrownBy(() -> strict.checkUrl(URI.create(url)))
                .isInstanceOfSatisfying(OutboundException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_URL))
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hook", "HTTP://Example.COM:8443/a?b=c", "http://93.184.216.34:1/",
            "https://hooks.example.com/", "http://123.example/"})
    void acceptsPublicHttpUrls(String url) {
        assertThatCode(() -> strict.checkUrl(URI.create(url))).doesNotThrowAnyException();
    }

    private static InetAddress ip(int a, int b, int c, int d) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }
}
