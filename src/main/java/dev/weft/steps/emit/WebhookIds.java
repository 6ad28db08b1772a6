package dev.weft.steps.emit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code webhook-id} of a step's delivery: derived from the step's effect id, so every attempt
 * and every duplicate execution of one step sends the same id and receivers can de-duplicate.
 */
final class WebhookIds {

    private WebhookIds() {}

    static String of(String effectId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(effectId.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
