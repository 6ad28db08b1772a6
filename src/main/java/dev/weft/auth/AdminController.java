package dev.weft.auth;

import dev.weft.common.InvalidFieldException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for apps and keys; {@link AdminTokenFilter} has checked the admin token already. */
@RestController
@RequestMapping("/admin/apps")
class AdminController {

    record CreateAppRequest(String id, String name) {}

    /**
     * @param scopes    what the key may do, such as {@code ["runs:read", "runs:write"]} or {@code ["*:read"]};
     *                  left out for a full key
     * @param expiresAt when the key stops working; left out for never
     */
    record CreateKeyRequest(String name, List<String> scopes, Instant expiresAt) {}

    /** @param overlap how long the old key keeps working, ISO-8601 (default PT24H, at most P30D) */
    record RotateKeyRequest(Duration overlap) {}

    record RotatedKeyResponse(NewApiKey apiKey, String previousKeyId, Instant previousKeyExpiresAt) {}

    record CreatedAppResponse(String id, String name, Instant createdAt, NewApiKey apiKey) {}

    record AppList(List<App> apps) {}

    record KeyList(List<ApiKeyInfo> keys) {}

    private final AppDirectory directory;

    AdminController(AppDirectory directory) {
        this.directory = directory;
    }

    @PostMapping
    ResponseEntity<CreatedAppResponse> createApp(@RequestBody CreateAppRequest request) {
        var created = directory.createAppWithKey(request.id(), request.name());
        App app = created.app();
        return ResponseEntity.created(dev.weft.api.Urls.absoluteUri("/admin/apps/" + app.id()))
                .body(new CreatedAppResponse(app.id(), app.name(), app.createdAt(), created.apiKey()));
    }

    @GetMapping
    AppList listApps() {
        return new AppList(directory.listApps());
    }

    @PostMapping("/{appId}/keys")
    ResponseEntity<NewApiKey> createKey(@PathVariable String appId, @RequestBody(required = false) CreateKeyRequest request) {
        NewApiKey key = request == null ? directory.createKey(appId, null, null, null)
                : directory.createKey(appId, request.name(), request.scopes(), request.expiresAt());
        return ResponseEntity.created(dev.weft.api.Urls.absoluteUri("/admin/apps/" + appId + "/keys/" + key.id())).body(key);
    }

    /** A new key replacing this one; the old one keeps working for the overlap, so clients can switch. */
    @PostMapping("/{appId}/keys/{keyId}/rotate")
    ResponseEntity<RotatedKeyResponse> rotateKey(@PathVariable String appId, @PathVariable String keyId,
                                                 @RequestBody(required = false) RotateKeyRequest request) {
        Duration overlap = request == null || request.overlap() == null ? DEFAULT_OVERLAP : request.overlap();
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidFieldException("overlap", "must be from PT0S to P30D");
        }
        AppDirectory.Rotated rotated = directory.rotateKey(appId, keyId, overlap).orElseThrow(() ->
                Problems.exception(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                        "App '" + appId + "' has no active key '" + keyId + "'"));
        return ResponseEntity.created(dev.weft.api.Urls.absoluteUri("/admin/apps/" + appId + "/keys/" + rotated.key().id()))
                .body(new RotatedKeyResponse(rotated.key(), rotated.previousKeyId(), rotated.previousKeyExpiresAt()));
    }

    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    private static final Duration MAX_OVERLAP = Duration.ofDays(30);

    @GetMapping("/{appId}/keys")
    KeyList listKeys(@PathVariable String appId) {
        if (!directory.exists(appId)) {
            throw new UnknownAppException(appId);
        }
        return new KeyList(directory.listKeys(appId));
    }

    @DeleteMapping("/{appId}/keys/{keyId}")
    ResponseEntity<Void> revokeKey(@PathVariable String appId, @PathVariable String keyId) {
        if (!directory.revokeKey(appId, keyId)) {
            throw Problems.exception(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                    "App '" + appId + "' has no key '" + keyId + "'");
        }
        return ResponseEntity.noContent().build();
    }

}
