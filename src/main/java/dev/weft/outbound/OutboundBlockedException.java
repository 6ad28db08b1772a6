package dev.weft.outbound;

/** A request refused by the {@link OutboundPolicy}; the message names the host and the reason. */
public class OutboundBlockedException extends OutboundException {

    private final String host;

    public OutboundBlockedException(String host, String why) {
        super(Reason.BLOCKED, "Outbound request to host '" + host + "' refused: " + why + ". To allow it, add the host"
                + " to WEFT_OUTBOUND_ALLOW_HOSTS (weft.outbound.allow-hosts), or, on a development machine, start with"
                + " WEFT_DEV=true (or --spring.profiles.active=dev) to allow loopback; see docs/configuration.md#outbound-requests");
        this.host = host;
    }

    public String host() {
        return host;
    }
}
