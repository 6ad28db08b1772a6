package dev.weft.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether Weft may send a request to a user-given URL. Only absolute http(s) URLs without
 * user info are accepted, and a host is refused when any address it resolves to is internal
 * (loopback, private, carrier-grade NAT, link-local, unique-local, any-local, multicast, broadcast,
 * reserved, cloud metadata, or an IPv6 form embedding one of those), unless the host is on the
 * allow-list. The allow-list holds exact host names or IP literals, compared case-insensitively
 * with the host as written in the URL; it is how a deployment reaches its own internal services.
 *
 * <p>{@link SafeHttpClient} applies {@link #checkUrl} to every URL, including each redirect, and
 * {@link #checkResolved} to the addresses it is about to connect to.
 */
public final class OutboundPolicy {

    /** Cloud metadata services reachable by name; their addresses are blocked as well. */
    private static final Set<String> METADATA_HOST_NAMES = Set.of("metadata.google.internal");

    /**
     * A host made only of numbers (decimal, octal with a leading zero, or hex) that is not a plain
     * dotted quad: parsers disagree about what {@code 0177.0.0.1} or {@code 2130706433} mean, so
     * such hosts are refused rather than guessed.
     */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+))*");

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final Set<String> allowHosts;

    public OutboundPolicy(Collection<String> allowHosts) {
        this.allowHosts = allowHosts.stream()
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .map(OutboundPolicy::canonicalHost)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A policy with no allow-listed hosts. */
    public static OutboundPolicy strict() {
        return new OutboundPolicy(Set.of());
    }

    /**
     * A policy from the {@code WEFT_OUTBOUND_ALLOW_HOSTS} setting: host names or IP literals
     * separated by commas; blank or {@code null} means none.
     */
    public static OutboundPolicy fromAllowHostsSetting(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return strict();
        }
        return new OutboundPolicy(Arrays.asList(commaSeparated.split(",")));
    }

    /**
     * This policy with one more host allowed: for a destination the operator configured (a
     * provider's base URL from the server's settings), never for one an app supplied.
     */
    public OutboundPolicy allowing(String host) {
        if (host == null || host.isBlank() || isAllowListed(host)) {
            return this;
        }
        java.util.List<String> hosts = new java.util.ArrayList<>(allowHosts);
        hosts.add(host);
        return new OutboundPolicy(hosts);
    }

    /** Whether the host (as written in a URL, brackets allowed) is on the allow-list. */
    public boolean isAllowListed(String host) {
        return host != null && allowHosts.contains(canonicalHost(host));
    }

    /**
     * Checks what can be checked before resolving: an absolute http or https URL with a host and
     * no user info, not naming a cloud metadata service, and not an internal IP literal.
     *
     * @throws OutboundException with reason {@code INVALID_URL}, or an
     *     {@link OutboundBlockedException} for a metadata host name or an internal IP literal
     */
    public void checkUrl(URI uri) throws OutboundException {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque()) {
            throw invalid(uri, "not an absolute http or https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(uri, "scheme '" + uri.getScheme() + "' is not allowed, only http and https are");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(uri, "user info in URLs is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw invalid(uri, "it has no valid host");
        }
        String normalized = normalizeHost(host);
        if (NUMERIC_HOST.matcher(normalized).matches() && !DOTTED_QUAD.matcher(normalized).matches()) {
            throw new OutboundException(OutboundException.Reason.INVALID_URL,
                    "Invalid outbound URL: host '" + host + "' is an ambiguous numeric address;"
                            + " write IPv4 addresses as four decimal numbers without leading zeros");
        }
        if (isAllowListed(host)) {
            return;
        }
        if (METADATA_HOST_NAMES.contains(normalized)) {
            throw new OutboundBlockedException(host, "it is a cloud metadata service");
        }
        if (normalized.indexOf(':') >= 0 || DOTTED_QUAD.matcher(normalized).matches()) {
            checkResolved(host, new InetAddress[] {parseLiteral(normalized)});
        }
    }

    /**
     * Checks the addresses a host resolved to, before connecting to them: every one must be public
     * unless the host is allow-listed. Refusing the whole host when any address is internal keeps a
     * client from falling back to the internal one.
     *
     * @throws OutboundBlockedException naming the host and the first internal address
     */
    public void checkResolved(String host, InetAddress[] addresses) throws OutboundBlockedException {
        if (isAllowListed(host)) {
            return;
        }
        if (METADATA_HOST_NAMES.contains(normalizeHost(host))) {
            throw new OutboundBlockedException(host, "it is a cloud metadata service");
        }
        for (InetAddress address : addresses) {
            AddressClass addressClass = AddressClass.of(address);
            if (addressClass.blocked()) {
                throw new OutboundBlockedException(host,
                        "resolves to " + addressClass.description() + " " + address.getHostAddress());
            }
        }
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    static String normalizeHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** Normalized, with IPv6 literals in one canonical form so {@code ::1} matches {@code 0:0::1}. */
    private static String canonicalHost(String host) {
        String h = normalizeHost(host);
        if (h.indexOf(':') >= 0) {
            try {
                // A literal containing ':' is parsed, never looked up.
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException | SecurityException e) {
                return h;
            }
        }
        return h;
    }

    private static InetAddress parseLiteral(String literal) throws OutboundException {
        try {
            // Only literals reach here: InetAddress parses them without a lookup.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new OutboundException(OutboundException.Reason.INVALID_URL,
                    "Invalid outbound URL: host '" + literal + "' is not a valid IP address", e);
        }
    }

    private static OutboundException invalid(URI uri, String why) {
        return new OutboundException(OutboundException.Reason.INVALID_URL,
                "Invalid outbound URL '" + redact(uri) + "': " + why);
    }

    /** The URL for messages, without user info (which may hold a password). */
    private static String redact(URI uri) {
        if (uri == null) {
            return "null";
        }
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
    }
}
