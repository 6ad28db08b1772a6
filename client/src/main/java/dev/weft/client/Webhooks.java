package dev.weft.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checking that a webhook delivery came from Weft, per Standard Webhooks: the
 * {@code webhook-signature} header holds one or more {@code v1,<base64 HMAC-SHA256>} signatures of
 * {@code webhook-id + "." + webhook-timestamp + "." + body}, made with the app's secret
 * ({@code whsec_...}, from {@code GET /v1/webhooks/secret}). Several signatures (and several
 * secrets here) are how a secret is rotated without dropping a delivery.
 */
public final class Webhooks {

    /** How far a delivery's timestamp may be from now: older or newer ones are refused (replays). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** A delivery that does not verify: says why, without echoing secrets. */
    public static final class InvalidSignatureException extends RuntimeException {
        public InvalidSignatureException(String message) {
            super(message);
        }
    }

    private Webhooks() {}

    /**
     * Verifies a delivery with any of the given secrets and the default tolerance.
     *
     * @param body    the request body exactly as received (not re-serialised)
     * @param headers the request headers (names in any case)
     * @throws InvalidSignatureException when a header is missing, the timestamp is outside the
     *                                   tolerance, or no signature matches any secret
     */
    public static void verify(String body, Map<String, String> headers, String... secrets) {
        verify(body, headers, List.of(secrets), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    public static void verify(String body, Map<String, String> headers, List<String> secrets, Duration tolerance,
                              Clock clock) {
        String id = header(headers, "webhook-id");
        String timestamp = header(headers, "webhook-timestamp");
        String signatures = header(headers, "webhook-signature");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException("webhook-timestamp is not a number of seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > tolerance.toSeconds()) {
            throw new InvalidSignatureException("webhook-timestamp is " + Math.abs(now - seconds)
                    + " s from now; at most " + tolerance.toSeconds() + " s is accepted");
        }
        String content = id + "." + seconds + "." + body;
        for (String secret : secrets) {
            byte[] expected = hmac(secret, content);
            for (String candidate : signatures.strip().split(" +")) {
                if (!candidate.startsWith("v1,")) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return;
                }
            }
        }
        throw new InvalidSignatureException("no signature in webhook-signature matches "
                + (secrets.size() == 1 ? "the secret" : "any of the " + secrets.size() + " secrets"));
    }

    private static String header(Map<String, String> headers, String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(name) && e.getValue() != null) {
                return e.getValue();
            }
        }
        throw new InvalidSignatureException("the " + name + " header is missing");
    }

    private static byte[] hmac(String secret, String content) {
        String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret is not whsec_ followed by base64");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
