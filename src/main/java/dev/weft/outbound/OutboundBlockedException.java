package dev.weft.outbound;

/** A request refused by the {@link OutboundPolicy}; the message names the host and the reason. */
public class OutboundBlockedException extends OutboundException {

    private final String host;

    public OutboundBlockedException(String host, String why) {
        super(Reason.BLOCKED, "Outbound request to host '" + host + "' refused: " + why);
        this.host = host;
    }

    public String host() {
        return host;
    }
}
