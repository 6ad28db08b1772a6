package dev.weft.webhook.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code pending → delivered | failed}; a failed delivery can be re-queued to pending by hand. */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}
