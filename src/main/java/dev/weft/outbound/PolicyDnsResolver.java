package dev.weft.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host and checks the result with the policy in the same step, so the addresses the
 * connection is made to are exactly the ones checked: a second lookup (DNS rebinding) never happens.
 */
final class PolicyDnsResolver implements DnsResolver {

    private final OutboundPolicy policy;

    PolicyDnsResolver(OutboundPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        try {
            policy.checkResolved(host, addresses);
        } catch (OutboundBlockedException e) {
            throw new BlockedHostException(e);
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(address -> new InetSocketAddress(address, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return InetAddress.getByName(host).getCanonicalHostName();
    }

    /** Carries a policy refusal through HttpClient, which only lets I/O exceptions out of a resolver. */
    static final class BlockedHostException extends UnknownHostException {

        private final transient OutboundBlockedException blocked;

        BlockedHostException(OutboundBlockedException blocked) {
            super(blocked.getMessage());
            this.blocked = blocked;
        }

        OutboundBlockedException blocked() {
            return blocked;
        }
    }
}
