package dev.weft.auth;

import dev.weft.common.InvalidFieldException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an API key may do. A scope is {@code <resource>:read} or {@code <resource>:write} (write
 * includes read), {@code *:read} is every read, and {@code *} (a key created without scopes) is
 * everything. Reads are GET and HEAD; anything else writes. Each {@code /v1} path belongs to one
 * resource; a path this table does not know needs a full key.
 */
public final class ApiScopes {

    /** Every scope: what a key created without {@code scopes} holds. */
    public static final String ALL = "*";
    /** Every read scope. */
    public static final String READ_ALL = "*:read";

    /** The resources scopes name, in the API's words, with the paths each covers. */
    enum Resource {
        RUNS("runs", "^/v1/workflows/runs(/.*)?$"),
        WORKFLOWS("workflows", "^/v1/workflows(/.*)?$"),
        WEBHOOKS("webhooks", "^/v1/webhooks(/.*)?$"),
        PROVIDERS("providers", "^/v1/(providers|budget|usage)(/.*)?$"),
        COLLECTIONS("collections", "^/v1/collections(/.*)?$"),
        ARTIFACTS("artifacts", "^/v1/artifacts(/.*)?$"),
        SCHEDULES("schedules", "^/v1/schedules(/.*)?$");

        final String wire;
        final Pattern paths;

        Resource(String wire, String paths) {
            this.wire = wire;
            this.paths = Pattern.compile(paths);
        }
    }

    /** Paths any valid key may read, whatever its scopes: the catalogue of step types. */
    private static final Pattern OPEN = Pattern.compile("^/v1/step-types(/.*)?$");

    /** Starting runs; a GET there reads a definition whose slug is {@code run}. */
    private static final Pattern START_RUNS = Pattern.compile("^/v1/workflows/run(/batch)?$");

    private ApiScopes() {}

    /** Every scope a key can be given, for messages and documentation. */
    public static List<String> known() {
        List<String> all = new java.util.ArrayList<>(List.of(ALL, READ_ALL));
        for (Resource r : Resource.values()) {
            all.add(r.wire + ":read");
            all.add(r.wire + ":write");
        }
        return all;
    }

    /**
     * The scopes as stored: checked, de-duplicated and sorted, or null for a full key.
     *
     * @throws InvalidFieldException naming {@code scopes[i]} for an unknown scope
     */
    static String normalize(List<String> scopes) {
        if (scopes == null) {
            return null;
        }
        if (scopes.isEmpty()) {
            throw new InvalidFieldException("scopes", "must name at least one scope; leave it out for a full key");
        }
        Set<String> known = Set.copyOf(known());
        Set<String> chosen = new java.util.TreeSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i) == null ? "" : scopes.get(i).strip().toLowerCase(Locale.ROOT);
            if (!known.contains(scope)) {
                throw new InvalidFieldException("scopes[" + i + "]", "unknown scope '" + scopes.get(i) + "'; one of "
                        + String.join(", ", known()));
            }
            chosen.add(scope);
        }
        return chosen.contains(ALL) ? null : String.join(",", chosen);
    }

    /** The stored form as a set; a full key holds {@link #ALL}. */
    static Set<String> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of(ALL);
        }
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The scope a request needs, or empty when any valid key may make it. */
    public static Optional<String> required(String method, String path) {
        if (OPEN.matcher(path).matches()) {
            return Optional.empty();
        }
        boolean read = method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
        if (!read && START_RUNS.matcher(path).matches()) {
            return Optional.of(Resource.RUNS.wire + ":write");
        }
        for (Resource r : Resource.values()) {
            if (r.paths.matcher(path).matches()) {
                return Optional.of(r.wire + (read ? ":read" : ":write"));
            }
        }
        return Optional.of(ALL);
    }

    /** Whether a key holding {@code granted} may act under {@code required}. */
    public static boolean allows(Set<String> granted, String required) {
        if (granted.contains(ALL) || granted.contains(required)) {
            return true;
        }
        if (required.equals(ALL)) {
            return false;
        }
        if (required.endsWith(":read")) {
            String resource = required.substring(0, required.indexOf(':'));
            return granted.contains(READ_ALL) || granted.contains(resource + ":write");
        }
        return false;
    }
}
