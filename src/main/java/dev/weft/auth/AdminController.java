package dev.weft.auth;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    record CreateKeyRequest(String name) {}

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
        return ResponseEntity.created(URI.create("/admin/apps/" + app.id()))
                .body(new CreatedAppResponse(app.id(), app.name(), app.createdAt(), created.apiKey()));
    }

    @GetMapping
    AppList listApps() {
        return new AppList(directory.listApps());
    }

    @PostMapping("/{appId}/keys")
    ResponseEntity<NewApiKey> createKey(@PathVariable String appId, @RequestBody(required = false) CreateKeyRequest request) {
        NewApiKey key = directory.createKey(appId, request == null ? null : request.name());
        return ResponseEntity.created(URI.create("/admin/apps/" + appId + "/keys/" + key.id())).body(key);
    }

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

    @ExceptionHandler
    ProblemDetail conflict(AppAlreadyExistsException e) {
        return Problems.exception(HttpStatus.CONFLICT, "app-exists", "App already exists", e.getMessage()).getBody();
    }

    @ExceptionHandler
    ProblemDetail unknownApp(UnknownAppException e) {
        return Problems.exception(HttpStatus.NOT_FOUND, "not-found", "Not Found", e.getMessage()).getBody();
    }
}
