package dev.weft.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric (HMAC-SHA256, {@code v1}) scheme of the Standard Webhooks specification.
 *
 * <p>A secret is {@code whsec_} followed by the base64 of random bytes; the signed content is
 * {@code msgId + "." + timestampSeconds + "." + body}, and a signature is {@code v1,} followed by
 * the base64 of the HMAC. The {@code webhook-signature} header may hold several signatures
 * separated by spaces, which is how a secret is rotated: sign with the old and the new secret until
 * every receiver has the new one.
 */
public final class StandardWebhooks {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";

    private static final String VERSION_PREFIX = "v1,";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {
    }

    /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code v1,...} signature of one delivery.
     *
     * @param secret {@code whsec_...}; the prefix is optional, as in the reference libraries
     * @throws IllegalArgumentException if the secret is not base64
     */
    public static String sign(String secret, String msgId, long timestampSeconds, String body) {
        String content = msgId + "." + timestampSeconds + "." + body;
        return VERSION_PREFIX + Base64.getEncoder().encodeToString(hmac(key(secret), content));
    }

    /** The three headers of a delivery; several signatures are joined with spaces. */
    public static Map<String, String> headers(String msgId, long timestampSeconds, List<String> signatures) {
        if (signatures.isEmpty()) {
            throw new IllegalArgumentException("at least one signature is needed");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID_HEADER, msgId);
        headers.put(TIMESTAMP_HEADER, Long.toString(timestampSeconds));
        headers.put(SIGNATURE_HEADER, String.join(" ", signatures));
        return Map.copyOf(headers);
    }

    /**
     * Whether a delivery is authentic: its timestamp is within {@code toleranceSeconds} of
     * {@code nowSeconds} (either way) and one of its {@code v1} signatures matches, compared in
     * constant time. Header names are matched case-insensitively; missing or malformed headers make
     * the delivery unauthentic.
     *
     * @throws IllegalArgumentException if the secret is not base64 (a configuration error, not a
     *     bad delivery)
     */
    public static boolean verify(String secret, Map<String, String> headers, String body, long nowSeconds,
            long toleranceSeconds) {
        byte[] key = key(secret);
        String msgId = header(headers, ID_HEADER);
        String timestampText = header(headers, TIMESTAMP_HEADER);
        String signatures = header(headers, SIGNATURE_HEADER);
        if (msgId == null || timestampText == null || signatures == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmac(key, msgId + "." + timestamp + "." + body);
        boolean matched = false;
        for (String candidate : signatures.strip().split(" +")) {
            if (candidate.startsWith(VERSION_PREFIX)) {
                byte[] given = decodeOrEmpty(candidate.substring(VERSION_PREFIX.length()));
                // No early exit: the time taken does not tell which signature matched.
                matched |= MessageDigest.isEqual(expected, given);
            }
        }
        return matched;
    }

    private static String header(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().toLowerCase(Locale.ROOT).equals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static byte[] decodeOrEmpty(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not base64 (expected whsec_<base64>)", e);
        }
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
