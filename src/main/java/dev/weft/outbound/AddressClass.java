package dev.weft.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What kind of address an IP is, for the outbound policy. IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are classified by the embedded address,
 * because that is where a translator on the path would deliver the packet.
 */
enum AddressClass {
    PUBLIC("a public address"),
    THIS_NETWORK("a 'this network' address"),
    ANY_LOCAL("the any-local address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    CARRIER_GRADE_NAT("a carrier-grade NAT address"),
    CLOUD_METADATA("a cloud metadata address"),
    LINK_LOCAL("a link-local address"),
    SITE_LOCAL("a site-local address"),
    UNIQUE_LOCAL("a unique-local address"),
    MULTICAST("a multicast address"),
    BROADCAST("the broadcast address"),
    RESERVED("a reserved address");

    private static final byte[] METADATA_V6 = ipv6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean blocked() {
        return this != PUBLIC;
    }

    static AddressClass of(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address || b.length == 4 ? ofIpv4(b) : ofIpv6(b);
    }

    private static AddressClass ofIpv4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0) {
            return Arrays.equals(b, new byte[4]) ? ANY_LOCAL : THIS_NETWORK;
        }
        if (b0 == 127) {
            return LOOPBACK;
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return PRIVATE;
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return CARRIER_GRADE_NAT;
        }
        if (b0 == 169 && b1 == 254) {
            return (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? CLOUD_METADATA : LINK_LOCAL;
        }
        if ((b0 & 0xf0) == 224) {
            return MULTICAST;
        }
        if (b0 == 255 && b1 == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
            return BROADCAST;
        }
        if ((b0 & 0xf0) == 240) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(byte[] b) {
        if (Arrays.equals(b, new byte[16])) {
            return ANY_LOCAL;
        }
        if (Arrays.equals(b, ipv6(0, 0, 0, 0, 0, 0, 0, 1))) {
            return LOOPBACK;
        }
        if (Arrays.equals(b, METADATA_V6)) {
            return CLOUD_METADATA;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if ((b0 & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return SITE_LOCAL;
        }
        if (b0 == 0xff) {
            return MULTICAST;
        }
        if (isMappedOrCompatible(b) || startsWith(b, ipv6(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 12)) {
            return ofIpv4(Arrays.copyOfRange(b, 12, 16));
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return ofIpv4(Arrays.copyOfRange(b, 2, 6));
        }
        return PUBLIC;
    }

    /** ::ffff:a.b.c.d (mapped) or ::a.b.c.d (the deprecated compatible form). */
    private static boolean isMappedOrCompatible(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff);
    }

    private static boolean startsWith(byte[] b, byte[] prefix, int length) {
        return Arrays.equals(b, 0, length, prefix, 0, length);
    }

    private static byte[] ipv6(int... groups) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }
}
